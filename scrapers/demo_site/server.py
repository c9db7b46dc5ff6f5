"""The bundled demo snapshot site (``site/``), served on loopback by the one site server
(scrapers/loopback.py) as a plain web server would serve it: feeds by their names' types, a
directory asked without its slash redirected, queries ignored.

Text files under ``site/`` may contain the literal ``{{BASE}}``; it is replaced by the
server's base URL on the way out (on bytes, so a deliberately mis-encoded page keeps
its bytes). Gzipped sitemaps are decompressed, substituted and re-gzipped.
"""
from __future__ import annotations

import contextlib
import pathlib
from typing import Iterator

from scrapers import loopback

HERE = pathlib.Path(__file__).resolve().parent
SITE_DIR = HERE / "site"
SOURCES_FILE = HERE / "sources.toml"

# Pages stored as windows-1251 bytes although their <meta charset> says utf-8.
# They are sent with "charset=utf-8" on purpose, exactly as a misconfigured site would.
BROKEN_ENCODING = frozenset({
    "/nasha-vesnik/ru/news/stranicu-lgbt-iniciativy-priznali-ekstremistskoj-20915.html",
})
FEED_TYPES = {"rss.xml": "application/rss+xml; charset=utf-8", "feed.xml": "application/rss+xml; charset=utf-8",
              "atom.xml": "application/atom+xml; charset=utf-8"}
TYPES = {**FEED_TYPES, **{pathlib.PurePosixPath(p).name: "text/html; charset=utf-8" for p in BROKEN_ENCODING}}


def start(host: str = "127.0.0.1", port: int = 0) -> loopback.Site:
    """Start serving in a daemon thread; the caller must call ``stop()``."""
    return loopback.start(SITE_DIR, host=host, port=port, record=False, types=TYPES,
                          redirect_directories=True, query_files=False)


@contextlib.contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[loopback.Site]:
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
