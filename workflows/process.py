"""`rightswatch process` and Dagster's processing assets: landed runs through the pipelines into
the warehouse. Both run the same functions in the same order, run by run:
`extract_run` -> `identify` -> `tag` -> `drop_copies` -> `store` (stories placed, the batch loaded,
and the story index that placed them saved), so there is one way to load; then the search index
takes in what was loaded (workflows/search.py)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipelines import process as chain
from pipelines.models import Batch, Unreadable  # Batch: a run on its way through the steps (Dagster's asset values)
from pipelines.stories.dedup import Known
from pipelines.tagging import tagging
from scrapers import landing
from warehouse import clusters, clusters_refresh, db, load, locks
from workflows import langid_cache
from workflows.search import refresh_index
from workflows.settings import Settings

MAX_RUN_ATTEMPTS = 3  # a landing run failing as a whole this often is set aside

Progress = Callable[[str], None]
Step = Callable[[str, str, int, int], None]


@dataclass
class ProcessSummary:
    runs: int = 0
    items: int = 0
    articles: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)  # documents set aside: "url: reason"
    not_articles: int = 0  # readable pages without an article: section fronts, lists
    failed_runs: list[str] = field(default_factory=list)  # runs that failed as a whole: "run: reason"

    def add(self, batch: Batch, inserted: int) -> None:
        self.runs += 1
        self.items += batch.items
        self.articles += inserted
        self.duplicates += batch.duplicates
        self.not_articles += len(batch.not_articles)
        self.failures += [f"{f.url}: {f.reason}" for f in batch.failures]


def landed_runs(settings: Settings, prefix: str = "") -> list[str]:
    """Names of the published landing runs (those starting with `prefix`), oldest first."""
    return [run.name for run in landing.published_runs(settings.landing) if run.name.startswith(prefix)]


def read_run(run_dir: Path) -> tuple[dict, list, list[Unreadable]]:
    """A published landing run: its manifest, its landed items, and the lines that could not be
    read as items (set aside; the others go on)."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    items, broken = [], []
    with open(run_dir / "items.jsonl", "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(chain.parse_landed_line(line.decode("utf-8"), manifest["run_id"]))
            except Exception as exc:
                broken.append(Unreadable(url=f"landing:{run_dir.name}/items.jsonl:{number}", stage="read",
                                         reason=chain.reason(exc), size=len(line)))
    return manifest, items, broken


def loaded_run_ids(settings: Settings) -> set[str]:
    """The runs the warehouse has loaded (it is created or migrated first)."""
    db.ensure(settings.warehouse)
    with db.reader(settings.warehouse) as con:
        return load.loaded_run_ids(con)


def pending_runs(settings: Settings) -> list[Path]:
    """Published landing runs the warehouse has not loaded, oldest first."""
    runs = landing.published_runs(settings.landing)
    if not runs:
        return []
    done = loaded_run_ids(settings)
    return [run for run in runs if run.name not in done]


def extract_run(settings: Settings, run_id: str, step: Step | None = None) -> Batch:
    """Every document of one landing run extracted; one that fails is set aside in the batch.
    `step(run_id, source_id, n, total)` hears the run start (n 0), each document's turn, and the
    end of extraction (source_id empty, n = total)."""
    step = step or (lambda *_: None)
    manifest, items, broken = read_run(settings.landing / run_id)
    total = len(items)
    step(run_id, "", 0, total)
    batch = chain.extract_batch(run_id, items, manifest, unreadable=broken,
                                starting=lambda n, item: step(run_id, item.source_id, n, total))
    step(run_id, "", total, total)
    return batch


def identify(settings: Settings, batches: list[Batch]) -> list[Batch]:
    """Language and script of each article; a failing one is quarantined."""
    langid_cache.install(settings)
    return [chain.identify(batch) for batch in batches]


def tag(batches: list[Batch]) -> list[Batch]:
    """Topics, countries, organisations and relevance of each article; a failing one is quarantined."""
    return [chain.tag(batch) for batch in batches]


def relevant(batches: list[Batch]) -> int:
    """How many articles reach the relevance threshold."""
    return sum(a.relevance >= tagging.RELEVANCE_THRESHOLD for b in batches for a in b.articles)


def drop_copies(settings: Settings, batches: list[Batch]) -> list[Batch]:
    """Exact copies of stored articles (and of earlier batches') dropped; changed or gone stored
    articles recorded as versions."""
    with db.reader(settings.warehouse) as con:
        known = load.copies_state(con)
    return chain.drop_copies(batches, known)


def store(settings: Settings, batches: list[Batch], what: str = "process") -> int:
    """Place each kept article in its story and load the batches, holding DuckDB's write lock only
    for the load; then save the story index that placed them. Returns the articles inserted."""
    folder = clusters.index_dir(settings.home)
    with locks.writer(settings.home, what):
        with db.reader(settings.warehouse) as con:
            known = Known(index=clusters.open_index(con, folder))
        chain.place_stories(batches, known)
        with db.writer(settings.warehouse) as con:
            inserted = sum(load.load_batch(con, batch) for batch in batches)
            after = clusters.stamp(con)
        clusters.save_index(known.index, folder, after)
    return inserted


def refresh_clusters(settings: Settings, day: str) -> dict:
    """The `clusters` rows of one day's stories recomputed from their articles."""
    with db.writer(settings.warehouse) as con:
        return clusters_refresh.refresh_day(con, day)


def process_batch(settings: Settings, batch: Batch) -> int:
    """An extracted batch (a landing run, an ingested file) through the rest of the chain."""
    identify(settings, [batch])
    tag([batch])
    drop_copies(settings, [batch])
    return store(settings, [batch])


def _process_run(settings: Settings, run_dir: Path, step: Step) -> tuple[Batch, int]:
    batch = extract_run(settings, run_dir.name, step)
    return batch, process_batch(settings, batch)


def _run_failed(settings: Settings, run_dir: Path, exc: Exception) -> tuple[str, int]:
    """Count the failed attempt; past MAX_RUN_ATTEMPTS the run is set aside, never retried for ever."""
    with db.writer(settings.warehouse) as con:
        return load.run_failed(con, run_dir.name, chain.reason(exc), MAX_RUN_ATTEMPTS)


def process_landed(settings: Settings, progress: Progress = print, step: Step | None = None) -> ProcessSummary:
    """Extract, identify, tag, dedup and load every landed run not loaded yet, one run at a time.

    A document that fails is set aside in its run; a run that fails as a whole is counted and the
    next runs go on (the summary lists it, and the caller exits 1). `step(run_id, source_id, n,
    total)` hears a run start (n 0), its n-th document's extraction start, and the rest of its
    processing start (source_id empty, n = total): a progress display."""
    settings.ensure()
    summary = ProcessSummary()
    step = step or (lambda *_: None)
    with locks.writer(settings.home, "process"):
        for run_dir in pending_runs(settings):
            try:
                batch, inserted = _process_run(settings, run_dir, step)
            except Exception as exc:
                status, attempts = _run_failed(settings, run_dir, exc)
                summary.failed_runs.append(f"{run_dir.name}: {chain.reason(exc)}")
                progress(f"  run {run_dir.name} failed (attempt {attempts} of {MAX_RUN_ATTEMPTS}): "
                         f"{chain.reason(exc)}; " + ("set aside, not retried" if status == "quarantined"
                                                     else "retried by the next process"))
                continue
            summary.add(batch, inserted)
            progress(f"  run {batch.run_id}: {batch.items} documents, {inserted} new articles, "
                     f"{batch.duplicates} duplicates, {len(batch.failures)} unreadable, "
                     f"{len(batch.not_articles)} not articles"
                     + (f", {len(batch.versions)} changed or gone" if batch.versions else ""))
            for failure in batch.failures:
                progress(f"    unreadable ({failure.stage}): {failure.url}: {failure.reason}")
        refreshed = refresh_index(settings)  # also catches up after a run killed before it got here
        if refreshed.indexed:
            progress(f"  search index: {refreshed.indexed} articles added, {refreshed.total} in all"
                     + (" (rebuilt)" if refreshed.rebuilt else ""))
    return summary
