"""Generated inputs never make a parser raise anything but its documented error."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from core.errors import BadInput
from pipelines.extract.extract import extract
from pipelines.extract.extract_errors import ExtractError
from pipelines.language.language import detect
from scrapers.parse import NotParsable, feed_entries, read_sitemap
from scrapers.registry import load_sources
from tests.support.strategies import FUZZ, documents, jsonl_bytes, markup, text, toml_bytes
from workflows.ingest import read_jsonl

WORK = Path(tempfile.mkdtemp(prefix="fuzz-"))
CONTENT_TYPES = st.sampled_from(["", "text/html", "text/html; charset=cp1251", "application/pdf",
                                 "text/html; charset=bogus", "application/xhtml+xml", "image/png"])


@FUZZ
@given(documents, CONTENT_TYPES)
def test_extract(body, content_type):
    try:
        extract(body, "https://example.org/news/1.html", content_type)
    except ExtractError:
        pass


@FUZZ
@given(st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b))
def test_extract_broken_pdfs(body):
    try:
        extract(body, "https://example.org/r.pdf", "application/pdf")
    except ExtractError:
        pass


@FUZZ
@given(jsonl_bytes())
def test_read_jsonl(raw):
    path = WORK / "in.jsonl"
    path.write_bytes(raw)
    try:
        records = read_jsonl(path)
    except BadInput as exc:
        assert str(exc).startswith(str(path))
    else:
        assert all(isinstance(r, dict) for r in records)


@FUZZ
@given(toml_bytes())
def test_load_sources(raw):
    path = WORK / "sources.toml"
    path.write_bytes(raw)
    try:
        load_sources(path)
    except BadInput as exc:
        assert str(exc).startswith(str(path))


@FUZZ
@given(documents | markup())
def test_feed_entries(body):
    try:
        feed_entries(body)
    except NotParsable:
        pass


@FUZZ
@given(documents | markup())
def test_read_sitemap(body):
    try:
        read_sitemap(body)
    except NotParsable:
        pass


@FUZZ
@given(text)
def test_language_detect(value):
    result = detect(value)
    assert result.lang and 0 <= result.score <= 1
