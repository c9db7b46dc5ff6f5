"""`sources check` on fixture sites: ok with item count and newest date, or the kind of failure;
robots.txt, a source that breaks the check, `--json` and the summary per class."""
from __future__ import annotations

import dataclasses

import pytest

from scrapers.check import check_source
from tests.support.cli import run_cli
from tests.support.project import free_port
from tests.support.sites import all_kinds, source, write_registry


def test_every_kind_checks_ok(sites):
    verdicts = {s.id: check_source(s, timeout=5, allow_loopback=True) for s in all_kinds(sites)}
    assert all(v.ok for v in verdicts.values()), verdicts
    assert verdicts["svaboda-listing"].items == 4  # twin links are still links here
    assert verdicts["fergana-sitemap"].line() == "ok: 1 sitemaps, no item dated"
    assert verdicts["steppe-rss"].line() == "ok: 4 entries, newest 2017-12-22"
    assert verdicts["rights-reports"].newest and verdicts["rights-reports"].newest.startswith("2026-")


@pytest.mark.parametrize("kind, path, extra, expected", [
    ("feed", "/news/", {}, "not_a_feed"),
    ("sitemap", "/news/3051-bishkek-chogulush.html", {}, "not_a_sitemap"),
    ("listing", "/news/", {"article_pattern": "/nothing-like-this/"}, "parser_found_nothing"),
    ("reports", "/news/", {}, "parser_found_nothing"),
    ("telegram", "/news/", {}, "not_a_channel"),
    ("feed", "/gone.xml", {}, "http_404"),
])
def test_failures_are_named(sites, kind, path, extra, expected):
    checked = source("x", kind, sites["issyk-listing"].base_url + path, **extra)
    assert check_source(checked, timeout=5, allow_loopback=True).status == expected


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
    assert moved.status == "offsite_redirect" and "redirected off the source's host" in moved.detail
    assert (linking.status, linking.detail) == ("parser_found_nothing", "every entry links to another host")


def test_refused_host_is_unreachable():
    checked = check_source(source("x", "feed", f"http://127.0.0.1:{free_port()}/rss"), timeout=5, allow_loopback=True)
    assert checked.status == "connection_refused" and checked.detail.startswith("unreachable")


def test_robots_txt_forbidding_the_url_is_a_failure(sites):
    steppe = sites["steppe-rss"].base_url  # its robots.txt disallows /private/
    assert check_source(source("x", "feed", steppe + "/private/draft.html"), timeout=5,
                        allow_loopback=True).status == "robots"


def test_telegram_preview_checks_posts_and_newest_date():
    from scrapers import loopback
    from tests.support.sites import SITES
    with loopback.serve(SITES / "telegram-preview") as site:
        checked = check_source(source("x", "telegram", site.base_url + "/s/dushanbe_daily"), timeout=5,
                               allow_loopback=True)
    assert checked.line() == "ok: 4 posts, newest 2026-11-28"


def test_one_broken_source_never_stops_the_check(sites):
    from scrapers.check import check_all, summarise
    good = all_kinds(sites)[0]
    trap = source("trap", "feed", "http://127.0.0.1:1@x.invalid/")  # built directly: the registry refuses it
    results = check_all([trap, good], timeout=5, allow_loopback=True)
    assert [r.id for r in results] == ["trap", "steppe-rss"] and results[1].ok
    assert results[0].status in ("check_failed", "dns", "unreachable")
    summary = summarise(results)
    assert summary["by_status"][results[0].status] == 1 and summary["by_evidence"] == {"none": {"ok": 1, "failed": 1}}


def test_cli_check_exits_non_zero_when_any_failed(sites, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")  # the fixture sites live on 127.0.0.1
    good = all_kinds(sites)[0]
    bad = dataclasses.replace(good, id="broken", url=good.url.replace("rss.xml", "missing.xml"))
    result = run_cli("sources", "check", "--sources", str(write_registry(tmp_path / "sources.toml", [good, bad])))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "steppe-rss" in result.stdout and "ok: 4 entries, newest 2017-12-22" in result.stdout
    assert "broken" in result.stdout and "http_404: HTTP error 404" in result.stdout
    assert "2 checked: 1 ok, 1 failed; http_404 1" in result.stdout


def test_cli_check_json_and_only(sites, tmp_path, monkeypatch):
    import json
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")
    good = all_kinds(sites)[0]
    bad = dataclasses.replace(good, id="broken", url=good.url.replace("rss.xml", "missing.xml"))
    registry = str(write_registry(tmp_path / "sources.toml", [good, bad]))
    result = run_cli("sources", "check", "--sources", registry, "--only", "steppe-rss", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["summary"] == {"checked": 1, "ok": 1, "failed": 0, "by_status": {"ok": 1},
                                 "by_evidence": {"none": {"ok": 1, "failed": 0}}}
    assert report["sources"][0] | {"detail": "entries"} == {
        "id": "steppe-rss", "kind": "feed", "evidence": "none", "status": "ok", "items": 4,
        "newest": "2017-12-22T03:30:00Z", "detail": "entries"}


def test_registry_refuses_a_url_with_user_info(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[sources]]\nid = "trap"\nname = "Trap"\nkind = "feed"\nurl = "http://127.0.0.1:1@x.invalid/"\n'
                    'country = "KZ"\nlanguages = ["kk"]\ncategory = "news"\n', encoding="utf-8")
    for command in (("sources", "list"), ("sources", "check")):
        result = run_cli(*command, "--sources", str(path))
        assert result.returncode == 2, result.stdout + result.stderr
        assert str(path) in result.stderr and "key 'url'" in result.stderr and "Traceback" not in result.stderr
