"""Pull title, text, date and canonical URL out of landed HTML or PDF bytes."""
from __future__ import annotations

import gzip
import io
import re
import warnings
from datetime import datetime, timezone

import htmldate
import trafilatura
from lxml import html as lxml_html
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pipelines.models import Extracted

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
REPORT_INDEX = re.compile(r"\b[A-Z]{2,5} \d{2}/\d{3,5}/\d{4}\b")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
# Legacy encodings the region's sites still serve; tried when the declared one does not fit.
FALLBACK_ENCODINGS = ("utf-8", "cp1251", "koi8-r", "cp1254", "iso-8859-1")


class ExtractError(ValueError):
    """The document cannot be read: not HTML, not a PDF, empty, binary, too big."""


def unwrap(body: bytes) -> bytes:
    """Gunzip a gzipped document (saved pages often are)."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError) as exc:
            raise ExtractError(f"broken gzip: {exc}") from None
    return body


def decode_html(body: bytes, content_type: str = "") -> str:
    """Decode with the declared charset when it fits the bytes, else the first legacy one that does."""
    declared = []
    header = re.search(r"charset=([A-Za-z0-9_-]+)", content_type or "", re.I)
    if header:
        declared.append(header.group(1))
    meta = _CHARSET.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "ignore"))
    for encoding in [*declared, *FALLBACK_ENCODINGS]:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


def looks_binary(body: bytes) -> bool:
    sample = body[:2048]
    return b"\x00" in sample


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _canonical(tree) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and found[0].strip():
            return found[0].strip()
    return None


def extract_html(body: bytes, url: str = "", content_type: str = "") -> Extracted:
    body = unwrap(body)
    if not body.strip():
        raise ExtractError("empty document")
    if looks_binary(body):
        raise ExtractError("binary content, not HTML")
    text_html = decode_html(body, content_type)
    try:
        tree = lxml_html.fromstring(text_html)
    except Exception as exc:
        raise ExtractError(f"unparseable HTML: {exc}") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(text_html, url=url or None, with_metadata=True,
                                          include_comments=False, include_tables=False)
        found_date = htmldate.find_date(text_html, url=url or None, original_date=True,
                                        outputformat="%Y-%m-%dT%H:%M:%S%z")
    title = (doc.title if doc else None) or " ".join(tree.xpath("string(//title)").split())
    text = doc.text if doc and doc.text else ""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    return Extracted(title=title or "", text="\n".join(lines), published=_parse_date(found_date),
                     canonical_url=_canonical(tree), report_index=_report_index(text))


def _report_index(text: str) -> str | None:
    found = REPORT_INDEX.search(text or "")
    return found.group(0) if found else None


def _pdf_date(raw) -> datetime | None:
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=timezone.utc)
    return None


def extract_pdf(body: bytes) -> Extracted:
    body = unwrap(body)
    if not body.startswith(b"%PDF-"):
        raise ExtractError("not a PDF (no %PDF- header)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(body))
            pages = [page.extract_text() or "" for page in reader.pages]
            meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError(f"broken PDF: {exc}") from None
    text = "\n".join(line.strip() for page in pages for line in page.splitlines() if line.strip())
    if not text:
        raise ExtractError("PDF has no extractable text")
    first_line = text.splitlines()[0]
    title = (meta.title if meta and meta.title else None) or first_line
    published = _pdf_date(meta.creation_date if meta else None)
    return Extracted(title=title.strip(), text=text, published=published,
                     report_index=_report_index(text))


def extract(body: bytes, url: str = "", content_type: str = "") -> Extracted:
    """Dispatch on content: PDF by header or type, everything else as HTML."""
    if len(body) > MAX_DOCUMENT_BYTES:
        raise ExtractError(f"document too large ({len(body)} bytes)")
    plain = unwrap(body)
    if plain.startswith(b"%PDF-") or "pdf" in (content_type or "").lower() or url.lower().endswith(".pdf"):
        return extract_pdf(plain)
    return extract_html(plain, url=url, content_type=content_type)
