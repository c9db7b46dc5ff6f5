"""Scrapy's duplicate filter, plus one count: a redirect leading back into its own chain is a
loop, the site's fault, so it is charged to the source as a `redirect_loop` error."""
from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter


class LoopCountingDupeFilter(RFPDupeFilter):
    def log(self, request, spider) -> None:
        super().log(request, spider)
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain and hasattr(spider, "fail"):
            spider.fail(request.url, "redirect_loop", f"redirect loop: {' -> '.join(chain[-3:])} -> {request.url}")
