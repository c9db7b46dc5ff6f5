"""The one loopback site server answers like a web server: files with {{BASE}} replaced, 404 for
the rest, conditional requests answered 304, directories redirected when asked, several requests
on one kept-alive connection; its prebuilt mode (for benches) answers the same files."""
import http.client
import urllib.parse

import pytest

from scrapers import loopback
from scrapers.loopback import serve_prebuilt as serve


def test_serves_files_keep_alive_and_404(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "1.html").write_text("<a href='{{BASE}}/news/2.html'>Жаңалық</a>", encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    with serve(tmp_path) as base_url:
        parts = urllib.parse.urlsplit(base_url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        conn.request("GET", "/news/1.html?utm=x")
        page = conn.getresponse()
        assert page.status == 200 and page.getheader("Content-Type").startswith("text/html")
        assert page.read().decode("utf-8") == f"<a href='{base_url}/news/2.html'>Жаңалық</a>"
        conn.request("GET", "/robots.txt")  # same connection
        assert conn.getresponse().read() == b"User-agent: *\n"
        conn.request("GET", "/news/2.html")
        missing = conn.getresponse()
        assert missing.status == 404 and b"404" in missing.read()
        conn.close()


def _get(site, path, headers=None):
    parts = urllib.parse.urlsplit(site.base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    answer = conn.getresponse()
    body = answer.read()
    conn.close()
    return answer.status, answer, body


@pytest.mark.parametrize("if_none_match, status", [
    (None, 304), ("*", 304), ('W/"{etag}"', 304), ('"other", "{etag}"', 304), ('"other"', 200),
])
def test_conditional_requests(tmp_path, if_none_match, status):
    """If-None-Match wins over If-Modified-Since; `*` and a listed (even weak) tag match."""
    (tmp_path / "rss.xml").write_text("<rss version='2.0'><channel/></rss>", encoding="utf-8")
    with loopback.serve(tmp_path) as site:
        _, first, _ = _get(site, "/rss.xml")
        etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
        headers = {"If-Modified-Since": modified}
        if if_none_match is not None:
            headers["If-None-Match"] = if_none_match.format(etag=etag.strip('"'))
        found, _, body = _get(site, "/rss.xml", headers)
        assert found == status and (body == b"") == (status == 304)


def test_site_options_types_directories_and_queries(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "index.html").write_text("<p>Жаңалықтар</p>", encoding="utf-8")
    (tmp_path / "news" / "index@p=2.html").write_text("<p>2</p>", encoding="utf-8")
    (tmp_path / "rss.xml").write_text("<rss version='2.0'><channel/></rss>", encoding="utf-8")
    with loopback.serve(tmp_path) as plain:
        assert _get(plain, "/news")[0] == 200 and _get(plain, "/news/?p=2")[2] == b"<p>2</p>"
        assert _get(plain, "/rss.xml")[1].getheader("Content-Type").startswith("application/xml")
    with loopback.serve(tmp_path, types={"rss.xml": "application/rss+xml"}, redirect_directories=True,
                        query_files=False) as demo_like:
        status, answer, _ = _get(demo_like, "/news")
        assert status == 301 and answer.getheader("Location") == "/news/"
        assert _get(demo_like, "/news/?p=2")[2] == "<p>Жаңалықтар</p>".encode("utf-8")
        assert _get(demo_like, "/rss.xml")[1].getheader("Content-Type") == "application/rss+xml"


def test_routes_default_and_streams(tmp_path):
    chunks = [b"<p>", b"x" * 10, b"</p>"]
    routes = {"/stream": lambda _: loopback.Reply(200, stream=iter(chunks), length=17)}
    with loopback.serve(None, routes, default=lambda h: loopback.Reply(410, h.path.encode())) as site:
        assert _get(site, "/stream")[2] == b"".join(chunks)
        status, _, body = _get(site, "/anything?x=1")
        assert status == 410 and body == b"/anything?x=1"
        assert [h.path for h in site.hits] == ["/stream", "/anything?x=1"]
