"""The pure parsers the spiders and `sources check` share, and the Pangea profile."""
import gzip

import pytest

from core.dates import iso_utc
from scrapers.backoff import retry_after
from scrapers.cms import PANGEA
from scrapers.parse import NotParsable, feed_entries, read_sitemap, report_index, text_date


@pytest.mark.parametrize("value, expected", [
    ("2017-12-22", "2017-12-22T00:00:00Z"), ("2017-12-22T09:30:00+06:00", "2017-12-22T03:30:00Z"),
    ("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"), ("22/12/2017", None), ("", None), (None, None)])
def test_iso_utc(value, expected):
    assert iso_utc(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Published 22 December 2017 · 62 pages", "2017-12-22T00:00:00Z"),
    ("Индекс: EUR 57/0912/2026 · 3 ноября 2026", "2026-11-03T00:00:00Z"),
    ("— 15.01.2026", "2026-01-15T00:00:00Z"), ("on 2026-02-30", None), ("no date here", None)])
def test_text_date(text, expected):
    assert text_date(text) == expected


def test_report_index_from_text_or_amnesty_url():
    assert report_index("Index: EUR 04/7574/2017", "https://x/a.pdf") == "EUR 04/7574/2017"
    assert report_index("", "https://www.amnesty.org/en/documents/eur04/7574/2017/en/") == "EUR 04/7574/2017"
    assert report_index("nothing", "https://x/a.pdf") is None


@pytest.mark.parametrize("url, folded", [
    ("https://www.azattyq.org/amp/a/lgbti-qorgaushylar/28933160.html",
     "https://www.azattyq.org/a/lgbti-qorgaushylar/28933160.html"),
    ("https://www.azattyq.org/amp/lgbti-qorgaushylar/28933160.html",
     "https://www.azattyq.org/a/lgbti-qorgaushylar/28933160.html"),
    ("https://www.azattyq.org/amp/28933160.html", "https://www.azattyq.org/a/28933160.html"),
    ("https://www.azattyq.org/a/28933160.html?utm_source=rss", "https://www.azattyq.org/a/28933160.html"),
    ("https://www.azattyq.org/z/330?p=2", "https://www.azattyq.org/z/330?p=2"),
])
def test_pangea_folds_twins_onto_the_canonical_article(url, folded):
    assert PANGEA.fold(url) == folded
    if "/z/" not in url:
        assert PANGEA.key(url) == "azattyq.org#28933160"


def test_sitemaps_gzip_robots_and_garbage():
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x/a</loc>' \
           b'<lastmod>2026-11-01</lastmod></url></urlset>'
    assert [(e.loc, e.lastmod) for e in read_sitemap(gzip.compress(body)).entries] == \
        [("https://x/a", "2026-11-01T00:00:00Z")]
    robots = read_sitemap(b"User-agent: *\nDisallow: /x/\nSitemap: https://x/sitemap.xml\n")
    assert robots.kind == "robots" and robots.entries[0].loc == "https://x/sitemap.xml"
    for bad in (b"<html><body>hello</body></html>", b"User-agent: *\n", b"\x1f\x8bnot gzip"):
        with pytest.raises(NotParsable):
            read_sitemap(bad)


def test_feed_entries_or_not_a_feed():
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title>'
            b'<link href="https://x/a"/><published>2026-11-01T00:00:00Z</published>'
            b'<updated>2026-11-02T00:00:00Z</updated></entry></feed>')
    entry = feed_entries(atom)[0]
    assert (entry.link, entry.published, entry.lastmod) == ("https://x/a", "2026-11-01T00:00:00Z",
                                                            "2026-11-02T00:00:00Z")
    with pytest.raises(NotParsable):
        feed_entries(b"<!DOCTYPE html><html><body><p>not a feed</p></body></html>")


def test_retry_after_seconds_or_date():
    assert retry_after(b"7") == 7.0
    assert retry_after(b"Wed, 25 Nov 2026 10:00:10 GMT", now=1795600800.0) == pytest.approx(10.0)
    assert retry_after(None) is None and retry_after(b"soon") is None
