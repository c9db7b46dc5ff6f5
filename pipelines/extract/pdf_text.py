"""Text, title and date of PDF reports: pypdf's text without running headers, footers and page numbers."""
from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from datetime import datetime, timezone

from pypdf import PdfReader
from pypdf.errors import PyPdfError  # PdfReadError, LimitReachedError (a page tree past its limits), ...

from core.report_index import report_index
from pipelines.extract.extract_errors import ExtractError
from pipelines.models import Extracted

_PAGE_NUMBER = re.compile(r"^\W*(?:[^\W\d]{1,12}\.?\s*)?\d{1,4}(?:\s*(?:/|-|[^\W\d]{1,3})\s*\d{1,4})?\W*$")
# What authoring tools leave in the title field when nobody set one: file names, "Untitled".
_JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint) - |untitled|document\d*$|slide \d)|"
                         r"\.(docx?|pdf|indd|odt|rtf|pptx?)$", re.I)
_EDGE = 2  # lines at the top and bottom of a page where running headers and footers sit


def _pdf_date(raw) -> datetime | None:
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=timezone.utc)
    return None


def page_lines(pages: list[str]) -> list[str]:
    """All lines in order, minus lines repeated at the edges of pages and bare page numbers."""
    split = [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages]
    shape = lambda line: re.sub(r"\d+", "#", line)  # noqa: E731
    edges = Counter(shape(line) for lines in split for line in {*lines[:_EDGE], *lines[-_EDGE:]})
    repeated = {s for s, n in edges.items() if len(split) > 1 and n >= max(2, len(split) // 2)}
    kept = []
    for lines in split:
        for number, line in enumerate(lines):
            at_edge = number < _EDGE or number >= len(lines) - _EDGE
            if at_edge and (shape(line) in repeated or (_PAGE_NUMBER.match(line) and len(line) < 20)):
                continue
            kept.append(line)
    return kept


def _without_title(lines: list[str], title: str) -> list[str]:
    target = " ".join(title.split()).casefold()
    joined = ""
    for count, line in enumerate(lines[:4], 1):
        joined = f"{joined} {line}".strip().casefold()
        if joined == target:
            return lines[count:]
        if not target.startswith(joined):
            break
    return lines


def extract_pdf(body: bytes) -> Extracted:
    if not body.startswith(b"%PDF-"):
        raise ExtractError("not a PDF (no %PDF- header)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(body))
            pages = [page.extract_text() or "" for page in reader.pages]
            meta = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:  # pypdf's limits too
        raise ExtractError(f"broken PDF: {exc}") from None
    lines = page_lines(pages)
    if not lines:
        raise ExtractError("PDF has no extractable text")
    claimed = " ".join(str(meta.title or "").split()) if meta else ""
    title = claimed if claimed and not _JUNK_TITLE.search(claimed) else lines[0]
    lines = _without_title(lines, title) or lines
    text = "\n".join(lines)
    published = _pdf_date(meta.creation_date if meta else None)
    if published is None:
        from core.dates import text_date
        found = next((d for d in map(text_date, lines[:40]) if d), None)
        published = datetime(found.year, found.month, found.day, tzinfo=timezone.utc) if found else None
    return Extracted(title=title, text=text, published=published, report_index=report_index(text))
