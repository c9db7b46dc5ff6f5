"""`rightswatch eval dedup [FILE]`: pairwise precision and recall of cluster_id, for pairs in one
language and pairs across languages, on a labelled set run through the real dedup chain."""
from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

import click

from workflows.settings import PROJECT_ROOT

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared" / "data" / "stories" / "dev.jsonl"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "dedup" / "stories.jsonl"
KIND_NAMES = ["numbers", "dates", "names", "weak names", "organisations", "countries", "report index", "links",
              "name stems"]


def default_file() -> Path:
    return DEFAULT_SHARED if DEFAULT_SHARED.exists() else FIXTURE


def cluster(labelled: list[dict]) -> list:
    """Articles of the labelled set through tagging, exact dedup and clustering, one batch a day."""
    from pipelines import process
    from pipelines.models import Batch
    from pipelines.stories.dedup import Known

    articles = []
    for record in labelled:
        published = record.get("published")
        seen = record.get("seen") or (published or datetime(2026, 1, 1, tzinfo=timezone.utc)) + timedelta(minutes=20)
        article = process.from_record({**record, "language": record["lang"]}, seen)
        article.published_at = published
        article.story = record["story"]
        articles.append(article)
    process.tag_articles(articles)
    days: dict = {}
    for article in sorted(articles, key=lambda a: a.first_seen_at):
        days.setdefault(article.first_seen_at.date(), []).append(article)
    batches = [Batch(run_id=str(day), items=len(group), articles=group) for day, group in sorted(days.items())]
    process.deduplicate(batches, Known())
    final = {}
    for batch in batches:  # later batches may have merged earlier stories
        for old, new in batch.merges.items():
            for key, value in final.items():
                if value == old:
                    final[key] = new
        for article in batch.articles:
            final[article.article_id] = article.cluster_id
    kept = [a for b in batches for a in b.articles]
    for article in kept:
        article.cluster_id = final[article.article_id]
    return kept


def pair_counts(articles: list) -> dict[str, Counter]:
    """For 'same-language' and 'cross-language' pairs: true (same story), predicted (same
    cluster) and both."""
    counts = {"same-language": Counter(), "cross-language": Counter()}
    for a, b in combinations(articles, 2):
        kind = "same-language" if a.language == b.language else "cross-language"
        truth, guess = a.story == b.story, a.cluster_id == b.cluster_id
        counts[kind]["true"] += truth
        counts[kind]["predicted"] += guess
        counts[kind]["both"] += truth and guess
    return counts


def scores(c: Counter) -> tuple[float, float]:
    precision = c["both"] / c["predicted"] if c["predicted"] else 1.0
    recall = c["both"] / c["true"] if c["true"] else 1.0
    return precision, recall


def figures_of(labelled: list[dict]) -> dict:
    """Cluster a labelled set and score it: pair counts and P/R per pair kind, stories (clusters)
    against the truth and the largest of each."""
    start = time.perf_counter()
    kept = cluster(labelled)
    seconds = time.perf_counter() - start
    counts = pair_counts(kept)
    truth, found = Counter(a.story for a in kept), Counter(a.cluster_id for a in kept)
    return {"articles": len(labelled), "labelled": labelled, "kept": kept, "stories": len({r["story"] for r in labelled}),
            "clusters": len(found), "largest": max(found.values(), default=0),
            "largest_story": max(truth.values(), default=0), "counts": counts, "seconds": seconds,
            **{kind: scores(c) for kind, c in counts.items()}}


def evaluate(path: Path, seed: int = 7) -> dict:
    """Figures for tests and the command on the clean mix (or a file taken as it is)."""
    from evals.dedup_set import labelled_set, read_records

    return figures_of(labelled_set(read_records(path), seed))


def evaluate_wrapped(path: Path, seed: int = 1, styles: str = "default") -> dict[str, dict]:
    """Figures on one seed's wrapped set and on the same articles without the wrapping:
    {"clean": ..., "wrapped": ...}."""
    from evals.dedup_set import read_records
    from evals.dedup_wrapped import wrapped_set

    wrapped = wrapped_set(read_records(path), seed, styles)
    clean = [{**r, "text": r["clean_text"]} for r in wrapped]
    return {"clean": figures_of(clean), "wrapped": figures_of(wrapped)}


def off(figures: dict) -> float:
    """How far the number of stories found is from the truth, as a share of the truth."""
    return (figures["clusters"] - figures["stories"]) / figures["stories"] if figures["stories"] else 0.0


def _ablation(path: Path, seed: int) -> list[tuple[str, float, float]]:
    """Cross-language figures with each kind of signal left out of every article's keys."""
    from pipelines.stories import story_link

    features = story_link.features
    rows = []
    try:
        for kind, name in enumerate(KIND_NAMES):
            story_link.features = lambda *a, _k=kind, **kw: [f for f in features(*a, **kw) if f[0] != _k]
            figures = evaluate(path, seed)
            rows.append((name, *figures["cross-language"]))
    finally:
        story_link.features = features
    return rows


def _seeds(value: str | None) -> list[int]:
    try:
        return [int(v) for v in (value or "").split(",") if v.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r}: seeds are integers separated by commas") from None


def _wrapped_rows(path: Path, seeds: list[int], styles: str, errors: bool = False) -> list[dict]:
    """The per-seed table of clean and wrapped figures; returns the wrapped figures."""
    click.echo("")
    click.echo(f"wrapped sets, styles: {styles} (clean: the same articles without the outlets' wrapping)")
    click.echo(f"{'seed':>4}  {'set':<8}{'articles':>9}{'same P':>8}{'same R':>8}{'cross P':>9}{'cross R':>9}"
               f"{'stories':>9}{'truth':>7}{'off':>8}{'largest':>9}{'truth':>7}{'time':>8}")
    wrapped = []
    for seed in seeds:
        figures = evaluate_wrapped(path, seed, styles)
        wrapped.append(figures["wrapped"])
        for name, f in figures.items():
            (sp, sr), (cp, cr) = f["same-language"], f["cross-language"]
            click.echo(f"{seed:>4}  {name:<8}{f['articles']:>9}{sp:>8.3f}{sr:>8.3f}{cp:>9.3f}{cr:>9.3f}"
                       f"{f['clusters']:>9}{f['stories']:>7}{off(f):>+8.1%}{f['largest']:>9}{f['largest_story']:>7}"
                       f"{f['seconds']:>7.1f}s")
    if errors:
        _wrong_pairs(wrapped)
    return wrapped


def _wrong_pairs(wrapped: list[dict]) -> None:
    """Pairs of the wrapped sets (all seeds together) joined wrongly or missed, by what they share."""
    from evals.dedup_wrapped import wrong_pairs

    totals: dict[str, Counter] = {}
    for figures in wrapped:
        for name, counts in wrong_pairs(figures["labelled"], figures["kept"]).items():
            totals.setdefault(name, Counter()).update(counts)
    for name, counts in totals.items():
        click.echo("")
        click.echo(f"pairs {name} (wrapped, all seeds)")
        for (kind, cause), n in counts.most_common():
            click.echo(f"{n:>7}  {kind:<16}{cause}")


@click.command("dedup")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--seed", type=int, default=None, help="Seed of the clean mix (default 7) and, unless --seeds "
              "is given, the one seed of the wrapped set.")
@click.option("--seeds", default=None, help="Seeds of the wrapped sets, comma-separated  [default: 1,2,3]")
@click.option("--styles", type=click.Choice(["default", "unseen"]), default="default", show_default=True,
              help="Style family of the outlets' wrapping: `unseen` is written independently of the default.")
@click.option("--ablate", is_flag=True, help="Also show cross-language figures with each signal left out.")
@click.option("--errors", is_flag=True, help="Also count the wrapped sets' wrong pairs by what they share "
              "(anniversary trap, same day, a quoted title; missed reposts, menu-first texts, undated).")
def command(file: Path | None, seed: int | None, seeds: str | None, styles: str, ablate: bool, errors: bool) -> None:
    """Pairwise precision and recall of story clusters (default: the shared parallel stories,
    mixed with generated republications, then per seed wrapped as outlets publish them; else
    the project's own fixture set, taken as it is)."""
    from evals.dedup_set import read_records

    path = file or default_file()
    wrapped_seeds = _seeds(seeds) or ([seed] if seed is not None else [1, 2, 3])
    seed = 7 if seed is None else seed
    figures = evaluate(path, seed)
    click.echo(f"set: {path.name}  articles: {figures['articles']} (kept {len(figures['kept'])})  "
               f"stories: {figures['stories']}  clusters: {figures['clusters']}  "
               f"largest: {figures['largest']} (truth {figures['largest_story']})  "
               f"time: {figures['seconds']:.1f} s")
    languages = Counter(a.language for a in figures["kept"])
    click.echo("articles per language: " + ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    click.echo("")
    click.echo(f"{'pairs':<16}{'true':>8}{'predicted':>11}{'both':>8}{'precision':>11}{'recall':>8}")
    for kind in ("same-language", "cross-language"):
        c = figures["counts"][kind]
        p, r = figures[kind]
        click.echo(f"{kind:<16}{c['true']:>8}{c['predicted']:>11}{c['both']:>8}{p:>11.3f}{r:>8.3f}")
    if ablate:
        click.echo("")
        click.echo(f"{'left out':<16}{'cross P':>9}{'cross R':>9}")
        for name, p, r in _ablation(path, seed):
            click.echo(f"{name:<16}{p:>9.3f}{r:>9.3f}")
    note = ""
    if not all(r.get("url") for r in read_records(path)):  # parallel stories: also wrap them
        wrapped = _wrapped_rows(path, wrapped_seeds, styles, errors)
        figures = {kind: (min(f[kind][0] for f in wrapped), min(f[kind][1] for f in wrapped))
                   for kind in ("same-language", "cross-language")}
        note = f"  (wrapped, {styles} styles, lowest of seeds {','.join(map(str, wrapped_seeds))})"
    click.echo("")
    sp, sr = figures["same-language"]
    cp, cr = figures["cross-language"]
    click.echo(f"same-language:  precision {sp:.3f}  recall {sr:.3f}{note}")
    click.echo(f"cross-language: precision {cp:.3f}  recall {cr:.3f}{note}")
