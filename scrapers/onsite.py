"""Requests, and above all redirects, stay on the source's own host.

Scrapy's offsite filter lets a `dont_filter` request (every start URL) follow a redirect
anywhere, and ignores ports; this one checks every request, before robots.txt is fetched
for a foreign host. A source URL with an explicit port pins the port too (loopback sites)."""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.utils.httpobj import urlparse_cached

from scrapers.failures import OffsiteRedirect


def home_of(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www."), parts.port


def is_onsite(url_parts, home: tuple[str, int | None]) -> bool:
    domain, port = home
    host = url_parts.hostname or ""
    if port is not None and url_parts.port != port:
        return False
    return host == domain or host.endswith("." + domain)


class OnsiteOnly:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.let_through: set[str] = set()  # hosts an `allow_offsite` request went to: their robots.txt too

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        home = getattr(self.crawler.spider, "home", None)
        parts = urlparse_cached(request)
        if request.meta.get("allow_offsite"):
            self.let_through.add(parts.netloc)
            return None
        if home is None or is_onsite(parts, home):
            return None
        if parts.path == "/robots.txt" and parts.netloc in self.let_through:
            return None
        redirected = bool(request.meta.get("redirect_urls"))
        self.stats.inc_value("onsite/redirect_blocked" if redirected else "onsite/link_blocked")
        what = "redirect" if redirected else "link"
        raise OffsiteRedirect(f"{what} to {urlparse_cached(request).netloc} leaves the source's host",
                              redirected)
