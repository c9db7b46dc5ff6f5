"""Polite Scrapy defaults for every crawl; the crawl runner layers per-run values on top."""
from __future__ import annotations

from importlib.metadata import version

DEFAULT_CONTACT = "set RIGHTSWATCH_CONTACT to an address site owners can reach"
_MW = "scrapy.downloadermiddlewares"


def user_agent(contact: str | None) -> str:
    return f"rightswatch/{version('rightswatch')} (media monitoring for human-rights research; {contact or DEFAULT_CONTACT})"


POLITE = {
    "BOT_NAME": "rightswatch",
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "DOWNLOAD_DELAY": 0.5,
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 20 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 5 * 1024 * 1024,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_BACKOFF_BASE": 2.0,  # seconds before the first retry, doubled for each further one
    "RETRY_BACKOFF_MAX": 60.0,
    "REDIRECT_MAX_TIMES": 5,
    "COOKIES_ENABLED": False,
    # Items are written synchronously to a spool file: Scrapy's default of 100 parallel item
    # workers only costs 100 asyncio tasks per article page (a sixth of crawl CPU).
    "CONCURRENT_ITEMS": 4,
    "TELNETCONSOLE_ENABLED": False,
    # Scrapy 2.19's remote-control extension serves an HTTP endpoint that runs Python sent to it,
    # like the telnet console: off (and, see crawl_process.crawl_settings, not even imported).
    "REMOTE_CONTROL_ENABLED": False,
    "LOG_LEVEL": "INFO",
    # Conditional requests for feeds, sitemaps and listing pages; the crawl runner sets HTTPCACHE_DIR.
    "HTTPCACHE_ENABLED": True,
    "HTTPCACHE_POLICY": "scrapers.conditional.RevalidatePolicy",
    "HTTPCACHE_EXPIRATION_SECS": 0,
    "HTTPCACHE_GZIP": True,
    "ITEM_PIPELINES": {"scrapers.item_pipelines.LandingWriter": 300},
    # Private, loopback and link-local destinations are refused (scrapers.ssrf); runs aimed at
    # a loopback site of our own turn loopback on with LOOPBACK below.
    "SSRF_ALLOW_LOOPBACK": False,
    "DUPEFILTER_CLASS": "scrapers.dupefilter.LoopCountingDupeFilter",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapers.ssrf.RefusePrivate": 40,
        "scrapers.onsite.OnsiteOnly": 45,
        f"{_MW}.retry.RetryMiddleware": None,
        "scrapers.backoff.BackoffRetry": 550,
        "scrapers.warc.WarcRecorder": 580,
        f"{_MW}.httpcache.HttpCacheMiddleware": None,
        "scrapers.conditional.ConditionalCache": 900,
    },
}

# Loopback snapshot sites answer instantly and are ours: no throttling needed.
LOCAL_FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
              "RETRY_BACKOFF_BASE": 0.2}

# The explicit allowance a crawl of a loopback site (demo, tests, benches) must pass.
LOOPBACK = {"SSRF_ALLOW_LOOPBACK": True}
