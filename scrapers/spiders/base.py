"""What every source spider shares: seen-URL and revisit decisions, item shape, error accounting."""
from __future__ import annotations

import base64
import re
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import urldefrag

import scrapy
from scrapy import signals

from scrapers import cms as cms_profiles
from scrapers import ssrf
from scrapers.conditional import CONDITIONAL
from scrapers.failures import SKIP_KINDS, classify
from scrapers.onsite import home_of

DOCUMENT_TYPES = ("text/html", "application/xhtml", "application/pdf")
GONE = (404, 410)  # on a known article: recorded as evidence that it disappeared
MAX_ERROR_SAMPLES = 5
OUTLET = "outlet"  # request meta: the registry id an article found elsewhere (a Telegram post) lands under


def normalise(url: str) -> str:
    """The form seen-URL state is kept in: no fragment."""
    return urldefrag(url)[0]


def is_pdf(content_type: str, body: bytes) -> bool:
    return "pdf" in content_type or body[:5] == b"%PDF-"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class SourceSpider(scrapy.Spider):
    name = "source"

    def __init__(self, source: dict, run_id: str, items_path: str, warc_path: str,
                 seen: dict[str, str] | None = None, since: str | None = None, **kwargs):
        super().__init__(name=source["id"], **kwargs)
        self.source = source
        self.run_id = run_id
        self.items_path = items_path
        self.warc_path = warc_path
        self.seen = seen or {}
        self.since = since  # ISO UTC; entries dated earlier are not fetched
        self.cms = cms_profiles.profile(source.get("cms"))
        self.home = home_of(source["url"])
        self.allowed_domains = [self.home[0]]
        pattern = source.get("article_pattern") or (self.cms.article_pattern if self.cms else None)
        self.pattern = re.compile(pattern) if pattern else None
        self.queued: set[str] = set()
        self.errors: list[dict] = []
        self.errors_by_kind: Counter = Counter()
        self.skipped: Counter = Counter()
        self.entry_failed = False
        self.pages = 0
        self.revisits = 0
        self.not_documents: list[str] = []  # remembered as seen, so never fetched again
        self.started_at = self.finished_at = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        return spider

    async def start(self):
        self.started_at = now_iso()
        yield self.page_request(self.source["url"], self.parse, dont_filter=True)

    def closed(self, reason):
        self.finished_at = now_iso()

    def page_request(self, url: str, callback, **kwargs) -> scrapy.Request:
        """A feed, sitemap or listing page: fetched conditionally (ETag / Last-Modified)."""
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={CONDITIONAL: True}, **kwargs)

    # -- articles -------------------------------------------------------------------
    def article_request(self, url: str, hints: dict | None = None,
                        lastmod: str | None = None) -> scrapy.Request | None:
        """A request for one article, or None when seen (and unchanged), queued, too old or over max_items.

        A seen URL is fetched again only when its feed/sitemap date moved past the one it had when
        landed (a revisit): then a 404/410 reaches the callback and is landed as evidence."""
        url = normalise(url)
        refused = ssrf.check_literal(url, self.settings.getbool(ssrf.SETTING)) if self.settings else None
        if refused:  # a feed or sitemap entry aimed at a private address: refused, logged, counted
            self.logger.warning("refused %s: %s", url, refused)
            self.fail(url, "refused_address", f"refused: {refused}")
            return None
        if self.cms:
            url = self.cms.fold(url)  # the AMP twin is never fetched: its canonical article is
        key = self.cms.key(url) if self.cms else url
        if key in self.queued:
            return None
        hints = hints or {}
        dated = lastmod or hints.get("published")
        if self.since and dated and dated < self.since:
            self.count_skip("before_since")
            return None
        previous = self.seen.get(url)
        revisit = previous is not None
        if revisit and not (lastmod and previous and lastmod > previous):
            self.count_skip("seen")
            return None
        limit = self.source.get("max_items")
        if limit and len(self.queued) >= limit:
            self.count_skip("max_items")
            return None
        self.queued.add(key)
        meta = {"lastmod": lastmod, "revisit": revisit}
        if revisit:
            meta["handle_httpstatus_list"] = list(GONE)
            self.revisits += 1
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              cb_kwargs={"hints": hints}, meta=meta)

    def parse_article(self, response, hints: dict):
        if response.status in GONE:
            yield self.item(response, hints, body=b"")
            return
        content_type = self.content_type(response)
        if not (any(t in content_type for t in DOCUMENT_TYPES) or is_pdf(content_type, response.body)):
            self.count_skip("not_document")
            self.not_documents.append(normalise(response.meta.get("redirect_urls", [response.request.url])[0]))
            return
        yield self.item(response, hints)

    @staticmethod
    def content_type(response) -> str:
        return response.headers.get(b"Content-Type", b"").decode("latin-1").lower()

    def item(self, response, hints: dict, body: bytes | None = None, url: str | None = None,
             content_type: str | None = None) -> dict:
        """One landed document; `url`, `body` and `content_type` are given for a part of a page
        (a Telegram post), and a page fetched for another outlet lands under that outlet's id."""
        requested = url or response.meta.get("redirect_urls", [response.request.url])[0]
        return {
            "url": normalise(requested),
            "final_url": response.url,
            "source_id": response.meta.get(OUTLET) or self.source["id"],
            "run_id": self.run_id,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "status": response.status,
            "content_type": content_type or self.content_type(response),
            "body_b64": base64.b64encode(response.body if body is None else body).decode("ascii"),
            "hints": {k: v for k, v in hints.items() if v},
            "lastmod": response.meta.get("lastmod"),
            "revisit": bool(response.meta.get("revisit")),
        }

    # -- accounting -----------------------------------------------------------------
    def count_skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def fail(self, url: str, kind: str, error: str) -> None:
        self.errors_by_kind[kind] += 1
        if len(self.errors) < 100:
            self.errors.append({"url": url, "kind": kind, "error": error})
        if normalise(url) == normalise(self.source["url"]):
            self.entry_failed = True

    def on_error(self, failure):
        kind, message = classify(failure)
        if kind in SKIP_KINDS:
            self.count_skip(kind)
            return
        self.fail(failure.request.url, kind, message)

    def on_spider_error(self, failure, response, spider):
        if spider is self:
            self.fail(response.url, "spider_exception", f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300])

    def summary(self) -> dict:
        stats = self.crawler.stats.get_stats() if self.crawler else {}
        return {
            "source_id": self.source["id"],
            "items": stats.get("item_scraped_count", 0),
            "pages": self.pages,
            "errors": sum(self.errors_by_kind.values()),
            "errors_by_kind": dict(sorted(self.errors_by_kind.items())),
            "error_samples": self.errors[:MAX_ERROR_SAMPLES],
            "skipped": dict(sorted(self.skipped.items())),
            "not_modified": stats.get("httpcache/revalidate", 0),
            "revisits": self.revisits,
            "status": "failed" if self.entry_failed else "ok",
            "started_at": self.started_at,
            "finished_at": self.finished_at or now_iso(),
        }
