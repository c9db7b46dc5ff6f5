"""Several crawl workers on one real redis-server frontier: each page fetched once, each item landed
once, and a worker killed with SIGKILL loses no URL (the other worker or the next run takes it)."""
from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.crawl import build_site
from scrapers import frontier, landing, loopback
from scrapers.crawl import CrawlFailed
from scrapers.crawl_workers import crawl_workers
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.sites import source

PAGES = 2000
KILL_PAGES = 600  # the kill tests need a crawl long enough to interrupt, not the full 2,000 pages
FAST = {**LOCAL_FAST, **LOOPBACK, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "FRONTIER_HEARTBEAT_TTL": 2}  # a killed worker counts as dead after 2 s (default 5)


def _site(tmp_path_factory, pages: int):
    root = tmp_path_factory.mktemp(f"site{pages}")
    build_site(root, pages)
    site = loopback.start(root)
    return site


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    site = _site(tmp_path_factory, PAGES)
    yield site
    site.stop()


@pytest.fixture(scope="module")
def kill_site(tmp_path_factory):
    site = _site(tmp_path_factory, KILL_PAGES)
    yield site
    site.stop()


def news_source(site):
    return source("news2000", "sitemap", site.base_url + "/sitemap.xml")


def article_hits(site) -> Counter:
    return Counter(h.path for h in site.hits if h.path.startswith("/news/"))


def landed_urls(home: Path) -> Counter:
    urls = Counter()
    for run in landing.published_runs(home / "landing"):
        with open(run / "items.jsonl", encoding="utf-8") as fh:
            urls.update(json.loads(line)["url"] for line in fh)
    return urls


def crawl_and_kill(home, site, url, workers, kill, after_hits) -> tuple[Exception | None, dict]:
    """Run `workers` workers; SIGKILL worker numbers `kill` once the site served `after_hits` articles."""
    pids, outcome = {}, {}

    def progress(line):
        found = re.match(r"WORKER (\d+) pid (\d+)", line)
        if found:
            pids[int(found[1])] = int(found[2])

    def target():
        try:
            outcome["summary"] = crawl_workers(home, [news_source(site)], workers=workers, frontier_url=url,
                                               overrides=FAST, progress=progress)
        except CrawlFailed as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    deadline = time.monotonic() + 60
    while sum(article_hits(site).values()) < after_hits and time.monotonic() < deadline:
        time.sleep(0.02)
    for k in kill:
        os.kill(pids[k], signal.SIGKILL)
    thread.join(timeout=120)
    return outcome.get("error"), outcome.get("summary", {})


def test_two_workers_fetch_each_page_once_and_land_each_item_once(redis_url, big_site, tmp_path):
    big_site.clear()
    home = tmp_path / "home"
    summary = crawl_workers(home, [news_source(big_site)], workers=2, frontier_url=redis_url, reset=True,
                            overrides=FAST, progress=lambda _: None)
    hits = article_hits(big_site)
    assert len(hits) == PAGES and set(hits.values()) == {1}, "every article page fetched exactly once"
    assert Counter(h.path for h in big_site.hits)["/sitemap.xml"] == 1, "the seed went through the dupefilter"
    shares = [m["items"] for m in summary["manifests"]]
    assert len(shares) == 2 and all(shares), f"both workers fetched pages: {shares}"
    urls = landed_urls(home)
    assert len(urls) == PAGES and set(urls.values()) == {1}, "every item landed exactly once"
    assert sorted(p.name for p in (home / "landing").iterdir() if p.is_dir()) == sorted(summary["runs"])
    assert summary["pending"] == {"news2000": 0}
    # drained: the dupefilter is retired, so tomorrow's crawl reads the sitemaps again
    assert not frontier.connect(redis_url).exists("rightswatch:news2000:dupefilter")
    seen = landing.load_seen(home / "landing")
    assert len(seen) == PAGES


def test_killed_worker_loses_no_url_the_other_worker_takes_its_claims(redis_url, kill_site, tmp_path):
    frontier.reset(redis_url, ["news2000"])
    kill_site.clear()
    home = tmp_path / "home"
    error, summary = crawl_and_kill(home, kill_site, redis_url, workers=2, kill=[1], after_hits=150)
    assert error is not None and "worker 1 exited with -9" in str(error)
    assert list((home / "landing").glob(".tmp-*")), "the killed worker's staging folder was never published"
    urls = landed_urls(home)
    assert len(urls) == KILL_PAGES and set(urls.values()) == {1}, "no URL lost, none landed twice"
    assert frontier.pending(redis_url, ["news2000"]) == {"news2000": 0}


def test_frontier_persists_so_the_next_run_finishes_a_killed_crawl(redis_url, kill_site, tmp_path):
    frontier.reset(redis_url, ["news2000"])
    kill_site.clear()
    home = tmp_path / "home"
    error, _ = crawl_and_kill(home, kill_site, redis_url, workers=2, kill=[1, 2], after_hits=150)
    assert error is not None
    left = frontier.pending(redis_url, ["news2000"])["news2000"]
    assert left > 0, "queued and claimed requests stay in Redis (SCHEDULER_PERSIST)"
    assert landed_urls(home) == Counter(), "nothing of the killed run was published"
    kill_site.clear()
    summary = crawl_workers(home, [news_source(kill_site)], workers=2, frontier_url=redis_url,
                            overrides=FAST, progress=lambda _: None)
    hits = article_hits(kill_site)  # the dead workers' claims came back: their pages are fetched again, once
    assert len(hits) == KILL_PAGES and set(hits.values()) == {1}
    urls = landed_urls(home)
    assert len(urls) == KILL_PAGES and set(urls.values()) == {1}
    assert summary["pending"] == {"news2000": 0}


def test_a_spider_closed_early_leaves_the_rest_for_the_next_run(redis_url, kill_site, tmp_path):
    """A spider closed before the queue is drained (here CLOSESPIDER_ITEMCOUNT) acknowledges only
    what it landed: the next run fetches every remaining page, once."""
    frontier.reset(redis_url, ["news2000"])
    kill_site.clear()
    home = tmp_path / "home"
    first = crawl_workers(home, [news_source(kill_site)], workers=1, frontier_url=redis_url,
                          overrides={**FAST, "CLOSESPIDER_ITEMCOUNT": 100}, progress=lambda _: None)
    assert 100 <= first["items"] < KILL_PAGES
    assert first["pending"]["news2000"] == KILL_PAGES - first["items"], "the rest is queued, none claimed"
    summary = crawl_workers(home, [news_source(kill_site)], workers=2, frontier_url=redis_url,
                            overrides=FAST, progress=lambda _: None)
    hits = article_hits(kill_site)
    assert len(hits) == KILL_PAGES and set(hits.values()) == {1}
    urls = landed_urls(home)
    assert len(urls) == KILL_PAGES and set(urls.values()) == {1}
    assert summary["pending"] == {"news2000": 0}


def test_requests_are_stored_as_scrapy_redis_encodes_them():
    """The scheduler names callbacks without Request.to_dict's search through the whole spider;
    what it stores must be what scrapy-redis would have stored, and unknown callbacks still fail."""
    import pickle

    import scrapy
    from scrapy_redis.queue import PriorityQueue

    from scrapers.spiders.sitemap import SitemapSpider

    def spider(n):
        return SitemapSpider(source={"id": f"s{n}", "url": "http://127.0.0.1:9/sitemap.xml", "kind": "sitemap"},
                             run_id="r", items_path="items.jsonl", warc_path="s.warc.gz")

    own, other = spider(1), spider(2)
    scheduler = frontier.FrontierScheduler.__new__(frontier.FrontierScheduler)
    scheduler.spider, scheduler.queue = own, PriorityQueue(server=None, spider=own, key="k")
    for request in (scrapy.Request("http://127.0.0.1:9/news/1.html", callback=own.parse_article,
                                   errback=own.on_error, cb_kwargs={"hints": {"title": "T"}},
                                   meta={"lastmod": "2026-11-01", "revisit": False}, priority=-1),
                    scrapy.Request("http://127.0.0.1:9/sitemap-2.xml", callback=own.parse),
                    scrapy.Request("http://127.0.0.1:9/plain"),
                    scrapy.Request("http://127.0.0.1:9/other", callback=other.parse)):  # scrapy-redis's path
        callbacks = request.callback, request.errback
        assert pickle.loads(scheduler._encode(request)) == request.to_dict(spider=own)
        assert (request.callback, request.errback) == callbacks, "the request is left as it was"
    with pytest.raises(ValueError):
        scheduler._encode(scrapy.Request("http://127.0.0.1:9/x", callback=lambda response: None))


def test_links_go_to_redis_in_batches_and_unstarted_claims_go_back_on_close(redis_url, monkeypatch):
    """Links are sent in one round trip per batch (duplicates dropped and signalled then); a worker
    claims POP_BATCH requests at once, and those it never handed to its engine return to the queue."""
    from scrapy import Request, signals
    from scrapy.utils.test import get_crawler

    from scrapers.spiders.sitemap import SitemapSpider

    frontier.reset(redis_url, ["batch"])
    monkeypatch.setattr(frontier.FrontierScheduler, "_flush_later", lambda self: None)  # no reactor here
    crawler = get_crawler(SitemapSpider, frontier.scrapy_settings(redis_url, "w1"))
    spider = crawler._create_spider(source={"id": "batch", "url": "http://127.0.0.1:9/sitemap.xml",
                                            "kind": "sitemap"}, run_id="r", items_path="i", warc_path="w")
    crawler.engine = SimpleNamespace()  # a scheduler opens once the crawl has its engine
    dropped = []
    crawler.signals.connect(lambda request, spider: dropped.append(request.url), signal=signals.request_dropped,
                            weak=False)
    scheduler = frontier.FrontierScheduler.from_crawler(crawler)
    scheduler.open(spider)
    server = frontier.connect(redis_url)
    urls = [f"http://127.0.0.1:9/news/{n}.html" for n in range(frontier.POP_BATCH + 2)]
    for url in [*urls, urls[0]]:
        assert scheduler.enqueue_request(Request(url, callback=spider.parse_article))
    assert server.zcard(scheduler.queue.key) == 0 and scheduler.has_pending_requests(), "not sent yet"
    first = scheduler.next_request()  # sends the batch, then claims POP_BATCH requests
    assert server.zcard(scheduler.queue.key) == 2 and dropped == [urls[0]]
    assert server.hlen(scheduler.claims_key) == frontier.POP_BATCH
    assert first.url in urls and first.callback == spider.parse_article
    scheduler.close("shutdown")
    assert server.hlen(scheduler.claims_key) == 1, "only the request handed to the engine stays claimed"
    assert server.zcard(scheduler.queue.key) == len(urls) - 1
