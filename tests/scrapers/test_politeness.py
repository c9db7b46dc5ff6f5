"""Politeness and robustness on loopback servers: redirects stay on the source's host, retries wait
longer each time, size cap and timeout are enforced and counted by kind, a refused host or a
crashing parser fails only its own source, and the user agent names the project and its contact."""
from __future__ import annotations

import json
import time

import pytest

from scrapers import loopback
from scrapers.crawl import crawl
from scrapers.loopback import Reply
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.project import free_port
from tests.support.sites import source

ARTICLE = ("<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>{t}</title></head>"
           "<body><article><h1>{t}</h1><p>В Алматы задержали участников пикета у здания акимата.</p>"
           "</article></body></html>")
FEED_ITEMS = ("away", "flaky", "slow", "huge", "fine", "local-redirect")
OVERRIDES = {**LOCAL_FAST, **LOOPBACK, "DOWNLOAD_TIMEOUT": 1, "DOWNLOAD_MAXSIZE": 100_000, "RETRY_TIMES": 2,
             "RETRY_BACKOFF_BASE": 0.4, "RETRY_BACKOFF_MAX": 5}


def html(title: str) -> Reply:
    return Reply(200, ARTICLE.format(t=title).encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})


def feed(base: str) -> Reply:
    items = "".join(f"<item><title>{n}</title><link>{base}/a/{n}</link></item>" for n in FEED_ITEMS)
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    return Reply(200, body.encode(), {"Content-Type": "application/rss+xml"})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    flaky_times: list[float] = []

    def flaky(_):
        flaky_times.append(time.monotonic())
        return html("flaky") if len(flaky_times) > 2 else Reply(503, b"busy")

    with loopback.serve() as elsewhere, loopback.serve() as site:
        site.routes.update({
            "/feed.xml": lambda _: feed(site.base_url),
            "/a/away": lambda _: Reply(302, b"", {"Location": elsewhere.base_url + "/trap"}),
            "/a/flaky": flaky,
            "/a/slow": lambda _: Reply(200, b"late", delay=3),
            "/a/huge": lambda _: Reply(200, b"x" * 300_000, {"Content-Type": "text/html"}),
            "/a/fine": lambda _: html("fine"),
            "/a/local-redirect": lambda _: Reply(301, b"", {"Location": "/a/fine-2"}),
            "/a/fine-2": lambda _: html("fine 2"),
            "/list.html": lambda _: Reply(200, b'<a href="/a/fine">x</a>', {"Content-Type": "text/html"}),
        })
        sources = [
            source("polite", "feed", site.base_url + "/feed.xml"),
            source("refused", "feed", f"http://127.0.0.1:{free_port()}/rss"),
            source("crashing", "listing", site.base_url + "/list.html", article_pattern="/a/", next_page="a["),
        ]
        home = tmp_path_factory.mktemp("home")
        manifest = crawl(home, sources, overrides=OVERRIDES, contact="monitor@example.org",
                         progress=lambda _: None)
        yield {"manifest": manifest, "home": home, "site": site, "elsewhere": elsewhere,
               "flaky_times": flaky_times}


def summary(run, source_id):
    return next(s for s in run["manifest"]["sources"] if s["source_id"] == source_id)


def items(run):
    path = run["home"] / "landing" / run["manifest"]["run_id"] / "items.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_redirects_stay_on_the_source_host(run):
    assert run["elsewhere"].hits == []  # not even its robots.txt
    assert summary(run, "polite")["errors_by_kind"]["offsite_redirect"] == 1
    local = next(i for i in items(run) if i["url"].endswith("/a/local-redirect"))
    assert local["final_url"].endswith("/a/fine-2")


def test_retries_back_off(run):
    times = run["flaky_times"]
    assert len(times) == 3
    first_wait, second_wait = times[1] - times[0], times[2] - times[1]
    assert first_wait >= 0.4 and second_wait >= 0.8 and second_wait > first_wait


def test_size_cap_and_timeout_are_errors_by_kind(run):
    polite = summary(run, "polite")
    assert polite["errors_by_kind"] == {"offsite_redirect": 1, "size_cap": 1, "timeout": 1}, polite
    assert polite["status"] == "ok"
    landed = {i["url"].rsplit("/", 1)[1] for i in items(run) if i["source_id"] == "polite"}
    assert landed == {"flaky", "fine", "local-redirect"}


def test_a_failing_source_never_stops_the_others(run):
    refused = summary(run, "refused")
    assert refused["status"] == "failed" and refused["errors_by_kind"] == {"connection_refused": 1}
    crashing = summary(run, "crashing")
    assert crashing["errors_by_kind"].get("spider_exception") == 1
    assert any(i["source_id"] == "crashing" for i in items(run))
    assert {s["source_id"] for s in run["manifest"]["sources"]} == {"polite", "refused", "crashing"}
    assert all(s["started_at"] <= s["finished_at"] for s in run["manifest"]["sources"] if s["started_at"])


def test_user_agent_names_the_project_and_contact(run):
    agent = run["site"].requests_for("/feed.xml")[0].headers["user-agent"]
    assert agent.startswith("rightswatch/") and "monitor@example.org" in agent


def test_polite_defaults_for_real_sites():
    from scrapers.settings import POLITE
    assert POLITE["ROBOTSTXT_OBEY"] and POLITE["AUTOTHROTTLE_ENABLED"]
    assert POLITE["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 4 and POLITE["DOWNLOAD_DELAY"] > 0
    assert POLITE["DOWNLOAD_TIMEOUT"] <= 60 and POLITE["DOWNLOAD_MAXSIZE"] <= 50 * 1024 * 1024
    assert POLITE["RETRY_BACKOFF_BASE"] >= 1 and POLITE["HTTPCACHE_ENABLED"]
    middlewares = POLITE["DOWNLOADER_MIDDLEWARES"]
    assert middlewares["scrapers.onsite.OnsiteOnly"] < 100  # before robots.txt is fetched for a foreign host
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
