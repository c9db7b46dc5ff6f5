"""`sources check` on fixture sites: ok, HTTP error, unreachable, not a feed, parser found nothing."""
from __future__ import annotations

import dataclasses

import pytest

from scrapers.check import check_source
from tests.conftest import run_cli
from tests.scrapers.conftest import all_kinds, source, write_registry
from tests.scrapers.test_politeness import free_port


def test_every_kind_checks_ok(sites):
    verdicts = {s.id: check_source(s, timeout=5, allow_loopback=True) for s in all_kinds(sites)}
    assert all(v.startswith("ok (") for v in verdicts.values()), verdicts
    assert verdicts["svaboda-listing"] == "ok (4 links)"  # twin links are still links here
    assert verdicts["fergana-sitemap"] == "ok (1 sitemaps)"


@pytest.mark.parametrize("kind, path, extra, expected", [
    ("feed", "/news/", {}, "not a feed"),
    ("sitemap", "/news/3051-bishkek-chogulush.html", {}, "not a sitemap"),
    ("listing", "/news/", {"article_pattern": "/nothing-like-this/"}, "parser found nothing"),
    ("reports", "/news/", {}, "parser found nothing"),
    ("feed", "/gone.xml", {}, "HTTP error 404"),
])
def test_failures_are_named(sites, kind, path, extra, expected):
    checked = source("x", kind, sites["issyk-listing"].base_url + path, **extra)
    assert check_source(checked, timeout=5, allow_loopback=True) == expected


def test_redirect_or_links_to_another_host_fail(sites):
    from scrapers import loopback
    from scrapers.loopback import Reply
    elsewhere = sites["steppe-rss"].base_url
    feed = (f'<rss version="2.0"><channel><title>t</title><item><title>a</title><link>{elsewhere}/x.html</link>'
            "</item></channel></rss>").encode()
    with loopback.serve(routes={"/moved": lambda _: Reply(301, b"", {"Location": elsewhere + "/rss.xml"}),
                                "/feed": lambda _: Reply(200, feed, {"Content-Type": "application/rss+xml"})}) as site:
        moved = check_source(source("x", "feed", site.base_url + "/moved"), timeout=5, allow_loopback=True)
        linking = check_source(source("x", "feed", site.base_url + "/feed"), timeout=5, allow_loopback=True)
    assert moved.startswith("redirected off the source's host")
    assert linking == "parser found nothing (every entry links to another host)"


def test_refused_host_is_unreachable():
    assert check_source(source("x", "feed", f"http://127.0.0.1:{free_port()}/rss"), timeout=5, allow_loopback=True).startswith("unreachable")


def test_cli_check_exits_non_zero_when_any_failed(sites, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")  # the fixture sites live on 127.0.0.1
    good = all_kinds(sites)[0]
    bad = dataclasses.replace(good, id="broken", url=good.url.replace("rss.xml", "missing.xml"))
    result = run_cli("sources", "check", "--sources", str(write_registry(tmp_path / "sources.toml", [good, bad])))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "steppe-rss" in result.stdout and "ok (4 entries)" in result.stdout
    assert "broken" in result.stdout and "HTTP error 404" in result.stdout
