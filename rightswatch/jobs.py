"""The commands' work, composed from the layers; the CLI and the demo call these."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from core.errors import BadInput
from pipelines import process
from pipelines.ingest import MAX_LINE_BYTES, read_jsonl
from pipelines.models import Batch, Unreadable
from rightswatch.settings import Settings
from scrapers import landing
from scrapers.crawl import CrawlFailed, crawl
from scrapers.registry import Source
from scrapers.settings import LOOPBACK
from warehouse import clusters, db, load, locks, sql

MAX_RUN_ATTEMPTS = 3  # a landing run failing as a whole this often is set aside

Progress = Callable[[str], None]
MAX_NAMED_FAILURES = 5


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


def crawl_sources(settings: Settings, sources: list[Source], overrides: dict | None = None,
                  contact: str | None = None, progress: Progress = print,
                  since: datetime | None = None, workers: int = 1, frontier: str | None = None,
                  reset_frontier: bool = False, finished: Progress | None = None,
                  outlets: list[Source] | None = None) -> dict:
    """One crawl process, or `workers` processes sharing the Redis frontier at `frontier`.

    A run where every source failed is a failure (CrawlFailed), raised once the run is landed
    as evidence; `finished` hears the id of each source done (one crawl process only);
    `outlets` is the whole registry, so a Telegram post's link lands as its outlet's article."""
    settings.ensure()
    if settings.allow_loopback:
        overrides = {**(overrides or {}), **LOOPBACK}
    if frontier:
        from scrapers.crawl_workers import crawl_workers
        return crawl_workers(settings.home, sources, workers=workers, frontier_url=frontier,
                             reset=reset_frontier, contact=contact, overrides=overrides,
                             progress=progress, since=since)
    if workers > 1 or reset_frontier:
        raise BadInput("--workers above 1 and --reset-frontier need --frontier redis://HOST:PORT/DB")
    manifest = crawl(settings.home, sources, contact=contact, overrides=overrides, progress=progress,
                     since=since, finished=finished, outlets=outlets)
    failed = [s for s in manifest["sources"] if s.get("status") == "failed"]
    if failed and len(failed) == len(manifest["sources"]):
        named = ", ".join(f"{s['source_id']} ({', '.join(s.get('errors_by_kind') or {}) or 'failed'})"
                          for s in failed[:MAX_NAMED_FAILURES])
        more = len(failed) - MAX_NAMED_FAILURES
        raise CrawlFailed(f"every source failed: {named}{f' and {more} more' if more > 0 else ''}; "
                          f"run {manifest['run_id']} is kept as evidence (`process` loads its errors into crawl_runs)")
    return manifest


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
                items.append(process.parse_landed_line(line.decode("utf-8"), manifest["run_id"]))
            except Exception as exc:
                broken.append(Unreadable(url=f"landing:{run_dir.name}/items.jsonl:{number}", stage="read",
                                         reason=process.reason(exc), size=len(line)))
    return manifest, items, broken


def pending_runs(settings: Settings) -> list[Path]:
    """Published landing runs the warehouse has not loaded, oldest first."""
    runs = landing.published_runs(settings.landing)
    if not runs:
        return []
    db.ensure(settings.warehouse)
    with db.reader(settings.warehouse) as con:
        done = load.loaded_run_ids(con)
    return [run for run in runs if run.name not in done]


def _load(settings: Settings, batch: Batch) -> int:
    """Process outside any connection; hold DuckDB's write lock only for the load itself (the
    caller holds the home's writer lock throughout)."""
    db.ensure(settings.warehouse)
    folder = clusters.index_dir(settings.home)
    with db.reader(settings.warehouse) as con:
        known = load.known_state(con, folder)
    process.run(batch, known)
    with db.writer(settings.warehouse) as con:
        inserted = load.load_batch(con, batch)
        after = clusters.stamp(con)
    clusters.save_index(known.index, folder, after)
    return inserted


def _process_run(settings: Settings, run_dir: Path,
                 step: Callable[[str, str, int, int], None]) -> tuple[Batch, int]:
    manifest, items, broken = read_run(run_dir)
    run_id, total = run_dir.name, len(items)
    step(run_id, "", 0, total)
    batch = process.extract_batch(run_id, items, manifest, unreadable=broken,
                                  starting=lambda n, item: step(run_id, item.source_id, n, total))
    step(run_id, "", total, total)
    return batch, _load(settings, batch)


def _run_failed(settings: Settings, run_dir: Path, exc: Exception) -> tuple[str, int]:
    """Count the failed attempt; past MAX_RUN_ATTEMPTS the run is set aside, never retried for ever."""
    with db.writer(settings.warehouse) as con:
        return load.run_failed(con, run_dir.name, process.reason(exc), MAX_RUN_ATTEMPTS)


def process_landed(settings: Settings, progress: Progress = print,
                   step: Callable[[str, str, int, int], None] | None = None) -> ProcessSummary:
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
                summary.failed_runs.append(f"{run_dir.name}: {process.reason(exc)}")
                progress(f"  run {run_dir.name} failed (attempt {attempts} of {MAX_RUN_ATTEMPTS}): "
                         f"{process.reason(exc)}; " + ("set aside, not retried" if status == "quarantined"
                                                       else "retried by the next process"))
                continue
            summary.add(batch, inserted)
            progress(f"  run {batch.run_id}: {batch.items} documents, {inserted} new articles, "
                     f"{batch.duplicates} duplicates, {len(batch.failures)} unreadable, "
                     f"{len(batch.not_articles)} not articles"
                     + (f", {len(batch.versions)} changed or gone" if batch.versions else ""))
            for failure in batch.failures:
                progress(f"    unreadable ({failure.stage}): {failure.url}: {failure.reason}")
    return summary


def ingest_file(settings: Settings, path: Path, progress: Progress = print,
                max_line_bytes: int = MAX_LINE_BYTES) -> ProcessSummary:
    """Already-extracted articles through the same chain; a bad line rejects the whole file."""
    records = read_jsonl(path, max_line_bytes)
    settings.ensure()
    with locks.writer(settings.home, "ingest"):
        seen = datetime.now(timezone.utc)
        batch = Batch(run_id=f"ingest-{seen.strftime('%Y%m%dT%H%M%S%fZ')}", items=len(records),
                      articles=[process.from_record(r, seen) for r in records])
        for article in batch.articles:
            article.run_id = batch.run_id
        inserted = _load(settings, batch)
    progress(f"  {path}: {batch.items} records, {inserted} new articles, {batch.duplicates} duplicates"
             + (f", {len(batch.failures)} set aside as unreadable" if batch.failures else ""))
    summary = ProcessSummary()
    summary.add(batch, inserted)
    return summary


def parse_day(value: str, option: str = "--since") -> datetime:
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    except ValueError:
        raise BadInput(f"{option}: not a date (expected YYYY-MM-DD): {value!r}") from None


def write_report(settings: Settings, since: datetime | None, formats: list[str],
                 out: Path | None = None):
    """Write the alert digest without delivering it; returns the run (files, latest, counts).

    The alert rules, the recording of what was alerted and delivery live in rightswatch.alerting."""
    from rightswatch import alerting
    return alerting.run_alerts(settings, send=False, since=since, formats=formats, out=out)


def export_parquet(settings: Settings, out: Path | None = None) -> Path:
    out = out or settings.exports
    out.mkdir(parents=True, exist_ok=True)
    target = out / "articles"
    with db.reader(settings.warehouse) as con:
        con.sql(sql.query("export_articles")).write_parquet(str(target), partition_by=["day"],
                                                           overwrite=True)
    return target
