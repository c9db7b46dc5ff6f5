"""RSS 2.0 and Atom feeds: each entry's link is fetched; feed fields (full text too) travel as hints."""
from __future__ import annotations

from scrapers.parse import NotParsable, feed_entries
from scrapers.spiders.base import SourceSpider


class FeedSpider(SourceSpider):
    name = "feed"

    def parse(self, response):
        self.pages += 1
        try:
            entries = feed_entries(response.body)
        except NotParsable as exc:
            self.fail(response.url, "not_a_feed", str(exc))
            return
        if not entries:
            self.fail(response.url, "parser_found_nothing", "the feed has no entries")
            return
        for entry in entries:
            if not entry.link:
                self.count_skip("entry_without_link")
                continue
            hints = {"title": entry.title, "published": entry.published, "summary": entry.summary,
                     "content": entry.content}
            request = self.article_request(response.urljoin(entry.link), hints, lastmod=entry.lastmod)
            if request:
                yield request
