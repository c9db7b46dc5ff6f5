"""Every spider kind on fixture sites written in the region's languages, crawled twice with real
Scrapy: what lands the first time, and that the second crawl is conditional and fetches nothing again."""
from __future__ import annotations

import base64
import json

import pytest

from scrapers.crawl import crawl
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.sites import all_kinds


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, sites):
    home = tmp_path_factory.mktemp("home")
    sources = all_kinds(sites)
    first = crawl(home, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    after_first = {name: list(site.hits) for name, site in sites.items()}
    second = crawl(home, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    return {"home": home, "first": first, "second": second, "sites": sites, "after_first": after_first}


def landed(crawled, run="first") -> dict[str, list[dict]]:
    path = crawled["home"] / "landing" / crawled[run]["run_id"] / "items.jsonl"
    by_source: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            by_source.setdefault(item["source_id"], []).append(item)
    return by_source


def paths(items, base) -> set[str]:
    return {i["url"][len(base):] for i in items}


def summary(crawled, source_id, run="first") -> dict:
    return next(s for s in crawled[run]["sources"] if s["source_id"] == source_id)


def test_rss_feed_lands_entries_and_obeys_robots(crawled):
    items = landed(crawled)["steppe-rss"]
    base = crawled["sites"]["steppe-rss"].base_url
    assert paths(items, base) == {"/news/2017/12/22/amnesty-lgbti-qorgaushylar.html",
                                  "/news/2017/12/20/almaty-zhinalys.html", "/news/2017/12/18/astana-festival.html"}
    assert summary(crawled, "steppe-rss")["skipped"]["robots"] == 1
    assert not crawled["sites"]["steppe-rss"].requests_for("/private/draft.html")
    amnesty = next(i for i in items if "amnesty" in i["url"])
    assert amnesty["hints"]["title"].startswith("Amnesty International")
    assert amnesty["hints"]["published"] == amnesty["lastmod"] == "2017-12-22T03:30:00Z"
    assert "EUR 04/7574/2017" in base64.b64decode(amnesty["body_b64"]).decode("utf-8")


def test_atom_feed_keeps_updated_as_lastmod(crawled):
    items = landed(crawled)["ararat-atom"]
    assert len(items) == 3
    rally = next(i for i in items if "2101" in i["url"])
    assert rally["lastmod"] == "2026-11-20T06:00:00Z"
    assert "հանրահավաք" in rally["hints"]["title"]


def test_rss_full_text_travels_as_content_hint(crawled):
    items = landed(crawled)["kura-fulltext"]
    assert len(items) == 2
    for item in items:
        assert "სრული ტექსტის" in base64.b64decode(item["body_b64"]).decode("utf-8")  # the paywalled page
        assert len(item["hints"]["content"]) > 200
    assert any("შეკრების თავისუფლების" in i["hints"]["content"] for i in items)


def test_sitemap_from_robots_index_news_and_gzip(crawled):
    items = landed(crawled)["fergana-sitemap"]
    base = crawled["sites"]["fergana-sitemap"].base_url
    assert paths(items, base) == {
        "/uz/yangiliklar/toshkentda-namoyish.html", "/uz/yangiliklar/huquq-himoyachilari-hisobot.html",
        "/uz/yangiliklar/paxta-hosili.html", "/uz/yangiliklar/qishki-tayyorgarlik.html",
        "/uz/yangiliklar/2017/amnesty-hisoboti.html", "/uz/yangiliklar/2017/yangi-yil-bozori.html"}
    news = next(i for i in items if "toshkentda" in i["url"])
    assert news["hints"] == {"title": "Toshkentda tinch namoyish bo'lib o'tdi", "published": "2026-11-21T04:00:00Z"}
    old = next(i for i in items if "amnesty-hisoboti" in i["url"])
    assert old["lastmod"] == "2017-12-23T05:00:00Z"  # read from the gzipped child sitemap


def test_paginated_listing_skips_non_documents(crawled):
    items = landed(crawled)["issyk-listing"]
    base = crawled["sites"]["issyk-listing"].base_url
    assert paths(items, base) == {f"/news/{n}" for n in (
        "3051-bishkek-chogulush.html", "3050-ukuk-korgoochular.html", "3049-mitingge-tyiuu.html",
        "3047-zhogorku-kenesh.html", "3046-issyk-kol-turizm.html", "3045-mitingge-tyiuu.html")}
    report = summary(crawled, "issyk-listing")
    assert report["pages"] == 3 and report["skipped"]["not_document"] == 1
    assert crawled["sites"]["issyk-listing"].requests_for("/news/3048-foto.jpg")  # fetched, typed, skipped


def test_pangea_listing_folds_amp_twins_and_pages_with_more(crawled):
    items = landed(crawled)["svaboda-listing"]
    base = crawled["sites"]["svaboda-pangea"].base_url
    assert paths(items, base) == {
        "/a/minsk-zatrymanni-piket/33120001.html", "/a/33120002.html",
        "/a/lgbt-supolnasc-nachny-klub/33120003.html", "/a/sud-shtraf-aktyvistka/33119980.html",
        "/a/hrodna-mitynh/33119975.html", "/a/zvaro-pravaabarontsau/33119900.html"}
    assert summary(crawled, "svaboda-listing")["pages"] == 3
    site = crawled["sites"]["svaboda-pangea"]
    assert not [h.path for h in site.hits if h.path.startswith("/amp/")], "an AMP twin was fetched"
    assert not site.requests_for("/p/5678.html")


def test_pangea_feed_fetches_canonical_instead_of_amp(crawled):
    items = landed(crawled)["svaboda-feed"]
    base = crawled["sites"]["svaboda-pangea"].base_url
    assert paths(items, base) == {"/a/vitsebsk-shestse/33121500.html", "/a/navapolatsk-mitynh/33121501.html"}


def test_reports_keep_title_date_and_index_number(crawled):
    items = landed(crawled)["rights-reports"]
    by_path = {i["url"][len(crawled["sites"]["rights-reports"].base_url):]: i for i in items}
    assert set(by_path) == {
        "/files/eur0475742017en.pdf", "/en/documents/eur55/1234/2026/en/", "/files/eur5512342026en.pdf",
        "/files/eur5512342026ru.pdf", "/files/eur5709122026ru.pdf", "/files/annual-review-2025.pdf"}
    less_equal = by_path["/files/eur0475742017en.pdf"]["hints"]
    assert less_equal == {"title": "Less Equal: LGBTI Human Rights Defenders in Armenia, Belarus, "
                                   "Kazakhstan and Kyrgyzstan",
                          "report_index": "EUR 04/7574/2017", "published": "2017-12-22T00:00:00Z"}
    assert base64.b64decode(by_path["/files/eur0475742017en.pdf"]["body_b64"])[:5] == b"%PDF-"
    for edition in ("/files/eur5512342026en.pdf", "/files/eur5512342026ru.pdf"):
        hints = by_path[edition]["hints"]
        assert hints["report_index"] == "EUR 55/1234/2026" and hints["published"] == "2026-11-12T09:00:00Z"
        assert hints["title"] == "Kyrgyzstan: Peaceful assembly under attack"
    russian = by_path["/files/eur5709122026ru.pdf"]["hints"]
    assert russian == {"title": "Казахстан: право на мирные собрания", "report_index": "EUR 57/0912/2026",
                       "published": "2026-11-03T00:00:00Z"}
    assert by_path["/files/annual-review-2025.pdf"]["hints"]["published"] == "2026-01-15T00:00:00Z"


def test_every_response_is_in_the_warc(crawled):
    from warcio.archiveiterator import ArchiveIterator
    warcs = sorted((crawled["home"] / "raw" / crawled["first"]["run_id"]).glob("*.warc.gz"))
    assert len(warcs) == len(crawled["first"]["sources"])
    uris = set()
    for warc in warcs:
        with open(warc, "rb") as fh:
            uris |= {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)}
    assert {i["url"] for items in landed(crawled).values() for i in items} <= uris


def test_second_crawl_is_conditional_and_fetches_no_article_again(crawled):
    assert crawled["first"]["items"] == sum(len(v) for v in landed(crawled).values()) == 34
    assert crawled["second"]["items"] == 0
    assert all(s["status"] == "ok" and not s["errors"] for s in crawled["second"]["sources"]), \
        crawled["second"]["sources"]
    for name, site in crawled["sites"].items():
        first = {h.path for h in crawled["after_first"][name]}
        again = [h for h in site.hits[len(crawled["after_first"][name]):] if not h.path.endswith("robots.txt")]
        assert again, name
        for hit in again:  # only feeds, sitemaps and listing pages, each revalidated
            assert hit.path in first and hit.status == 304, (name, hit)
            assert "if-none-match" in hit.headers or "if-modified-since" in hit.headers
    warcs = (crawled["home"] / "raw" / crawled["second"]["run_id"]).glob("*.warc.gz")
    from warcio.archiveiterator import ArchiveIterator
    kinds = set()
    for warc in warcs:
        with open(warc, "rb") as fh:
            kinds |= {r.rec_type for r in ArchiveIterator(fh)}
    assert "revisit" in kinds
