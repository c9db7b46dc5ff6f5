"""Extraction on fixture pages, each paired with its expected output next to it."""
import gzip
import json

import pytest

from pipelines.extract import ExtractError, decode_html, extract, extract_html, extract_pdf
from tests.conftest import FIXTURES

PAGES = sorted((FIXTURES / "extract").glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_fixture_page_matches_expected(page):
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    found = extract_html(page.read_bytes(), url="https://fixture.example/" + page.name,
                         content_type="text/html; charset=utf-8")
    assert found.title == expected["title"]
    assert (found.published.date().isoformat() if found.published else None) == expected["published"]
    assert found.canonical_url == expected["canonical_url"]
    for phrase in expected["text_contains"]:
        assert phrase in found.text
    for phrase in expected["text_excludes"]:
        assert phrase not in found.text
    assert not found.text.startswith(expected["title"])


def test_broken_declaration_falls_back_to_a_fitting_encoding():
    body = "Задержаны участники пикета".encode("cp1251")
    assert decode_html(body, "text/html; charset=utf-8") == "Задержаны участники пикета"
    assert decode_html("Қазақстан".encode("utf-8"), "text/html; charset=utf-8") == "Қазақстан"


def test_gzipped_html_is_unpacked():
    page = PAGES[0]
    found = extract(gzip.compress(page.read_bytes()), url="https://fixture.example/x.html.gz")
    assert found.title


@pytest.mark.parametrize("body, message", [
    (b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02\x03" * 50, "binary"),
    (b"\x1f\x8b\x08broken", "gzip"),
])
def test_unreadable_html(body, message):
    with pytest.raises(ExtractError, match=message):
        extract(body, url="https://x/page.html")


def test_pdf_that_is_not_a_pdf():
    with pytest.raises(ExtractError, match="not a PDF"):
        extract_pdf(b"<html>surprise</html>")
    with pytest.raises(ExtractError, match="broken PDF|no extractable text"):
        extract_pdf(b"%PDF-1.7\n garbage without objects")
    with pytest.raises(ExtractError):
        extract(b"%PDF-1.4\n\x00\x00", url="https://x/r.pdf")


def test_pdf_report_text_and_index(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.set_title("Defenders under pressure")
    for line in ["Defenders under pressure", "Index: ROE 04/1123/2026",
                 "LGBTI activists in Kazakhstan and Armenia face detention at peaceful assemblies."]:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    found = extract(bytes(pdf.output()), url="https://x/r.pdf", content_type="application/pdf")
    assert found.title == "Defenders under pressure"
    assert found.report_index == "ROE 04/1123/2026"
    assert "peaceful assemblies" in found.text
