"""The benches' lean site server answers like a web server: files with {{BASE}} replaced, 404 for
the rest, several requests on one kept-alive connection."""
import http.client
import urllib.parse

from bench.static_site import serve


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
