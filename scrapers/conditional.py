"""Conditional re-fetching of feeds, sitemaps and listing pages (ETag / Last-Modified).

Scrapy's HTTP cache with this policy keeps only requests marked `conditional` (never article
pages, which seen-state already skips) and revalidates them on every crawl: the server answers
304 and the stored copy is parsed again, so an unchanged feed costs a few hundred bytes.
Unlike Scrapy's defaults, a server error or a refused connection is never hidden behind the
stored copy: source health must see it."""
from __future__ import annotations

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy

CONDITIONAL = "conditional"


class RevalidatePolicy(RFC2616Policy):
    def should_cache_request(self, request) -> bool:
        return bool(request.meta.get(CONDITIONAL)) and super().should_cache_request(request)

    def should_cache_response(self, response, request) -> bool:
        return response.status == 200 and (b"ETag" in response.headers or b"Last-Modified" in response.headers)

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304


class ConditionalCache(HttpCacheMiddleware):
    def process_exception(self, request, exception, spider=None):
        request.meta.pop("cached_response", None)
        return None
