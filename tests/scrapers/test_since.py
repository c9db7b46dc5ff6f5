"""`rightswatch crawl --since DATE`: sitemap lastmod (and feed dates) limit a crawl, and child
sitemaps last modified before DATE are not even fetched."""
from __future__ import annotations

import json

from scrapers import loopback
from tests.support.cli import run_cli
from tests.support.sites import copy_site, source, write_registry


def test_since_filters_by_lastmod_and_skips_old_child_sitemaps(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")  # the fixture sites live on 127.0.0.1
    with loopback.serve(copy_site("fergana-sitemap", tmp_path)) as site, \
            loopback.serve(copy_site("steppe-rss", tmp_path)) as feed_site:
        registry = write_registry(tmp_path / "sources.toml", [
            source("fergana", "sitemap", site.base_url + "/sitemap.xml", article_pattern="/yangiliklar/"),
            source("steppe", "feed", feed_site.base_url + "/rss.xml")])
        result = run_cli("crawl", "--sources", str(registry), "--since", "2026-01-01", home=home)
        assert result.returncode == 0, result.stderr
        assert not site.requests_for("/archive-2017.xml.gz")
    run = next(p for p in (home / "landing").iterdir() if (p / "manifest.json").exists())
    urls = {json.loads(line)["url"][len(site.base_url):] for line in open(run / "items.jsonl", encoding="utf-8")}
    assert urls == {"/uz/yangiliklar/toshkentda-namoyish.html", "/uz/yangiliklar/huquq-himoyachilari-hisobot.html",
                    "/uz/yangiliklar/paxta-hosili.html"}
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    skipped = {s["source_id"]: s["skipped"] for s in manifest["sources"]}
    assert skipped["fergana"]["before_since"] == 2  # the 2025 entry and the 2017 child sitemap
    assert skipped["steppe"]["before_since"] == 4  # every entry of the 2017 feed
    assert manifest["since"] == "2026-01-01T00:00:00Z"
    bad = run_cli("crawl", "--sources", str(registry), "--since", "yesterday", home=home)
    assert bad.returncode == 2 and "--since" in bad.stderr
