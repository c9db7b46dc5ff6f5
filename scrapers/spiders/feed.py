"""RSS and Atom feeds: each entry's link is fetched; feed fields travel along as hints."""
from __future__ import annotations

import time

import feedparser

from scrapers.spiders.base import SourceSpider


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


class FeedSpider(SourceSpider):
    name = "feed"

    def parse(self, response):
        self.pages += 1
        parsed = feedparser.parse(response.body)
        if not parsed.entries:
            problem = parsed.get("bozo_exception") or "no entries"
            self.fail(response.url, f"not a feed: {str(problem)[:200]}")
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                self.count_skip("entry_without_link")
                continue
            content = entry.get("content") or []
            hints = {
                "title": entry.get("title"),
                "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                "summary": entry.get("summary"),
                "content": content[0].get("value") if content else None,
            }
            request = self.article_request(response.urljoin(link), hints)
            if request:
                yield request
