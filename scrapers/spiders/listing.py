"""Paginated HTML listings of articles, and listings of PDF reports."""
from __future__ import annotations

import re

import scrapy

from scrapers.spiders.base import SourceSpider

MAX_PAGES = 50
REPORT_INDEX = re.compile(r"\b[A-Z]{2,5} \d{2}/\d{3,5}/\d{4}\b")


def _next_href(response, selector: str) -> str | None:
    if "::attr" in selector or "::text" in selector:
        return response.css(selector).get()
    found = response.css(selector)
    return found[0].attrib.get("href") if found else None


class ListingSpider(SourceSpider):
    name = "listing"

    def parse(self, response):
        self.pages += 1
        for link in response.css("a[href]"):
            url = response.urljoin(link.attrib["href"])
            if self.pattern.search(url):
                request = self.article_request(url, self.hints_for(link))
                if request:
                    yield request
        selector = self.source.get("next_page")
        href = _next_href(response, selector) if selector else None
        if href and self.pages < MAX_PAGES:
            yield scrapy.Request(response.urljoin(href), callback=self.parse, errback=self.on_error)

    def hints_for(self, link) -> dict:
        return {}


class ReportsSpider(ListingSpider):
    """A listing whose links are PDF reports; the entry's title and index number become hints."""

    name = "reports"

    def __init__(self, source: dict, **kwargs):
        source = dict(source)
        source["article_pattern"] = source.get("article_pattern") or r"\.pdf$"
        super().__init__(source, **kwargs)

    def hints_for(self, link) -> dict:
        block = link.xpath("ancestor::*[self::li or self::article or self::tr or self::div][1]")
        text = " ".join(" ".join(block.xpath(".//text()").getall()).split())
        found = REPORT_INDEX.search(text)
        title = " ".join(" ".join(link.xpath(".//text()").getall()).split())
        return {"title": title or None, "report_index": found.group(0) if found else None}
