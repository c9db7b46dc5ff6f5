"""`rightswatch eval tags [FILE]`: precision and recall of topics, countries, organisations and
relevance per language key, on labelled passages run through `pipelines.tagging.tag`.

Each line of FILE is a JSON object: `language` (kk ky ru uz-Cyrl uz-Latn tg tk hy az ka be uk
en; `lang` and plain `uz` are accepted too), `title`, `text`, `topics`, `countries`,
`organizations` (lists), `relevant` (bool) and an optional `split` (`dev`, the default, or
`test`: passages written before the rules were tuned and never tuned on).
Counts are micro: every expected or produced label is one decision; `sub-topics` counts the
topics other than lgbt and assembly."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click

from core.errors import BadInput
from evals.labelled import json_lines, require
from pipelines.region import LANGUAGE_KEYS
from workflows.settings import PROJECT_ROOT

DEFAULT_FILE = PROJECT_ROOT / "tests" / "fixtures" / "tags" / "labelled.jsonl"
FIELDS = ("topics", "countries", "organizations")
HEADLINE = ("lgbt", "assembly")
SUBTOPICS = "sub-topics"
SPLITS = ("dev", "test")


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: set, got: set) -> None:
        self.tp += len(expected & got)
        self.fp += len(got - expected)
        self.fn += len(expected - got)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Scores:
    """Counts per (language, what): what is a field, a topic id, or "relevant"."""

    counts: dict = field(default_factory=lambda: defaultdict(Count))
    rows: dict = field(default_factory=lambda: defaultdict(int))
    errors: list = field(default_factory=list)  # (line, what, missed, extra)

    def total(self, what: str) -> Count:
        out = Count()
        for (_, w), c in self.counts.items():
            if w == what:
                out.tp, out.fp, out.fn = out.tp + c.tp, out.fp + c.fp, out.fn + c.fn
        return out


def load_rows(path: Path) -> list[dict]:
    """Labelled passages of one JSON-lines file; a bad line is BadInput naming file and line."""
    rows = []
    for number, row in json_lines(path):
        require(path, number, isinstance(row.get("text"), str), "expected an object with 'text'")
        language = row.get("language", row.get("lang"))
        if language == "uz":  # Uzbek without its script: the text's letters decide
            cyrillic = sum("\u0400" <= c <= "\u04ff" for c in row["text"])
            language = "uz-Cyrl" if cyrillic * 2 > sum(c.isalpha() for c in row["text"]) else "uz-Latn"
        if language not in LANGUAGE_KEYS:
            raise BadInput(f"{path}:{number}: 'language' must be one of {' '.join(LANGUAGE_KEYS)}")
        row = {**row, "language": language}
        for name in FIELDS:
            value = row.get(name, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BadInput(f"{path}:{number}: '{name}' must be a list of strings")
        if not isinstance(row.get("relevant", False), bool):
            raise BadInput(f"{path}:{number}: 'relevant' must be true or false")
        if row.setdefault("split", "dev") not in SPLITS:
            raise BadInput(f"{path}:{number}: 'split' must be one of {' '.join(SPLITS)}")
        rows.append({**row, "line": number})
    if not rows:
        raise BadInput(f"{path}: no labelled passages")
    return rows


def evaluate(rows: list[dict], tagger=None) -> Scores:
    """Score ``tagger(title, text, language) -> Tags`` (default: the project's tagger)."""
    from pipelines.tagging.tagging import RELEVANCE_THRESHOLD, tag

    tagger = tagger or tag
    scores = Scores()
    for row in rows:
        language = row["language"]
        got = tagger(row.get("title", ""), row["text"], language)
        scores.rows[language] += 1
        for name in FIELDS:
            expected, produced = set(row.get(name, [])), set(getattr(got, name))
            scores.counts[language, name].add(expected, produced)
            if expected != produced:
                scores.errors.append((row["line"], language, name, sorted(expected - produced),
                                      sorted(produced - expected)))
            if name == "topics":
                for topic in HEADLINE:
                    scores.counts[language, topic].add(expected & {topic}, produced & {topic})
                scores.counts[language, SUBTOPICS].add(expected - set(HEADLINE), produced - set(HEADLINE))
        relevant = got.relevance >= RELEVANCE_THRESHOLD
        scores.counts[language, "relevant"].add({True} & {row.get("relevant", False)}, {True} & {relevant})
        if relevant != row.get("relevant", False):
            scores.errors.append((row["line"], language, "relevant", [row.get("relevant", False)], [got.relevance]))
    return scores


def _pr(count: Count) -> str:
    p, r = count.precision, count.recall
    return f"{'-' if p is None else f'{p:.2f}':>5} {'-' if r is None else f'{r:.2f}':>5}"


def report(scores: Scores, errors: bool = False) -> list[str]:
    """The per-language table (precision, recall), then the headline figures last."""
    columns = ("lgbt", "assembly", SUBTOPICS, "countries", "organizations", "relevant")
    lines = [f"{'language':<9}{'n':>4}  " + "".join(f"{c:>14}" for c in columns),
             f"{'':<13}  " + "".join(f"{'P     R':>14}" for _ in columns)]
    for language in [k for k in LANGUAGE_KEYS if k in scores.rows]:
        cells = "".join(f"{_pr(scores.counts[language, c]):>14}" for c in columns)
        lines.append(f"{language:<9}{scores.rows[language]:>4}  {cells}")
    total = "".join(f"{_pr(scores.total(c)):>14}" for c in columns)
    lines.append(f"{'all':<9}{sum(scores.rows.values()):>4}  {total}")
    if errors:
        lines.append("")
        lines.append("differences (line, language, field: missed / extra)")
        for line, language, name, missed, extra in scores.errors:
            lines.append(f"  {line:>4} {language:<8} {name:<13} -{missed} +{extra}")
    lines.append("")
    for what in ("lgbt", "assembly", SUBTOPICS, "countries", "topics", "organizations", "relevant"):
        count = scores.total(what)
        p, r = count.precision or 0.0, count.recall or 0.0
        lines.append(f"{what} micro precision {p:.3f} recall {r:.3f}")
    return lines


@click.command("tags")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list every passage whose tags differ.")
@click.option("--split", type=click.Choice(("all",) + SPLITS), default="all", show_default=True,
              help="Score only the tuning passages (dev) or the held-back ones (test).")
def command(file: Path | None, errors: bool, split: str) -> None:
    """Tagging precision and recall per language; default: the project's labelled passages."""
    path = file or DEFAULT_FILE
    rows = [r for r in load_rows(path) if split in ("all", r["split"])]
    if not rows:
        raise BadInput(f"{path}: no passages in split {split!r}")
    click.echo(f"file: {path.name}; split: {split}; passages: {len(rows)}")
    for line in report(evaluate(rows), errors):
        click.echo(line)
