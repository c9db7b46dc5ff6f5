"""`rightswatch sources check`: one plain fetch per source and a one-word verdict."""
from __future__ import annotations

import urllib.error
import urllib.request

import feedparser
from scrapy.utils.sitemap import Sitemap

from scrapers.registry import Source
from scrapers.settings import user_agent


def check_source(source: Source, timeout: float = 15.0, contact: str | None = None) -> str:
    request = urllib.request.Request(source.url, headers={"User-Agent": user_agent(contact)})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(5 * 1024 * 1024)
    except urllib.error.HTTPError as exc:
        return f"HTTP error {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"unreachable ({getattr(exc, 'reason', exc)})"
    if source.kind == "feed":
        return "ok" if feedparser.parse(body).entries else "not a feed"
    if source.kind == "sitemap":
        try:
            return "ok" if list(Sitemap(body)) else "parser found nothing"
        except Exception:
            return "not a sitemap"
    return "ok" if b"<a" in body.lower() else "parser found nothing"
