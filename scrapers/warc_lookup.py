"""Find an archived response again: the WARC record a crawl wrote for a URL (the evidence an
analyst cites), read back from `raw/<run>/<source>.warc.gz` with its headers and a bounded body."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

BODY_BYTES = 256 * 1024  # the body shown and served: enough for any article page, bounded


@dataclass
class Capture:
    """One archived response: where it is (file, offset, length: one gzip member, a WARC of its own)."""

    path: Path
    offset: int
    length: int
    record_id: str
    date: str
    target: str
    record_type: str
    http_status: str
    http_headers: list[tuple[str, str]] = field(default_factory=list)
    payload_digest: str = ""
    body: bytes = b""
    truncated: bool = False

    @property
    def charset(self) -> str:
        for name, value in self.http_headers:
            if name.lower() == "content-type" and "charset=" in value.lower():
                return value.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or "utf-8"
        return "utf-8"

    @property
    def text(self) -> str:
        """The body decoded by its declared charset (UTF-8 when none or unknown), bad bytes replaced."""
        try:
            return self.body.decode(self.charset, "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


def warc_files(raw: Path, run_id: str | None, source_id: str) -> list[Path]:
    """The WARC files a run may hold a source's responses in: `<run>/<source>.warc.gz`, and the
    workers' folders `<run>-w<k>/` of a run crawled by several workers."""
    if not run_id:
        return []
    found = [raw / run_id / f"{source_id}.warc.gz"]
    found += sorted(raw.glob(f"{_glob_safe(run_id)}-w*/{_glob_safe(source_id)}.warc.gz"))
    return [p for p in found if p.is_file() and p.resolve().is_relative_to(raw.resolve())]


def _glob_safe(name: str) -> str:
    return "".join(c for c in name if c not in "*?[]/\\")


def find(raw: Path, run_id: str | None, source_id: str, url: str, max_body: int = BODY_BYTES) -> Capture | None:
    """The last response (or 304 revisit) record for `url` in the run's WARC files, or None."""
    found = None
    for path in warc_files(raw, run_id, source_id):
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type not in ("response", "revisit"):
                    continue
                if record.rec_headers.get_header("WARC-Target-URI") != url:
                    continue
                body = record.content_stream().read(max_body + 1) if record.rec_type == "response" else b""
                status = record.http_headers.get_statuscode() if record.http_headers else ""
                records.read_to_end(record)  # after the body is read: it sets the record's offset and length
                capture = Capture(path=path, offset=records.get_record_offset(), length=records.get_record_length(),
                                  record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                                  date=record.rec_headers.get_header("WARC-Date") or "", target=url,
                                  record_type=record.rec_type, http_status=status or "",
                                  http_headers=list(record.http_headers.headers) if record.http_headers else [],
                                  payload_digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
                                  body=body[:max_body], truncated=len(body) > max_body)
                found = capture
    return found


def record_bytes(capture: Capture) -> bytes:
    """The record as stored (one gzip member): a valid WARC file of one record, for `warcio` and
    replay tools."""
    with open(capture.path, "rb") as fh:
        fh.seek(capture.offset)
        return fh.read(capture.length)
