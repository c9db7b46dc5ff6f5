"""Crawl throughput with 1, 2 and 4 worker processes on one Redis frontier (a redis-server started
here, the generated 2,000-page site of the crawl bench served by the lean bench server on loopback).

Two figures per worker count, best of ROUNDS, each with its ratio to 1 worker in the same run:
`crawl_workers_N` is wall to wall (process start-up, crawl, publishing), `crawl_workers_N_crawling`
counts only from the first worker's reactor start to the last one's stop (start-up excluded, which
a long crawl of hundreds of sources amortises)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import Figure
from bench.crawl import PAGES, SETTINGS, build_site
from scrapers.crawl_workers import crawl_workers
from scrapers.loopback import serve_prebuilt as serve
from scrapers.redis_local import LocalRedis, binary
from scrapers.registry import Source

WORKERS = (1, 2, 4)
ROUNDS = 3


def rates(site_url: str, redis_url: str, work: Path, workers: int, round_no: int) -> tuple[float, float]:
    """(wall-to-wall pages/s, crawl-phase pages/s) of one crawl of the whole site."""
    source = Source(id="bench-workers", name="Bench", kind="sitemap", url=site_url + "/sitemap.xml",
                    country="KZ", languages=("ru",), category="news")
    start = time.perf_counter()
    summary = crawl_workers(work / f"home-{workers}-{round_no}", [source], workers=workers,
                            frontier_url=redis_url, reset=True, overrides=SETTINGS, progress=lambda _: None)
    elapsed = time.perf_counter() - start
    if summary["items"] != PAGES:
        raise RuntimeError(f"{workers} workers landed {summary['items']} of {PAGES} pages")
    reactors = [m["reactor"] for m in summary["manifests"]]
    crawling = max(r["stopped"] for r in reactors) - min(r["started"] for r in reactors)
    return PAGES / elapsed, PAGES / crawling


def run(results: list[Figure]) -> None:
    if binary() is None:
        print("workers bench skipped: redis-server is not installed (make redis)")
        return
    wall = {n: 0.0 for n in WORKERS}
    crawling = dict(wall)
    with tempfile.TemporaryDirectory(prefix="rightswatch-bench-workers-") as tmp:
        work = Path(tmp)
        build_site(work / "site")
        server = LocalRedis(work)
        try:
            with serve(work / "site") as site_url:
                for round_no in range(ROUNDS):
                    for n in WORKERS:
                        whole, phase = rates(site_url, server.url, work, n, round_no)
                        wall[n], crawling[n] = max(wall[n], whole), max(crawling[n], phase)
        finally:
            server.stop()
    for suffix, best in (("", wall), ("_crawling", crawling)):
        results.append(Figure(f"crawl_workers_1{suffix}", best[1], "pages/s"))
        for n in WORKERS[1:]:
            results.append(Figure(f"crawl_workers_{n}{suffix}", best[n], "pages/s", best[1],
                                  "1 worker, same frontier and site"))
