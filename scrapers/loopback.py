"""The one loopback site server: a folder (or routes) served as a website on 127.0.0.1.

`rightswatch demo` serves its snapshot site with it at runtime, so it ships in the package; the
tests' fixture sites and hostile site and the crawl benches use the same code, so what the demo
relies on is what the tests exercise. Like a real server it answers ETag / Last-Modified with 304
and sends content types by file name; `{{BASE}}` in text files (and inside gzipped sitemaps)
becomes the server's base URL. `routes` override single paths and `default` every other one
(redirects, failures, slow, endless or huge answers); every request is logged so tests can say
what was fetched, how often, and with which headers. `serve_prebuilt` answers from memory in a
process of its own, so a throughput bench measures the crawler, not this server.
"""
from __future__ import annotations

import asyncio
import contextlib
import email.utils
import gzip
import hashlib
import http.server
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

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
    stream: Iterable[bytes] | None = None  # sent chunk by chunk instead of `body` (endless, trickling)
    length: int | None = None  # a stream's declared Content-Length; None: the connection closes after it


@dataclass(frozen=True)
class Hit:
    method: str
    path: str  # with the query string
    status: int
    headers: dict  # request headers, lower-case names


Route = Callable[["_Handler"], Reply]


def content_type(file: Path, types: dict[str, str] | None = None) -> str:
    """By file name (`types`: a site's own names, e.g. `rss.xml`), else by suffix, else sniffed."""
    if types and file.name in types:
        return types[file.name]
    if file.name.endswith(".xml.gz"):
        return TYPES[".gz"]
    if not file.suffix:  # Pangea feeds live at /api/<id>, Telegram previews at /s/<channel>: sniff
        head = file.read_bytes()[:64].lstrip()
        if head[:14].lower() in (b"<!doctype html", b"<html>") or head[:6].lower() == b"<html ":
            return TYPES[".html"]
        return TYPES[".rss"] if head.startswith(b"<") else "text/plain"
    return TYPES.get(file.suffix, "application/octet-stream")


def validators(body: bytes, mtime: int) -> dict[str, str]:
    """The ETag and Last-Modified of an answer."""
    return {"ETag": '"%s"' % hashlib.sha1(body).hexdigest()[:24],
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}


def not_modified(request_headers, etag: str, mtime: int) -> bool:
    """Whether a conditional request may be answered 304: If-None-Match (any listed tag, or *)
    wins over If-Modified-Since."""
    inm = request_headers.get("If-None-Match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    try:
        return mtime <= int(email.utils.parsedate_to_datetime(request_headers["If-Modified-Since"]).timestamp())
    except (TypeError, ValueError, IndexError):
        return False


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
            if reply.stream is not None:
                if reply.length is None:
                    headers["Connection"] = "close"
                    self.close_connection = True
                else:
                    headers["Content-Length"] = str(reply.length)
            elif reply.status != 304:
                headers["Content-Length"] = str(len(reply.body))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not send_body or reply.status == 304:
                return
            if reply.stream is None:
                self.wfile.write(reply.body)
                return
            for chunk in reply.stream:
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):  # the client gave up
            pass

    def _serve(self, send_body: bool) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        path = urllib.parse.urlsplit(self.path).path
        route = site.routes.get(self.path) or site.routes.get(path) or site.default
        if route is not None:
            return self._send(route(self), send_body)
        query = urllib.parse.urlsplit(self.path).query
        self._send(site.static(urllib.parse.unquote(path), self.headers, query), send_body)


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


class Site:
    """A running site; `base_url` has no trailing slash.

    `types` maps file names to content types; `redirect_directories` answers a directory asked
    without its slash with a 301 to it (as web servers do; relative links then resolve); with
    `query_files` a query selects a sibling file (`/z/330?p=1` -> `z/330/index@p=1.html`),
    without it the query is ignored."""

    def __init__(self, root: Path | None, routes: dict[str, Route] | None, host: str, port: int,
                 record: bool = True, default: Route | None = None, types: dict[str, str] | None = None,
                 redirect_directories: bool = False, query_files: bool = True):
        self.root = Path(root).resolve() if root else None
        self.routes: dict[str, Route] = dict(routes or {})
        self.default = default
        self.types = dict(types or {})
        self.redirect_directories, self.query_files = redirect_directories, query_files
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
        """The file for a path; with `query_files`, a query selects a sibling file."""
        if self.root is None or not path.startswith("/") or "\x00" in path or "\\" in path:
            return None
        query = query if self.query_files else ""
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
        if self.redirect_directories and file.name == "index.html" and not path.endswith(("/", "index.html")):
            return Reply(301, b"", {"Location": path + "/"})
        body = self.body_of(file)
        mtime = int(file.stat().st_mtime)
        headers = {"Content-Type": content_type(file, self.types), **validators(body, mtime)}
        if not_modified(request_headers, headers["ETag"], mtime):
            return Reply(304, b"", headers)
        return Reply(200, body, headers)


def start(root: Path | None = None, routes: dict[str, Route] | None = None, host: str = "127.0.0.1",
          port: int = 0, record: bool = True, **options) -> Site:
    """Serve in a daemon thread until `stop()`; `options` are Site's (default, types, ...)."""
    return Site(root, routes, host, port, record, **options)


@contextlib.contextmanager
def serve(root: Path | None = None, routes: dict[str, Route] | None = None, host: str = "127.0.0.1",
          port: int = 0, record: bool = True, **options) -> Iterator[Site]:
    """`with serve(folder) as site: ...` serves the folder for the block's duration."""
    site = start(root, routes, host, port, record, **options)
    try:
        yield site
    finally:
        site.stop()


# -- prebuilt answers, for throughput benches -------------------------------------------
def _answer(status: str, body: bytes, kind: str) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def answers(root: Path, base_url: str) -> dict[bytes, bytes]:
    """Request path -> complete HTTP response (200, no validators), for every file under `root`."""
    site = Site.__new__(Site)  # only its file helpers: no server, no thread
    site.root, site.base_url = root.resolve(), base_url
    out = {}
    for file in root.rglob("*"):
        if file.is_file():
            path = "/" + file.relative_to(root).as_posix()
            out[path.encode()] = _answer("200 OK", site.body_of(file), content_type(file))
    return out


class _Prebuilt(asyncio.Protocol):
    """Keep-alive answers from the table: a request costs tens of microseconds."""

    def __init__(self, table: dict[bytes, bytes]):
        self.table, self.buffer = table, b""
        self.missing = _answer("404 Not Found", NOT_FOUND, "text/html; charset=utf-8")

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            parts = head.split(b" ", 2)
            path = parts[1].split(b"?", 1)[0] if len(parts) > 1 else b""
            self.transport.write(self.table.get(path, self.missing))
            if b"\r\nconnection: close" in head.lower():
                self.transport.close()
                return


def _serve_prebuilt(root: Path) -> None:
    # an ignored SIGTERM is inherited across exec (Scrapy ignores it in a process it has asked to
    # shut down twice): this server must still end when its parent terminates it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base_url = "http://127.0.0.1:%d" % sock.getsockname()[1]
    table = answers(root, base_url)

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(lambda: _Prebuilt(table), sock=sock, backlog=1024)
        print(base_url, flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


@contextlib.contextmanager
def serve_prebuilt(root: Path) -> Iterator[str]:
    """`with serve_prebuilt(folder) as base_url:` every answer built once in memory and served by
    one asyncio protocol in a process of its own: a crawl bench's 2 cores go to the crawlers under
    test, not to this server (the threaded Site does far more per request and would be measured)."""
    proc = subprocess.Popen([sys.executable, "-m", __name__, str(root)], stdout=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        if not base_url.startswith("http://"):
            raise RuntimeError(f"prebuilt site server for {root} did not start")
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    _serve_prebuilt(Path(sys.argv[1]))
