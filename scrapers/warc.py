"""Downloader middleware that keeps every response in a per-source WARC file (the evidence archive).

A feed or listing page revalidated with a 304 is recorded as a `revisit` record (profile
server-not-modified) pointing at its earlier capture, not stored again."""
from __future__ import annotations

import base64
import hashlib
from io import BytesIO

from scrapy import signals
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_DROP = {b"content-encoding", b"transfer-encoding", b"content-length"}
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"


def payload_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


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
        path = getattr(spider, "warc_path", None)
        if path:
            self._fh = open(path, "wb")
            self._writer = WARCWriter(self._fh, gzip=True)

    def spider_closed(self, spider):
        if self._fh:
            self._fh.close()
            self._fh = None
            self._writer = None

    def process_response(self, request, response, spider=None):
        if self._writer is None:
            return response
        headers = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in response.headers.items()
            if k.lower() not in _DROP
        ]
        if "cached" in response.flags:  # revalidated: the server said 304
            record = self._writer.create_warc_record(
                response.url, "revisit",
                http_headers=StatusAndHeaders("304 Not Modified", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Profile": NOT_MODIFIED_PROFILE,
                                   "WARC-Refers-To-Target-URI": response.url,
                                   "WARC-Payload-Digest": payload_digest(response.body)})
        else:
            headers.append(("Content-Length", str(len(response.body))))
            status = f"{response.status} {'OK' if response.status < 400 else 'ERROR'}"
            record = self._writer.create_warc_record(
                response.url, "response", payload=BytesIO(response.body),
                http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            )
        self._writer.write_record(record)
        return response
