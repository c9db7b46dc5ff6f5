"""Scrapy item pipeline that appends landed documents to the run's temporary spool file."""
from __future__ import annotations

import json


class LandingWriter:
    """One JSON line per document into the spider's spool file; the runner publishes it atomically."""

    def open_spider(self, spider):
        self._fh = open(spider.items_path, "a", encoding="utf-8")

    def close_spider(self, spider):
        self._fh.flush()
        self._fh.close()

    def process_item(self, item, spider):
        self._fh.write(json.dumps(dict(item), ensure_ascii=False) + "\n")
        return item
