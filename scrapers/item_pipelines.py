"""Scrapy item pipeline that appends landed documents to the run's temporary spool file."""
from __future__ import annotations

import json


class LandingWriter:
    """One JSON line per document into the spider's spool file; the runner publishes it atomically."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self._fh = open(spider.items_path, "a", encoding="utf-8")

    def close_spider(self, spider=None):
        self._fh.flush()
        self._fh.close()

    def process_item(self, item, spider=None):
        self._fh.write(json.dumps(dict(item), ensure_ascii=False) + "\n")
        return item
