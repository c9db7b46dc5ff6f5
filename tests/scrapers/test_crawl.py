"""Integration: real Scrapy spiders crawl the bundled snapshot site on 127.0.0.1."""
import json

import pytest
from warcio.archiveiterator import ArchiveIterator

from scrapers.crawl import crawl
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from workflows.settings import Settings


def expected() -> dict:
    from scrapers.demo_site import server
    return json.loads((server.SITE_DIR.parent / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, demo_site):
    from scrapers.demo_site import server
    home = tmp_path_factory.mktemp("crawl-home")
    registry = home / "sources.toml"
    registry.write_text(server.sources_toml(demo_site.base_url), encoding="utf-8")
    sources = load_sources(registry)
    lines = []
    first = crawl(home, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lines.append)
    second = crawl(home, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lines.append)
    return {"home": home, "first": first, "second": second, "base": demo_site.base_url,
            "sources": sources, "progress": lines}


def landed(home, run_id):
    with open(home / "landing" / run_id / "items.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_every_kind_lands_its_articles(crawled):
    items = landed(crawled["home"], crawled["first"]["run_id"])
    paths = {i["url"][len(crawled["base"]):] for i in items}
    truth = expected()
    wanted = {a["path"] for a in truth["articles"]} | {r["path"] for r in truth["reports"]}
    assert wanted <= paths, sorted(wanted - paths)[:5]
    kinds = {s.kind for s in crawled["sources"]}
    assert kinds == {"feed", "sitemap", "listing", "reports"}
    by_source = {s["source_id"]: s["items"] for s in crawled["first"]["sources"]}
    assert all(by_source[s.id] > 0 for s in crawled["sources"]), by_source
    reports = [i for i in items if i["url"].endswith(".pdf")]
    assert len(reports) == len(truth["reports"])
    assert all(i["hints"].get("report_index") for i in reports)


def test_robots_and_missing_pages(crawled):
    items = landed(crawled["home"], crawled["first"]["run_id"])
    urls = {i["url"] for i in items}
    truth = expected()
    assert not any(crawled["base"] + p in urls for p in truth["robots_blocked"])
    errors = [e for s in crawled["first"]["sources"] for e in s.get("error_samples", [])]
    for missing in truth["not_found"]:
        assert any(e["url"].endswith(missing) and "404" in e["error"] for e in errors), errors


def test_run_is_published_whole_with_manifest_and_warc(crawled):
    home, run_id = crawled["home"], crawled["first"]["run_id"]
    run_dir = home / "landing" / run_id
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["items"] == len(landed(home, run_id)) >= 60
    assert not [p for p in (home / "landing").iterdir() if p.name.startswith(".tmp-")]
    warcs = sorted((home / "raw" / run_id).glob("*.warc.gz"))
    assert len(warcs) == len(crawled["sources"])
    uris = []
    for warc in warcs:
        with open(warc, "rb") as fh:
            uris += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)
                     if r.rec_type == "response"]
    assert len(uris) >= manifest["items"]


def test_second_crawl_fetches_no_article_again(crawled):
    assert crawled["second"]["items"] == 0
    skipped = sum(s.get("skipped", {}).get("seen", 0) for s in crawled["second"]["sources"])
    assert skipped >= 60
    assert len(crawled["progress"]) == 2 * len(crawled["sources"])


def test_broken_encoding_page_is_landed_as_raw_bytes(crawled):
    import base64
    items = landed(crawled["home"], crawled["first"]["run_id"])
    for path in expected()["broken_encoding"]:
        body = base64.b64decode(next(i for i in items if i["url"].endswith(path))["body_b64"])
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
