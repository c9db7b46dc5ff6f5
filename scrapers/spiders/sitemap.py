"""Sitemaps: indexes (and robots.txt Sitemap lines) are followed, gzip is unpacked, news sitemaps
give title and date; with `--since`, entries and whole child sitemaps last modified earlier are skipped."""
from __future__ import annotations

from scrapers.parse import NotParsable, read_sitemap
from scrapers.spiders.base import SourceSpider


class SitemapSpider(SourceSpider):
    name = "sitemap"

    def parse(self, response):
        self.pages += 1
        try:
            sitemap = read_sitemap(response.body)
        except NotParsable as exc:
            self.fail(response.url, "not_a_sitemap", str(exc))
            return
        if not sitemap.entries:
            self.fail(response.url, "parser_found_nothing", f"empty {sitemap.kind}")
            return
        for entry in sitemap.entries:
            url = response.urljoin(entry.loc)
            if sitemap.kind != "urlset":
                if self.since and entry.lastmod and entry.lastmod < self.since:
                    self.count_skip("before_since")
                    continue
                yield self.page_request(url, self.parse)
            elif self.pattern is None or self.pattern.search(url):
                hints = {"title": entry.title, "published": entry.published or entry.lastmod}
                request = self.article_request(url, hints, lastmod=entry.lastmod)
                if request:
                    yield request
