"""Downloader middleware that keeps every response in a per-source WARC file (the evidence archive)."""
from __future__ import annotations

from io import BytesIO

from scrapy import signals
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_DROP = {b"content-encoding", b"transfer-encoding", b"content-length"}


class WarcRecorder:
    def __init__(self, crawler):
        self._writer = None
        self._fh = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        self._fh = open(spider.warc_path, "wb")
        self._writer = WARCWriter(self._fh, gzip=True)

    def spider_closed(self, spider):
        if self._fh:
            self._fh.close()
            self._fh = None

    def process_response(self, request, response, spider):
        if self._writer is None:
            return response
        headers = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in response.headers.items()
            if k.lower() not in _DROP
        ]
        headers.append(("Content-Length", str(len(response.body))))
        status = f"{response.status} {'OK' if response.status < 400 else 'ERROR'}"
        record = self._writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        )
        self._writer.write_record(record)
        return response
