"""`rightswatch sources check`: one plain fetch per source, parsed by the crawler's own parsers.

Each source gets a CheckResult: `ok` with the item count and the newest item's date, or the kind
of failure, named as the crawler names it in `crawl_runs.errors_by_kind`: `http_<code>`, `dns`,
`timeout`, `connection_refused`, `unreachable`, `robots` (robots.txt forbids the URL to our
user agent), `offsite_redirect`, `refused_address` (scrapers.ssrf; redirects are checked before
they are followed), `not_a_feed`, `not_a_sitemap`, `not_a_channel`, `parser_found_nothing`, and
`check_failed` when the check itself broke on one source (it goes on with the next)."""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from protego import Protego
from scrapy.http import HtmlResponse

from scrapers import cms as cms_profiles
from scrapers.onsite import home_of, is_onsite
from scrapers.parse import NotParsable, article_links, feed_entries, read_sitemap, report_hints
from scrapers.registry import Source
from scrapers.settings import user_agent
from scrapers.spiders.listing import PDF_LINK
from scrapers.ssrf import check_url
from scrapers.telegram import read_page

MAX_BODY = 5 * 1024 * 1024
MAX_ROBOTS = 512 * 1024
OK = "ok"


@dataclass
class CheckResult:
    id: str
    kind: str
    evidence: str
    status: str  # "ok" or the kind of failure
    items: int = 0
    newest: str | None = None  # ISO UTC date of the newest dated item, when any item is dated
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK

    def line(self) -> str:
        if self.ok:
            newest = f"newest {self.newest[:10]}" if self.newest else "no item dated"
            return f"ok: {self.items} {self.detail or 'items'}, {newest}"
        return f"{self.status}: {self.detail}" if self.detail else self.status

    def as_dict(self) -> dict:
        return asdict(self)


class _RefusePrivateRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target is checked before it is requested."""

    def __init__(self, allow_loopback: bool):
        self.allow_loopback = allow_loopback

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        why = check_url(urljoin(req.full_url, newurl), self.allow_loopback)
        if why:
            raise _Refused(f"redirect refused: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Refused(urllib.error.URLError):
    pass


def check_all(sources: Iterable[Source], timeout: float = 15.0, contact: str | None = None,
              allow_loopback: bool = False,
              progress: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Check every source in turn; one that breaks the check is reported, never stops the rest."""
    results = []
    for source in sources:
        try:
            result = check_source(source, timeout, contact, allow_loopback)
        except Exception as exc:  # a bug or a URL the registry let through: this source only
            result = _result(source, "check_failed", f"{type(exc).__name__}: {exc}"[:200])
        results.append(result)
        if progress:
            progress(result)
    return results


def summarise(results: list[CheckResult]) -> dict:
    """Counts per outcome, and ok/failed per evidence class (does the registry's evidence hold?)."""
    by_evidence: dict[str, Counter] = {}
    for r in results:
        by_evidence.setdefault(r.evidence, Counter())["ok" if r.ok else "failed"] += 1
    return {"checked": len(results), "ok": sum(r.ok for r in results),
            "failed": sum(not r.ok for r in results),
            "by_status": dict(sorted(Counter(r.status for r in results).items())),
            "by_evidence": {k: {"ok": v["ok"], "failed": v["failed"]} for k, v in sorted(by_evidence.items())}}


def check_source(source: Source, timeout: float = 15.0, contact: str | None = None,
                 allow_loopback: bool = False) -> CheckResult:
    why = check_url(source.url, allow_loopback)
    if why:
        return _result(source, "refused_address", f"{why}: private networks are never crawled")
    agent = user_agent(contact)
    opener = urllib.request.build_opener(_RefusePrivateRedirects(allow_loopback))
    if not _robots_allow(opener, source.url, agent, timeout):
        return _result(source, "robots", "robots.txt forbids this URL to our user agent")
    request = urllib.request.Request(source.url, headers={"User-Agent": agent})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BODY)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        return _result(source, f"http_{exc.code}", f"HTTP error {exc.code}")
    except _Refused as exc:
        return _result(source, "refused_address", str(exc.reason))
    except (urllib.error.URLError, OSError) as exc:
        return _unreachable(source, exc)
    if not is_onsite(urlsplit(final_url), home_of(source.url)):
        return _result(source, "offsite_redirect", f"redirected off the source's host (to {urlsplit(final_url).netloc})")
    return verdict(source, final_url, body)


def _result(source: Source, status: str, detail: str = "", items: int = 0, newest: str | None = None) -> CheckResult:
    return CheckResult(source.id, source.kind, source.evidence, status, items, newest, detail)


def _unreachable(source: Source, exc: Exception) -> CheckResult:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return _result(source, "dns", f"unreachable ({reason})")
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return _result(source, "timeout", f"unreachable ({reason})")
    if isinstance(reason, ConnectionRefusedError):
        return _result(source, "connection_refused", f"unreachable ({reason})")
    return _result(source, "unreachable", f"unreachable ({reason})")


def _robots_allow(opener, url: str, agent: str, timeout: float) -> bool:
    """What the crawler's robots.txt check would say; a missing or unreadable robots.txt allows."""
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        with opener.open(urllib.request.Request(robots_url, headers={"User-Agent": agent}),
                         timeout=timeout) as response:
            text = response.read(MAX_ROBOTS).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return True
    return Protego.parse(text).can_fetch(url, agent)


def verdict(source: Source, url: str, body: bytes) -> CheckResult:
    """What the crawler would make of this body: items found and the newest date among them."""
    profile = cms_profiles.profile(source.cms)
    pattern = source.article_pattern or (profile.article_pattern if profile else None)
    if source.kind == "feed":
        return _feed(source, url, body)
    if source.kind == "sitemap":
        return _sitemap(source, body, pattern)
    if source.kind == "telegram":
        return _telegram(source, url, body)
    if source.kind == "reports":
        pattern = pattern or PDF_LINK.pattern
    try:
        links = article_links(HtmlResponse(url=url, body=body), re.compile(pattern or r"^$"))
    except Exception:  # not text at all: lxml or the decoder gave up
        return _result(source, "parser_found_nothing", "the page is not HTML")
    if not links:
        return _result(source, "parser_found_nothing", "no link matches article_pattern")
    dates = [report_hints(link, href)["published"] for href, link in links]
    return _result(source, OK, "links", len(links), _newest(dates))


def _feed(source: Source, url: str, body: bytes) -> CheckResult:
    try:
        entries = feed_entries(body)
    except NotParsable as exc:
        return _result(source, "not_a_feed", str(exc)[:200])
    if not entries:
        return _result(source, "parser_found_nothing", "the feed has no entries")
    home = home_of(source.url)
    if not any(is_onsite(urlsplit(urljoin(url, e.link)), home) for e in entries if e.link):
        return _result(source, "parser_found_nothing", "every entry links to another host")
    return _result(source, OK, "entries", len(entries), _newest(e.lastmod for e in entries))


def _sitemap(source: Source, body: bytes, pattern: str | None) -> CheckResult:
    try:
        sitemap = read_sitemap(body)
    except NotParsable as exc:
        return _result(source, "not_a_sitemap", str(exc)[:200])
    entries = sitemap.entries
    if sitemap.kind == "urlset" and pattern:
        entries = [e for e in entries if re.search(pattern, e.loc)]
    if not entries:
        return _result(source, "parser_found_nothing", f"no entry in the {sitemap.kind}")
    noun = "URLs" if sitemap.kind == "urlset" else "sitemaps"
    return _result(source, OK, noun, len(entries), _newest(e.published or e.lastmod for e in entries))


def _telegram(source: Source, url: str, body: bytes) -> CheckResult:
    if "/s/" not in urlsplit(url).path:
        return _result(source, "not_a_channel", f"no public web preview (answered by {url})")
    page = read_page(body, url)
    if not page.posts:
        return _result(source, "parser_found_nothing", "no post on the preview page")
    return _result(source, OK, "posts", len(page.posts), _newest(p.published for p in page.posts))


def _newest(dates: Iterable[str | None]) -> str | None:
    return max((d for d in dates if d), default=None)
