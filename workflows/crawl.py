"""`rightswatch crawl`, `scrapy crawl` and Dagster's crawl asset: sources into the landing zone,
in one crawl process or in worker processes sharing a Redis frontier."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from core.errors import BadInput
from scrapers.crawl import CrawlFailed, crawl
from scrapers.registry import Source
from scrapers.settings import LOCAL_FAST, LOOPBACK
from workflows.settings import Settings

# A loopback snapshot site of our own (the demo, tests): no throttling, loopback allowed.
SNAPSHOT = {**LOCAL_FAST, **LOOPBACK}
MAX_NAMED_FAILURES = 5

Progress = Callable[[str], None]


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
