"""`rightswatch sources check`: one plain fetch per source, parsed by the crawler's own parsers.

Verdicts: `ok (N …)`, `HTTP error CODE`, `unreachable (…)`, `not a feed`, `not a sitemap`,
`parser found nothing`, `redirected off the source's host`, `refused (private address)`
(scrapers.ssrf; redirects are checked before they are followed); anything but ok is a failure
(the crawler follows redirects and article links only on the source's own host)."""
from __future__ import annotations

import re
import urllib.error
import urllib.request

from urllib.parse import urljoin, urlsplit

from scrapy.http import HtmlResponse

from scrapers import cms as cms_profiles
from scrapers.parse import NotParsable, article_links, feed_entries, read_sitemap
from scrapers.onsite import home_of, is_onsite
from scrapers.registry import Source
from scrapers.settings import user_agent
from scrapers.ssrf import check_url
from scrapers.spiders.listing import PDF_LINK

MAX_BODY = 5 * 1024 * 1024


class _RefusePrivateRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target is checked before it is requested."""

    def __init__(self, allow_loopback: bool):
        self.allow_loopback = allow_loopback

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        why = check_url(urljoin(req.full_url, newurl), self.allow_loopback)
        if why:
            raise urllib.error.URLError(f"redirect refused: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_source(source: Source, timeout: float = 15.0, contact: str | None = None,
                 allow_loopback: bool = False) -> str:
    why = check_url(source.url, allow_loopback)
    if why:
        return f"refused ({why}: private networks are never crawled)"
    request = urllib.request.Request(source.url, headers={"User-Agent": user_agent(contact)})
    opener = urllib.request.build_opener(_RefusePrivateRedirects(allow_loopback))
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BODY)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        return f"HTTP error {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"unreachable ({getattr(exc, 'reason', exc)})"
    home = home_of(source.url)
    if not is_onsite(urlsplit(final_url), home):
        return f"redirected off the source's host (to {urlsplit(final_url).netloc})"
    return verdict(source, final_url, body)


def verdict(source: Source, url: str, body: bytes) -> str:
    """What the crawler would make of this body, in a few words."""
    profile = cms_profiles.profile(source.cms)
    pattern = source.article_pattern or (profile.article_pattern if profile else None)
    if source.kind == "feed":
        try:
            entries = feed_entries(body)
        except NotParsable:
            return "not a feed"
        if not entries:
            return "parser found nothing"
        home = home_of(source.url)
        if not any(is_onsite(urlsplit(urljoin(url, e.link)), home) for e in entries if e.link):
            return "parser found nothing (every entry links to another host)"
        return f"ok ({len(entries)} entries)"
    if source.kind == "sitemap":
        try:
            sitemap = read_sitemap(body)
        except NotParsable:
            return "not a sitemap"
        entries = sitemap.entries
        if sitemap.kind == "urlset" and pattern:
            entries = [e for e in entries if re.search(pattern, e.loc)]
        noun = "URLs" if sitemap.kind == "urlset" else "sitemaps"
        return f"ok ({len(entries)} {noun})" if entries else "parser found nothing"
    if source.kind == "reports":
        pattern = pattern or PDF_LINK.pattern
    try:
        links = article_links(HtmlResponse(url=url, body=body), re.compile(pattern or r"^$"))
    except Exception:  # not text at all: lxml or the decoder gave up
        return "parser found nothing"
    return f"ok ({len(links)} links)" if links else "parser found nothing"
