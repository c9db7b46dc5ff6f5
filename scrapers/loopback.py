"""Serve a folder as a website on 127.0.0.1: the fixture sites of the tests and the crawl bench.

Like a real server it answers ETag / Last-Modified with 304 and sends content types by file
name; `{{BASE}}` in text files (and inside gzipped sitemaps) becomes the server's base URL.
`routes` override single paths (redirects, failures, slow or huge answers), and every
request is logged so tests can say what was fetched, how often, and with which headers.
"""
from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

PLACEHOLDER = b"{{BASE}}"
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".rss", ".atom"}
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".rss": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
         ".txt": "text/plain; charset=utf-8", ".json": "application/json", ".pdf": "application/pdf",
         ".gz": "application/gzip", ".jpg": "image/jpeg", ".png": "image/png", ".mp3": "audio/mpeg"}
NOT_FOUND = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts)


@dataclass(frozen=True)
class Hit:
    method: str
    path: str  # with the query string
    status: int
    headers: dict  # request headers, lower-case names


Route = Callable[["_Handler"], Reply]


def content_type(file: Path) -> str:
    if file.name.endswith(".xml.gz"):
        return TYPES[".gz"]
    if not file.suffix:  # Pangea feeds live at /api/<id>, Telegram previews at /s/<channel>: sniff
        head = file.read_bytes()[:64].lstrip()
        if head[:14].lower() in (b"<!doctype html", b"<html>") or head[:6].lower() == b"<html ":
            return TYPES[".html"]
        return TYPES[".rss"] if head.startswith(b"<") else "text/plain"
    return TYPES.get(file.suffix, "application/octet-stream")


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "Loopback/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(True)

    def do_HEAD(self) -> None:
        self._serve(False)

    def _send(self, reply: Reply, send_body: bool) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.record(Hit(self.command, self.path, reply.status,
                        {k.lower(): v for k, v in self.headers.items()}))
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
            if reply.status != 304:
                headers["Content-Length"] = str(len(reply.body))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if send_body and reply.status != 304:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def _serve(self, send_body: bool) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        path = urllib.parse.urlsplit(self.path).path
        route = site.routes.get(self.path) or site.routes.get(path)
        if route is not None:
            return self._send(route(self), send_body)
        query = urllib.parse.urlsplit(self.path).query
        self._send(site.static(urllib.parse.unquote(path), self.headers, query), send_body)


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


class Site:
    """A running site; `base_url` has no trailing slash."""

    def __init__(self, root: Path | None, routes: dict[str, Route] | None, host: str, port: int,
                 record: bool = True):
        self.root = Path(root).resolve() if root else None
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[Hit] = []
        self._record = record
        self._lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.site = self  # type: ignore[attr-defined]
        bound_host, bound_port = self._httpd.server_address[:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="loopback-site", daemon=True)
        self._thread.start()

    def record(self, hit: Hit) -> None:
        if self._record:
            with self._lock:
                self.hits.append(hit)

    def requests_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if urllib.parse.urlsplit(h.path).path == path]

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # -- static files ---------------------------------------------------------------
    def resolve(self, path: str, query: str = "") -> Path | None:
        """The file for a path; a query selects a sibling file: `/z/330?p=1` -> `z/330/index@p=1.html`."""
        if self.root is None or not path.startswith("/") or "\x00" in path:
            return None
        parts = [p for p in path.split("/") if p]
        if any(p in ("..", ".") for p in parts + [query]) or "/" in query:
            return None
        target = self.root.joinpath(*parts)
        if target.is_dir():
            target = target / "index.html"
        if query:
            target = target.with_name(f"{target.stem}@{query}{target.suffix}")
        try:
            target.resolve().relative_to(self.root)
        except (OSError, ValueError):
            return None
        return target if target.is_file() else None

    def body_of(self, file: Path) -> bytes:
        data = file.read_bytes()
        base = self.base_url.encode("ascii")
        if file.name.endswith(".xml.gz"):
            return gzip.compress(gzip.decompress(data).replace(PLACEHOLDER, base), mtime=0)
        if file.suffix in TEXT_SUFFIXES or not file.suffix:
            return data.replace(PLACEHOLDER, base)
        return data

    def static(self, path: str, request_headers, query: str = "") -> Reply:
        file = self.resolve(path, query)
        if file is None:
            return Reply(404, NOT_FOUND)
        body = self.body_of(file)
        mtime = int(file.stat().st_mtime)
        headers = {"Content-Type": content_type(file),
                   "ETag": '"%s"' % hashlib.sha1(body).hexdigest()[:24],
                   "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        if _not_modified(request_headers, headers["ETag"], mtime):
            return Reply(304, b"", headers)
        return Reply(200, body, headers)


def _not_modified(request_headers, etag: str, mtime: int) -> bool:
    inm = request_headers.get("If-None-Match")
    if inm is not None:
        return "*" in inm or etag in [t.strip().removeprefix("W/") for t in inm.split(",")]
    try:
        return mtime <= int(email.utils.parsedate_to_datetime(request_headers["If-Modified-Since"]).timestamp())
    except (TypeError, ValueError, IndexError):
        return False


def start(root: Path | None = None, routes: dict[str, Route] | None = None, host: str = "127.0.0.1",
          port: int = 0, record: bool = True) -> Site:
    return Site(root, routes, host, port, record)


@contextlib.contextmanager
def serve(root: Path | None = None, routes: dict[str, Route] | None = None, host: str = "127.0.0.1",
          port: int = 0, record: bool = True) -> Iterator[Site]:
    """`with serve(folder) as site: ...` serves the folder for the block's duration."""
    site = start(root, routes, host, port, record)
    try:
        yield site
    finally:
        site.stop()
