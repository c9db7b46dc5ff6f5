"""What every source spider shares: seen-URL filtering, item shape, error accounting."""
from __future__ import annotations

import base64
import re
from datetime import datetime, timezone
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

DOCUMENT_TYPES = ("text/html", "application/xhtml", "application/pdf")


def normalise(url: str) -> str:
    """The form seen-URL state is kept in: no fragment."""
    return urldefrag(url)[0]


def is_pdf(content_type: str, body: bytes) -> bool:
    return "pdf" in content_type or body[:5] == b"%PDF-"


class SourceSpider(scrapy.Spider):
    name = "source"

    def __init__(self, source: dict, run_id: str, items_path: str, warc_path: str,
                 seen: frozenset[str] = frozenset(), **kwargs):
        super().__init__(name=source["id"], **kwargs)
        self.source = source
        self.run_id = run_id
        self.items_path = items_path
        self.warc_path = warc_path
        self.seen = seen
        self.allowed_domains = [urlsplit(source["url"]).hostname]
        pattern = source.get("article_pattern")
        self.pattern = re.compile(pattern) if pattern else None
        self.queued: set[str] = set()
        self.errors: list[dict] = []
        self.skipped: dict[str, int] = {}
        self.pages = 0

    async def start(self):
        yield scrapy.Request(self.source["url"], callback=self.parse, errback=self.on_error,
                             dont_filter=True)

    # -- articles -------------------------------------------------------------------
    def article_request(self, url: str, hints: dict | None = None) -> scrapy.Request | None:
        """A request for one article, or None when seen before, queued already or over max_items."""
        url = normalise(url)
        if url in self.seen:
            self.count_skip("seen")
            return None
        if url in self.queued:
            return None
        limit = self.source.get("max_items")
        if limit and len(self.queued) >= limit:
            self.count_skip("max_items")
            return None
        self.queued.add(url)
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              cb_kwargs={"hints": hints or {}})

    def parse_article(self, response, hints: dict):
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if not (any(t in content_type for t in DOCUMENT_TYPES) or is_pdf(content_type, response.body)):
            self.count_skip("not_document")
            return
        yield {
            "url": normalise(response.request.url),
            "final_url": response.url,
            "source_id": self.source["id"],
            "run_id": self.run_id,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "status": response.status,
            "content_type": content_type,
            "body_b64": base64.b64encode(response.body).decode("ascii"),
            "hints": {k: v for k, v in hints.items() if v},
        }

    # -- accounting -----------------------------------------------------------------
    def count_skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def fail(self, url: str, error: str) -> None:
        self.errors.append({"url": url, "error": error})

    def on_error(self, failure):
        request = failure.request
        if failure.check(HttpError):
            self.fail(request.url, f"HTTP {failure.value.response.status}")
        else:
            self.fail(request.url, f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300])

    def summary(self) -> dict:
        stats = self.crawler.stats.get_stats() if self.crawler else {}
        items = stats.get("item_scraped_count", 0)
        entry_failed = any(e["url"] == self.source["url"] for e in self.errors)
        return {
            "source_id": self.source["id"],
            "items": items,
            "pages": self.pages,
            "errors": len(self.errors),
            "error_samples": self.errors[:5],
            "skipped": dict(sorted(self.skipped.items())),
            "status": "failed" if entry_failed else "ok",
        }
