"""Crawl throughput with 1, 2 and 4 worker processes on one Redis frontier (a redis-server started
here, the generated 2,000-page site of the crawl bench on loopback): pages/s wall to wall, process
start-up included, best of ROUNDS, and the ratio of 2 and 4 workers to 1 worker measured in the same run."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from rightswatch.benches import Figure
from rightswatch.benches.crawl import PAGES, SETTINGS, build_site
from scrapers import loopback
from scrapers.crawl_workers import crawl_workers
from scrapers.redis_local import LocalRedis, binary
from scrapers.registry import Source

WORKERS = (1, 2, 4)
ROUNDS = 2


def rate(site_url: str, redis_url: str, work: Path, workers: int, round_no: int) -> float:
    source = Source(id="bench-workers", name="Bench", kind="sitemap", url=site_url + "/sitemap.xml",
                    country="KZ", languages=("ru",), category="news")
    start = time.perf_counter()
    summary = crawl_workers(work / f"home-{workers}-{round_no}", [source], workers=workers,
                            frontier_url=redis_url, reset=True, overrides=SETTINGS, progress=lambda _: None)
    elapsed = time.perf_counter() - start
    if summary["items"] != PAGES:
        raise RuntimeError(f"{workers} workers landed {summary['items']} of {PAGES} pages")
    return PAGES / elapsed


def run(results: list[Figure]) -> None:
    if binary() is None:
        print("workers bench skipped: redis-server is not installed (make redis)")
        return
    with tempfile.TemporaryDirectory(prefix="rightswatch-bench-workers-") as tmp:
        work = Path(tmp)
        build_site(work / "site")
        best = {n: 0.0 for n in WORKERS}
        server = LocalRedis(work)
        try:
            with loopback.serve(work / "site", record=False) as site:
                for round_no in range(ROUNDS):
                    for n in WORKERS:
                        best[n] = max(best[n], rate(site.base_url, server.url, work, n, round_no))
        finally:
            server.stop()
    results.append(Figure("crawl_workers_1", best[1], "pages/s"))
    for n in WORKERS[1:]:
        results.append(Figure(f"crawl_workers_{n}", best[n], "pages/s", best[1], "1 worker, same frontier and site"))
