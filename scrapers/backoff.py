"""Retries that wait: Scrapy's RetryMiddleware re-sends at once, which hammers a struggling server.

Each retry waits RETRY_BACKOFF_BASE * 2**(n-1) seconds (capped by RETRY_BACKOFF_MAX, up to a
quarter more at random so retries do not synchronise), or the server's Retry-After when longer."""
from __future__ import annotations

import email.utils
import random
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message

NOT_BEFORE = "retry_not_before"


def retry_after(value: bytes | None, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class BackoffRetry(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def delay(self, attempt: int, asked: float | None = None) -> float:
        wait = min(self.cap, self.base * 2 ** (attempt - 1)) * (1 + random.random() / 4)
        return min(self.cap, max(wait, asked or 0.0))

    def _schedule(self, retry, asked: float | None = None):
        if retry is not None:
            retry.meta[NOT_BEFORE] = time.monotonic() + self.delay(retry.meta.get("retry_times", 1), asked)
        return retry

    async def process_request(self, request, spider=None):
        wait = request.meta.get(NOT_BEFORE, 0.0) - time.monotonic()
        if wait > 0:
            await sleep(wait)
        return None

    def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        return self._schedule(retry, retry_after(response.headers.get(b"Retry-After"))) or response

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry", False):
            return self._schedule(self._retry(request, exception))
        return None
