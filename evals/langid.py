"""`rightswatch eval langid [FILE…]`: accuracy of language identification on labelled JSON lines.

Rows whose `lang` is one of the region's twelve count towards per-language accuracy (by script and
length); other rows measure how often foreign text is claimed as one of the twelve."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click

from core.errors import BadInput
from evals.labelled import json_lines, require
from pipelines import region
from pipelines.language.langid_rules import script_counts
from workflows.settings import PROJECT_ROOT, Settings

TWELVE = frozenset(region.LANGUAGES)
DEFAULT_FILES = ("dev.jsonl", "other-dev.jsonl")
DATA_DIR = PROJECT_ROOT.parent / "shared" / "data" / "langid"
LENGTHS = ("full", "short")


@dataclass
class Scores:
    """Hits per (lang, script, len) group, confusions, and foreign rows claimed as ours."""

    hits: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # key -> [right, all]
    confusions: Counter = field(default_factory=Counter)  # (expected, answered, len) -> n
    foreign: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # len -> [claimed, all]
    claimed: Counter = field(default_factory=Counter)  # (lang, answered, len) -> n
    off_script: Counter = field(default_factory=Counter)  # "lang-script" -> rows without one such letter

    def accuracy(self, key) -> float:
        right, total = self.hits[key]
        return right / total if total else 0.0

    def macro(self, length: str) -> float | None:
        groups = [self.accuracy(k) for k in self.hits if k[2] == length]
        return sum(groups) / len(groups) if groups else None

    def claimed_share(self, length: str | None = None) -> float | None:
        rows = [v for k, v in self.foreign.items() if length in (None, k)]
        total = sum(v[1] for v in rows)
        return sum(v[0] for v in rows) / total if total else None


def load_rows(path: Path) -> list[dict]:
    """Labelled rows of one JSON-lines file; a bad line is BadInput naming file and line."""
    rows = []
    for number, row in json_lines(path, "the langid dev data lives in ../shared/data/langid/ "
                                        "beside the project; or pass FILE"):
        require(path, number, isinstance(row.get("text"), str) and bool(row.get("lang")),
                "expected an object with 'text' and 'lang'")
        rows.append(row)
    return rows


def evaluate(rows: list[dict], detect) -> Scores:
    """Score `detect(text) -> LangResult` on labelled rows (`lang`, optional `script` and `len`)."""
    scores = Scores()
    for row in rows:
        result = detect(row["text"])
        length = row.get("len", "full")
        if row["lang"] in TWELVE:
            key = (row["lang"], row.get("script", ""), length)
            right = result.lang == row["lang"] and result.script == key[1] if key[1] else \
                result.lang == row["lang"]
            scores.hits[key][0] += right
            scores.hits[key][1] += 1
            if key[1] and key[1] not in script_counts(row["text"]):
                scores.off_script[f"{key[0]}-{key[1]}"] += 1  # a label the text contradicts
            if not right:
                answer = f"{result.lang}-{result.script}" if key[1] else result.lang
                scores.confusions[(f"{key[0]}-{key[1]}" if key[1] else key[0], answer, length)] += 1
        else:
            ours = result.lang in TWELVE
            scores.foreign[length][0] += ours
            scores.foreign[length][1] += 1
            if ours:
                scores.claimed[(row["lang"], result.lang, length)] += 1
    return scores


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def report(scores: Scores, top: int = 12) -> list[str]:
    """The tables, then the headline figures last."""
    lines = []
    if scores.hits:
        lines.append(f"{'lang-script':<12}" + "".join(f"{n:>16}" for n in LENGTHS))
        for lang, script in sorted({k[:2] for k in scores.hits}):
            cells = []
            for length in LENGTHS:
                right, total = scores.hits.get((lang, script, length), (0, 0))
                cells.append(f"{_pct(right / total) if total else '-':>8} ({right}/{total})"
                             .rjust(16) if total else f"{'-':>16}")
            lines.append(f"{lang + '-' + script if script else lang:<12}" + "".join(cells))
        if scores.confusions:
            lines.append("")
            lines.append("main confusions (expected -> answered, length: count)")
            for (want, got, length), n in scores.confusions.most_common(top):
                lines.append(f"  {want} -> {got}, {length}: {n}")
        if scores.off_script:
            groups = ", ".join(f"{k} {n}" for k, n in sorted(scores.off_script.items()))
            lines.append(f"  rows with no letter of their labelled script (mislabelled? counted "
                         f"as labelled): {sum(scores.off_script.values())} ({groups})")
    if scores.foreign:
        lines.append("")
        lines.append("other languages claimed as one of the twelve")
        for length in LENGTHS:
            if length in scores.foreign:
                claimed, total = scores.foreign[length]
                lines.append(f"  {length}: {claimed}/{total}")
        for (lang, got, length), n in scores.claimed.most_common(top):
            lines.append(f"  {lang} -> {got}, {length}: {n}")
    lines.append("")
    for length in LENGTHS:
        if scores.macro(length) is not None:
            lines.append(f"macro accuracy {length}: {_pct(scores.macro(length))}")
    for length in LENGTHS:
        if scores.claimed_share(length) is not None:
            lines.append(f"other languages claimed {length}: {_pct(scores.claimed_share(length))}")
    return lines


@click.command("langid")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--backend", default=None, help="Language-id backend (default: region).")
def command(files: tuple[Path, ...], backend: str | None) -> None:
    """Language-id accuracy per language, script and length; default: the shared dev files."""
    from pipelines.language import language
    from workflows import langid_cache

    langid_cache.install(Settings.resolve())
    backend = backend or language.DEFAULT_BACKEND
    if backend not in language.BACKENDS:
        raise BadInput(f"--backend: unknown backend '{backend}' "
                       f"(expected {', '.join(language.BACKENDS)})")
    paths = list(files) or [DATA_DIR / name for name in DEFAULT_FILES]
    rows = [row for path in paths for row in load_rows(path)]
    scores = evaluate(rows, lambda text: language.detect(text, backend=backend))
    click.echo(f"backend: {backend}; files: {', '.join(p.name for p in paths)}; rows: {len(rows)}")
    for line in report(scores):
        click.echo(line)
