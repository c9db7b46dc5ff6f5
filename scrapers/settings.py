"""Polite Scrapy defaults for every crawl; the crawl runner layers per-run values on top."""
from __future__ import annotations

from rightswatch import __version__

DEFAULT_CONTACT = "set RIGHTSWATCH_CONTACT to an address site owners can reach"


def user_agent(contact: str | None) -> str:
    return f"rightswatch/{__version__} (media monitoring for human-rights research; {contact or DEFAULT_CONTACT})"


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
    "REDIRECT_MAX_TIMES": 5,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "ITEM_PIPELINES": {"scrapers.item_pipelines.LandingWriter": 300},
    "DOWNLOADER_MIDDLEWARES": {"scrapers.warc.WarcRecorder": 580},
}

# Loopback snapshot sites answer instantly and are ours: no throttling needed.
LOCAL_FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
