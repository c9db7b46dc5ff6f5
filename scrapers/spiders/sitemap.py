"""Sitemaps: indexes are followed, gzip is unpacked, urlset entries become article requests."""
from __future__ import annotations

import scrapy
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from scrapers.spiders.base import SourceSpider

MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class SitemapSpider(SourceSpider):
    name = "sitemap"

    def parse(self, response):
        self.pages += 1
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
            except Exception as exc:  # a truncated or hostile archive
                self.fail(response.url, f"bad gzip sitemap: {exc}"[:200])
                return
        try:
            sitemap = Sitemap(body)
        except Exception as exc:
            self.fail(response.url, f"not a sitemap: {exc}"[:200])
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(response.urljoin(loc), callback=self.parse, errback=self.on_error)
            elif self.pattern is None or self.pattern.search(loc):
                request = self.article_request(response.urljoin(loc), {"published": entry.get("lastmod")})
                if request:
                    yield request
