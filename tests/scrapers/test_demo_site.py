"""Shape tests for the bundled demo snapshot site (scrapers/demo_site).

Everything is served on 127.0.0.1 by the site's own server; nothing leaves the machine.
"""
from __future__ import annotations

import gzip
import http.client
import io
import json
import re
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import pytest

from scrapers.demo_site import server
from scrapers.demo_site.server import SITE_DIR, serve, sources_toml

DEMO_DIR = SITE_DIR.parent
EXPECTED = json.loads((DEMO_DIR / "expected.json").read_text(encoding="utf-8"))
ARTICLES = EXPECTED["articles"]
BY_PATH = {a["path"]: a for a in ARTICLES}
TOPICS = {"lgbt", "assembly", "detention", "ban", "violence", "legislation", "pride", "foreign-agent"}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site():
    with serve() as s:
        yield s


def fetch(site, path, method="GET", headers=None):
    """(status, headers, body) without raising on 4xx."""
    url = path if path.startswith("http") else site.base_url + path
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def local_path(site, url):
    assert url.startswith(site.base_url + "/"), url
    return url[len(site.base_url):]


# ---- ground truth -----------------------------------------------------------------
def test_expected_shape():
    assert len(ARTICLES) >= 60
    assert len({a["source_id"] for a in ARTICLES}) >= 6
    assert len({a["language"] for a in ARTICLES}) >= 8
    langs = {(a["language"], a["script"]) for a in ARTICLES}
    for need in [("kk", "Cyrl"), ("ky", "Cyrl"), ("ru", "Cyrl"), ("uz", "Latn"), ("uz", "Cyrl"),
                 ("hy", "Armn"), ("ka", "Geor"), ("be", "Cyrl"), ("en", "Latn")]:
        assert need in langs, need
    keys = {"path", "source_id", "language", "script", "title", "published", "relevant", "topics",
            "countries", "organizations", "story", "republication_of"}
    for a in ARTICLES + EXPECTED["reports"]:
        assert keys <= set(a), a["path"]
        assert set(a["topics"]) <= TOPICS, a["path"]
        assert "2026-10-25" <= a["published"] <= "2026-11-24", a["path"]
        assert bool(a["topics"]) == a["relevant"], a["path"]
        if a["republication_of"]:
            assert BY_PATH[a["republication_of"]]["story"] == a["story"]
    assert len(BY_PATH) == len(ARTICLES)
    share = sum(a["relevant"] for a in ARTICLES) / len(ARTICLES)
    assert 0.5 <= share <= 0.7
    assert sum(1 for a in ARTICLES if a["republication_of"]) >= 3
    story_langs = defaultdict(set)
    for a in ARTICLES:
        story_langs[a["story"]].add((a["language"], a["script"]))
    assert sum(1 for v in story_langs.values() if len(v) >= 2) >= 3
    assert sum(1 for a in ARTICLES if not a["meta_date"]) >= 5
    assert {r["index"] for r in EXPECTED["reports"]} == {"ROE 04/1123/2026", "ROE 04/1187/2026"}


def test_every_article_served_with_its_language(site):
    for a in ARTICLES:
        status, headers, body = fetch(site, a["path"])
        assert status == 200, a["path"]
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        text = body.decode("utf-8") if a["path"] not in EXPECTED["broken_encoding"] else body.decode("cp1251")
        lang = re.search(r'<html lang="([^"]+)"', text).group(1)
        assert lang.split("-")[0] == a["language"], a["path"]
        assert f'<link rel="canonical" href="{site.base_url}{a["path"]}">' in text
        assert f'content="{site.base_url}{a["path"]}"' in text  # og:url
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)
        assert h1.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&") == a["title"]
        meta = re.search(r'property="article:published_time" content="([^"]+)"', text)
        if a["meta_date"]:
            assert meta and meta.group(1).startswith(a["published"]), a["path"]
        else:
            assert meta is None and "datetime=" not in text and "datePublished" not in text, a["path"]
        paras = re.findall(r"<p>([^<]{20,})</p>", text)
        assert 3 <= len(paras) <= 9, a["path"]


def test_no_placeholder_in_served_output(site):
    for f in SITE_DIR.rglob("*"):
        if not f.is_file():
            continue
        rel = "/" + f.relative_to(SITE_DIR).as_posix()
        status, _, body = fetch(site, rel)
        assert status == 200, rel
        if rel.endswith(".gz"):
            body = gzip.decompress(body)
        assert b"{{BASE}}" not in body, rel


# ---- feeds, sitemaps, listings ------------------------------------------------------
def _check_links(site, links, source_id):
    seen = set()
    for link in links:
        path = local_path(site, link)
        status, _, _ = fetch(site, path)
        if path in EXPECTED["not_found"]:
            assert status == 404, path
        elif path in EXPECTED["robots_blocked"]:
            assert status == 200, path
        else:
            assert status == 200 and BY_PATH[path]["source_id"] == source_id, path
            seen.add(path)
    assert seen == {a["path"] for a in ARTICLES if a["source_id"] == source_id}


def test_feeds_parse_and_resolve(site):
    feedparser = pytest.importorskip("feedparser")
    for path, version, source_id in [("/dala-times/rss.xml", "rss20", "dala-times"),
                                     ("/alatoo-post/atom.xml", "atom10", "alatoo-post"),
                                     ("/mtatsminda-courier/feed.xml", "rss20", "mtatsminda-courier")]:
        status, headers, body = fetch(site, path)
        assert status == 200
        assert ("atom" if version == "atom10" else "rss") in headers["Content-Type"]
        feed = feedparser.parse(body)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == version
        for e in feed.entries:
            assert e.title and e.link and e.get("published_parsed"), e
        if source_id == "mtatsminda-courier":
            assert all(len(e.content[0].value) > 200 for e in feed.entries)
        _check_links(site, [e.link for e in feed.entries], source_id)


def test_sitemap_index_and_gz_resolve(site):
    status, _, body = fetch(site, "/robots.txt")
    assert status == 200
    assert f"Sitemap: {site.base_url}/tashkent-herald/sitemap.xml".encode() in body
    _, _, body = fetch(site, "/tashkent-herald/sitemap.xml")
    index = ET.fromstring(body)
    assert index.tag == SM + "sitemapindex"
    locs = [e.text for e in index.iter(SM + "loc")]
    assert locs == [site.base_url + "/tashkent-herald/sitemap-news.xml.gz"]
    status, headers, gz = fetch(site, local_path(site, locs[0]))
    assert status == 200 and "gzip" in headers["Content-Type"] and gz[:2] == b"\x1f\x8b"
    urlset = ET.fromstring(gzip.decompress(gz))
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    assert len(list(urlset.iter(news + "publication_date"))) == len(list(urlset.iter(SM + "url")))
    _check_links(site, [e.text for e in urlset.iter(SM + "loc")], "tashkent-herald")
    _, _, body = fetch(site, "/nasha-vesnik/sitemap.xml")
    _check_links(site, [e.text for e in ET.fromstring(body).iter(SM + "loc")], "nasha-vesnik")


def _crawl_listing(site, source):
    """Follow next_page from the start URL, collecting links matching article_pattern."""
    pattern = re.compile(source["article_pattern"])
    sel_class = {"a.next": r'<a class="next[^"]*"[^>]*href="([^"]+)"',
                 "li.pager-next a": r'<li class="pager-next"><a href="([^"]+)"'}[source["next_page"]]
    url, pages, found, other = source["url"], [], [], set()
    while url:
        status, _, body = fetch(site, url)
        assert status == 200, url
        pages.append(url)
        html = body.decode("utf-8")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', html):
            absu = urllib.parse.urljoin(url, href)
            if pattern.search(absu):
                found.append(absu)
            else:
                other.add(absu)
        nxt = re.search(sel_class, html)
        url = urllib.parse.urljoin(url, nxt.group(1)) if nxt else None
    return pages, list(dict.fromkeys(found)), other


def test_listing_pagination_reaches_all_pages(site):
    sources = {s["id"]: s for s in tomllib.loads(sources_toml(site.base_url))["sources"]}
    pages, found, other = _crawl_listing(site, sources["ararat-daily"])
    assert len(pages) == 3
    assert any("/tag/" in u for u in other) and any("/about/" in u for u in other)
    assert any(u.endswith("/ararat-daily/2026/11/") for u in other)  # date archive must not match
    _check_links(site, found, "ararat-daily")
    pages, found, other = _crawl_listing(site, sources["eurasia-wire"])
    assert len(pages) == 2
    _check_links(site, found, "eurasia-wire")
    reps = [e for e in ARTICLES if e["source_id"] == "eurasia-wire" and e["republication_of"]]
    assert len(reps) >= 3


def test_reports_listing_and_pdfs(site):
    pypdf = pytest.importorskip("pypdf")
    status, _, body = fetch(site, "/rights-observatory/reports/")
    assert status == 200
    html = body.decode("utf-8")
    pdfs = sorted(set(re.findall(r'href="([^"]+\.pdf)"', html)))
    assert pdfs == sorted(r["path"] for r in EXPECTED["reports"])
    for r in EXPECTED["reports"]:
        assert r["index"] in html
        status, headers, data = fetch(site, r["path"])
        assert status == 200 and headers["Content-Type"] == "application/pdf"
        assert data.startswith(b"%PDF")
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert 2 <= len(reader.pages) <= 5
        first = " ".join(reader.pages[0].extract_text().split())
        assert r["index"] in first
        assert r["title"].split(":")[0] in first


# ---- server behaviour ---------------------------------------------------------------------
def test_not_found_and_traversal(site):
    for path in EXPECTED["not_found"] + ["/nope.html", "/dala-times/news/2026/13/x.html"]:
        assert fetch(site, path)[0] == 404, path
    host, port = site.base_url.split("//")[1].split(":")
    for raw in ["/../server.py", "/dala-times/../../server.py", "/%2e%2e/server.py", "/..%2fexpected.json"]:
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", raw)
        resp = conn.getresponse()
        assert resp.status == 404, raw
        resp.read()
        conn.close()


def test_broken_encoding_page(site):
    assert EXPECTED["broken_encoding"]
    for path in EXPECTED["broken_encoding"]:
        assert path in server.BROKEN_ENCODING
        status, headers, body = fetch(site, path)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert b'<meta charset="utf-8">' in body
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        assert BY_PATH[path]["title"] in body.decode("cp1251")
        assert BY_PATH[path]["language"] in ("ru", "be")


def test_robots_txt(site):
    _, _, body = fetch(site, "/robots.txt")
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(body.decode("utf-8").splitlines())
    for path in EXPECTED["robots_blocked"]:
        assert path.startswith("/private/")
        assert not rp.can_fetch("rightswatch", site.base_url + path)
    for a in ARTICLES:
        assert rp.can_fetch("rightswatch", site.base_url + a["path"])


def test_conditional_get_head_and_redirect(site):
    path = "/dala-times/rss.xml"
    status, headers, body = fetch(site, path)
    etag, lastmod = headers["ETag"], headers["Last-Modified"]
    assert etag and lastmod
    assert fetch(site, path, headers={"If-None-Match": etag})[0] == 304
    assert fetch(site, path, headers={"If-Modified-Since": lastmod})[0] == 304
    assert fetch(site, path, headers={"If-None-Match": '"other"'})[0] == 200
    status, headers, head_body = fetch(site, path, method="HEAD")
    assert status == 200 and head_body == b"" and int(headers["Content-Length"]) == len(body)
    status, _, body = fetch(site, "/ararat-daily/news")  # directory without slash -> 301 -> index
    assert status == 200 and b"a class=\"next" in body


def test_sources_toml(site):
    raw = (DEMO_DIR / "sources.toml").read_text(encoding="utf-8")
    sources = tomllib.loads(raw)["sources"]
    assert len(sources) == 8
    assert Counter(s["kind"] for s in sources) == {"feed": 3, "sitemap": 2, "listing": 2, "reports": 1}
    assert len({s["id"] for s in sources}) == 8
    assert {s["id"] for s in sources} >= {a["source_id"] for a in ARTICLES}
    for s in sources:
        assert s["url"].startswith("{{BASE}}/")
        assert re.fullmatch(r"[a-z0-9-]+", s["id"])
        assert s["category"] in ("news", "ngo") and re.fullmatch(r"[A-Z]{2}", s["country"])
        if s["kind"] in ("listing", "reports"):
            re.compile(s["article_pattern"])
    text = sources_toml(site.base_url)
    assert "{{BASE}}" not in text
    for s in tomllib.loads(text)["sources"]:
        assert fetch(site, s["url"])[0] == 200, s["url"]


def test_start_stop_and_parallel_load():
    from concurrent.futures import ThreadPoolExecutor

    s = server.start()
    try:
        paths = [a["path"] for a in ARTICLES] * 3
        with ThreadPoolExecutor(32) as pool:
            codes = list(pool.map(lambda p: fetch(s, p)[0], paths))
        assert set(codes) == {200}
    finally:
        s.stop()
