"""Serve the bundled demo snapshot site on loopback.

Text files under ``site/`` may contain the literal ``{{BASE}}``; it is replaced by the
server's base URL on the way out (on bytes, so a deliberately mis-encoded page keeps
its bytes). Gzipped sitemaps are decompressed, substituted and re-gzipped.
"""
from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import pathlib
import threading
import urllib.parse
from typing import Iterator

HERE = pathlib.Path(__file__).resolve().parent
SITE_DIR = HERE / "site"
SOURCES_FILE = HERE / "sources.toml"
PLACEHOLDER = b"{{BASE}}"

# Pages stored as windows-1251 bytes although their <meta charset> says utf-8.
# They are sent with "charset=utf-8" on purpose, exactly as a misconfigured site would.
BROKEN_ENCODING = frozenset({
    "/nasha-vesnik/ru/news/stranicu-lgbt-iniciativy-priznali-ekstremistskoj-20915.html",
})

TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json"}
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".json": "application/json", ".pdf": "application/pdf", ".gz": "application/gzip"}
FEED_TYPES = {"rss.xml": "application/rss+xml; charset=utf-8", "feed.xml": "application/rss+xml; charset=utf-8",
              "atom.xml": "application/atom+xml; charset=utf-8"}
NOT_FOUND = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n"


def _resolve(path: str) -> pathlib.Path | None:
    """Map a URL path to a file under SITE_DIR, or None (404)."""
    if not path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    parts = path.split("/")
    if any(p in ("..", ".") for p in parts):
        return None
    target = SITE_DIR.joinpath(*[p for p in parts if p])
    if path.endswith("/"):
        target = target / "index.html"
    try:
        target = target.resolve()
        target.relative_to(SITE_DIR)
    except (OSError, ValueError):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _content_type(path: str, file: pathlib.Path) -> str:
    if path in BROKEN_ENCODING:
        return "text/html; charset=utf-8"
    return FEED_TYPES.get(file.name) or TYPES.get(file.suffix, "application/octet-stream")


def _body(file: pathlib.Path, base: bytes) -> bytes:
    data = file.read_bytes()
    if file.name.endswith(".xml.gz"):
        return gzip.compress(gzip.decompress(data).replace(PLACEHOLDER, base), mtime=0)
    if file.suffix in TEXT_SUFFIXES:
        return data.replace(PLACEHOLDER, base)
    return data


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "DemoSite/1.0"

    def log_message(self, format: str, *args) -> None:  # quiet: no per-request lines
        pass

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _send(self, code: int, body: bytes, ctype: str, send_body: bool, headers: dict | None = None) -> None:
        self.send_response(code)
        if code != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _serve(self, send_body: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        file = _resolve(path)
        if file is None:
            return self._send(404, NOT_FOUND, "text/html; charset=utf-8", send_body)
        if file.name == "index.html" and not path.endswith(("/", "index.html")):
            return self._send(301, b"", "text/html; charset=utf-8", send_body, {"Location": path + "/"})
        body = _body(file, self.server.base)  # type: ignore[attr-defined]
        mtime = int(file.stat().st_mtime)
        headers = {"ETag": '"%s"' % hashlib.sha1(body).hexdigest()[:24],
                   "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        if self._not_modified(headers["ETag"], mtime):
            return self._send(304, b"", _content_type(path, file), False, headers)
        self._send(200, body, _content_type(path, file), send_body, headers)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        try:
            return mtime <= int(email.utils.parsedate_to_datetime(self.headers["If-Modified-Since"]).timestamp())
        except (TypeError, ValueError, IndexError):  # header absent or unparsable
            return False


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True
    base = b""


class DemoSite:
    """A running demo site; ``base_url`` has no trailing slash."""

    def __init__(self, httpd: _Server, thread: threading.Thread) -> None:
        self._httpd, self._thread = httpd, thread
        host, port = httpd.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        httpd.base = self.base_url.encode("ascii")

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def start(host: str = "127.0.0.1", port: int = 0) -> DemoSite:
    """Start serving in a daemon thread; the caller must call ``stop()``."""
    httpd = _Server((host, port), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, name="demo-site", daemon=True)
    site = DemoSite(httpd, thread)
    thread.start()
    return site


@contextlib.contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[DemoSite]:
    """``with serve() as site: ...`` serves the demo site for the block's duration."""
    site = start(host, port)
    try:
        yield site
    finally:
        site.stop()


def sources_toml(base_url: str) -> str:
    """The demo source registry with ``{{BASE}}`` replaced by ``base_url``."""
    return SOURCES_FILE.read_text(encoding="utf-8").replace("{{BASE}}", base_url.rstrip("/"))


if __name__ == "__main__":
    import sys
    import time

    site = start(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
    print(f"demo site at {site.base_url}/ (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        site.stop()
