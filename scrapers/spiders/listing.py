"""Paginated HTML listings of articles, and listings of (PDF) reports.

Pagination stops at MAX_PAGES, or as soon as a page lists only articles already landed: a
re-crawl reads one page per listing, not the whole archive."""
from __future__ import annotations

import re

from scrapers.parse import article_links, next_page, page_report_hints, report_hints
from scrapers.spiders.base import SourceSpider

MAX_PAGES = 50
MAX_PDFS_PER_PAGE = 5
PDF_LINK = re.compile(r"\.pdf(?:$|[?#])", re.I)


class ListingSpider(SourceSpider):
    name = "listing"

    def parse(self, response):
        self.pages += 1
        links = article_links(response, self.pattern)
        if not links and self.pages == 1:
            self.fail(response.url, "parser_found_nothing", "no link matches article_pattern")
            return
        seen_before, new = self.skipped["seen"], 0
        for url, link in links:
            request = self.article_request(url, self.hints_for(link, url))
            if request:
                new += 1
                yield request
        if links and not new and self.skipped["seen"] > seen_before:
            self.count_skip("pagination_stopped_at_seen")
            return
        selector = self.source.get("next_page") or (self.cms.next_page if self.cms else None)
        href = next_page(response, selector)
        if href and self.pages < MAX_PAGES:
            yield self.page_request(href, self.parse)
        elif href:  # an endless calendar or pagination trap ends here, and is counted
            self.fail(href, "page_cap", f"pagination stopped after {MAX_PAGES} pages")

    def hints_for(self, link, url: str) -> dict:
        return {}


class ReportsSpider(ListingSpider):
    """A listing of reports: PDF links, or report pages (landed too) whose PDFs are then fetched.

    Title, date and index number (`EUR 04/7574/2017`) come from the listing entry or the page."""

    name = "reports"

    def __init__(self, source: dict, **kwargs):
        source = dict(source)
        source["article_pattern"] = source.get("article_pattern") or PDF_LINK.pattern
        super().__init__(source, **kwargs)

    def hints_for(self, link, url: str) -> dict:
        return report_hints(link, url)

    def parse_article(self, response, hints: dict):
        yield from super().parse_article(response, hints)
        if response.status != 200 or "html" not in self.content_type(response):
            return
        page = page_report_hints(response)
        merged = {**page, **{k: v for k, v in hints.items() if v}}
        pdfs = [response.urljoin(h) for h in response.css("a[href]::attr(href)").getall() if PDF_LINK.search(h)]
        for url in list(dict.fromkeys(pdfs))[:MAX_PDFS_PER_PAGE]:
            request = self.article_request(url, dict(merged))
            if request:
                yield request
