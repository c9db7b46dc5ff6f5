"""Name what went wrong with a request as one kind, so crawl_runs can count a source's errors by kind."""
from __future__ import annotations

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError,
                               DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_error

from scrapers.ssrf import RefusedAddress

# Kinds that are a decision, not a failure: counted as skipped, never as errors. A redirect
# away from the source's host, a redirect loop or an endless chain is the site's doing and is
# counted as an error (`offsite_redirect`, `redirect_loop`, `max_redirects`).
SKIP_KINDS = ("robots", "offsite")


class OffsiteRedirect(IgnoreRequest):
    """A redirect (or a link) leading away from the source's own host."""

    def __init__(self, message: str, redirected: bool):
        super().__init__(message)
        self.redirected = redirected


def classify(failure) -> tuple[str, str]:
    """(kind, message) of a Twisted failure from a request's errback."""
    exc = failure.value
    message = f"{type(exc).__name__}: {failure.getErrorMessage()}"[:300]
    if failure.check(HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(OffsiteRedirect):
        return ("offsite_redirect" if exc.redirected else "offsite"), message
    if failure.check(RefusedAddress):
        return "refused_address", message
    if failure.check(IgnoreRequest):
        text = str(exc).lower()
        if "max size" in text or "download_maxsize" in text:
            return "size_cap", message
        if "robots" in text:
            return "robots", message
        if "offsite" in text:
            return "offsite", message
        if "redirect" in text:
            return "max_redirects", message
        return "ignored", message
    if failure.check(DownloadTimeoutError, twisted_error.TimeoutError):
        return "timeout", message
    if failure.check(DownloadConnectionRefusedError, twisted_error.ConnectionRefusedError):
        return "connection_refused", message
    if failure.check(CannotResolveHostError, twisted_error.DNSLookupError):
        return "dns", message
    if failure.check(DownloadCancelledError):
        # Scrapy cancels a streamed body over DOWNLOAD_MAXSIZE without a message
        text = str(exc).lower()
        return ("size_cap" if "size" in text or not text else "cancelled"), message
    if failure.check(twisted_error.ConnectError, twisted_error.ConnectionLost, twisted_error.ConnectionDone):
        return "connection", message
    return "other", message
