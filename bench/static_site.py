"""A lean static web server for throughput benches, in its own process on 127.0.0.1.

Every answer is built once, in memory, before the first request (`{{BASE}}` already replaced), and
served by one asyncio protocol with keep-alive: a request costs the machine tens of microseconds.
The crawl machine of a real deployment spends nothing on the sites it reads; this server keeps the
benches' shared 2 cores for the crawlers under test. The tests' fixture server (scrapers.loopback)
does far more per request (conditional answers, routes, a log of hits) and would be measured too.
"""
from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

from scrapers.loopback import NOT_FOUND, Site, content_type


def _answer(status: str, body: bytes, kind: str) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def answers(root: Path, base_url: str) -> dict[bytes, bytes]:
    """Request path -> complete HTTP response, for every file under `root`."""
    site = Site.__new__(Site)  # only its file helpers: no server, no thread
    site.root, site.base_url = root.resolve(), base_url
    out = {}
    for file in root.rglob("*"):
        if file.is_file():
            path = "/" + file.relative_to(root).as_posix()
            out[path.encode()] = _answer("200 OK", site.body_of(file), content_type(file))
    return out


class _Protocol(asyncio.Protocol):
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


def _serve(root: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base_url = "http://127.0.0.1:%d" % sock.getsockname()[1]
    table = answers(root, base_url)

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(lambda: _Protocol(table), sock=sock,
                                                                backlog=1024)
        print(base_url, flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """`with serve(folder) as base_url:` the folder is served for the block; no trailing slash."""
    proc = subprocess.Popen([sys.executable, "-m", __name__, str(root)], stdout=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        if not base_url.startswith("http://"):
            raise RuntimeError(f"bench site server for {root} did not start")
        yield base_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    _serve(Path(sys.argv[1]))
