"""Evidence end to end: an article that changes, one that disappears (404) and one re-dated but
unchanged, between two crawls of a fixture site; the stored article is never overwritten, the
change is a new version, and crawl_runs says per source what happened."""
from __future__ import annotations

import json
import os
import re

import pytest

from scrapers import loopback
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.sites import copy_site, source
from warehouse import db
from workflows.crawl import crawl_sources
from workflows.process import process_landed
from workflows.settings import Settings

ADDED = "<p>Ավելի ուշ ոստիկանությունը հայտնել է, որ երկու մասնակից ձերբակալվել է։</p>"


def bump(feed: str, entry_path: str, updated: str) -> str:
    """Move one Atom entry's <updated> forward, as a publisher does when it edits the article."""
    start = feed.index(entry_path)
    end = feed.index("</entry>", start)
    entry = re.sub(r"<updated>[^<]+</updated>", f"<updated>{updated}</updated>", feed[start:end])
    return feed[:start] + entry + feed[end:]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    root = tmp_path_factory.mktemp("evidence")
    site_dir = copy_site("ararat-atom", root)
    settings = Settings.resolve(root / "home")
    with loopback.serve(site_dir) as site:
        sources = [source("ararat", "feed", site.base_url + "/atom.xml", country="AM", languages=("hy",))]
        first = crawl_sources(settings, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
        process_landed(settings, progress=lambda _: None)

        news = site_dir / "hy" / "news"
        changed = news / "2101-yerevan-hanrahavaq.html"
        changed.write_text(changed.read_text(encoding="utf-8").replace("</article>", ADDED + "</article>"),
                           encoding="utf-8")
        (news / "2098-zekuyc-lgbt.html").unlink()
        feed_file = site_dir / "atom.xml"
        feed = feed_file.read_text(encoding="utf-8")
        for path in ("2101-yerevan-hanrahavaq", "2098-zekuyc-lgbt", "2090-gyumri-tangaran"):
            feed = bump(feed, path, "2026-11-22T08:00:00+04:00")
        feed_file.write_text(feed, encoding="utf-8")
        os.utime(feed_file, (os.path.getmtime(feed_file) + 5,) * 2)

        second = crawl_sources(settings, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
        lines = []
        process_landed(settings, progress=lines.append)
        third = crawl_sources(settings, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    return {"settings": settings, "first": first, "second": second, "third": third, "progress": lines}


def rows(settings, query):
    with db.reader(settings.warehouse) as con:
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]


def test_revisits_are_fetched_only_when_the_feed_says_so(history):
    second = history["second"]["sources"][0]
    assert second["revisits"] == 3 and second["items"] == 3 and second["errors"] == 0
    third = history["third"]["sources"][0]
    assert third["items"] == 0 and third["revisits"] == 0


def test_change_and_disappearance_are_versions_beside_the_untouched_article(history):
    versions = rows(history["settings"], "SELECT v.status, v.http_status, v.version, v.url, v.text, a.text AS "
                    "original FROM article_versions v JOIN articles a USING (article_id) ORDER BY v.url")
    assert [(v["status"], v["http_status"], v["version"]) for v in versions] == [("gone", 404, 2), ("changed", 200, 2)]
    gone, changed = versions
    assert gone["url"].endswith("2098-zekuyc-lgbt.html") and gone["text"] is None
    assert changed["url"].endswith("2101-yerevan-hanrahavaq.html")
    assert "երկու մասնակից" in changed["text"] and "երկու մասնակից" not in changed["original"]
    assert rows(history["settings"], "SELECT count(*) AS n FROM articles")[0]["n"] == 3
    assert "2 changed or gone" in history["progress"][0]


def test_the_changed_page_is_in_the_second_runs_warc(history):
    from warcio.archiveiterator import ArchiveIterator
    warc = history["settings"].raw / history["second"]["run_id"] / "ararat.warc.gz"
    with open(warc, "rb") as fh:
        bodies = {r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
                  for r in ArchiveIterator(fh) if r.rec_type == "response"}
    page = next(body for uri, body in bodies.items() if uri.endswith("2101-yerevan-hanrahavaq.html"))
    assert "երկու մասնակից".encode("utf-8") in page


def test_crawl_runs_record_each_source_run(history):
    runs = rows(history["settings"], "SELECT run_id, items, errors, status, errors_by_kind, skipped, pages, "
                "started_at, finished_at FROM crawl_runs ORDER BY run_id")
    assert [r["items"] for r in runs] == [3, 3]
    assert all(r["status"] == "ok" and r["pages"] == 1 and r["started_at"] <= r["finished_at"] for r in runs)
    assert json.loads(runs[0]["errors_by_kind"]) == {} and json.loads(runs[1]["skipped"]) == {}
