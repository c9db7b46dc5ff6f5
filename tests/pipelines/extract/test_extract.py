"""Extraction on fixture pages, each paired with its expected output next to it (format in
rightswatch/evals/extract.py); a new page needs no test code."""
import gzip
import json

import pytest

from evals.extract import prf
from pipelines.extract.extract import ExtractError, NotAnArticle, decode_html, extract, extract_pdf
from tests.support.project import FIXTURES

PAIRS = sorted(p for p in (FIXTURES / "extract").glob("*.json"))


def _document(expected_path):
    stem = expected_path.name[:-len(".json")]
    return next(expected_path.with_name(stem + s) for s in (".html", ".pdf", ".html.gz")
                if expected_path.with_name(stem + s).exists())


def _flat(text):
    return " ".join(text.split())


@pytest.mark.parametrize("pair", PAIRS, ids=[p.stem for p in PAIRS])
def test_fixture_page_matches_expected(pair):
    expected = json.loads(pair.read_text(encoding="utf-8"))
    body = _document(pair).read_bytes()
    url = expected.get("url") or "https://fixture.example/" + pair.stem
    if expected.get("article") is False:
        with pytest.raises(NotAnArticle, match="no article"):
            extract(body, url=url)
        return
    found = extract(body, url=url)
    text = _flat(found.text)
    assert found.title == expected["title"]
    assert (found.published.date().isoformat() if found.published else None) == expected["published"]
    if "canonical_url" in expected:
        assert found.canonical_url == expected["canonical_url"]
    if "report_index" in expected:
        assert found.report_index == expected["report_index"]
    paragraphs = [_flat(p) for p in expected["body"]]
    assert _flat(expected.get("lead") or paragraphs[0]) in text
    assert paragraphs[-1] in text
    assert prf(text, " ".join(paragraphs))[2] >= 0.9
    leaked = [phrase for phrase in expected.get("boilerplate", []) if phrase in text]
    assert not leaked
    assert not text.startswith(expected["title"])


def test_fixture_set_is_big_and_varied():
    expected = [json.loads(p.read_text(encoding="utf-8")) for p in PAIRS]
    assert len(expected) >= 30
    layouts = {e.get("layout") for e in expected}
    assert {"pangea", "wordpress", "bitrix", "tilda", "amp", "pdf"} <= layouts
    assert sum(1 for e in expected if e.get("article") is False) >= 3
    assert len({e.get("language") for e in expected}) >= 10


def test_broken_declaration_falls_back_to_a_fitting_encoding():
    body = "Задержаны участники пикета".encode("cp1251")
    assert decode_html(body, "text/html; charset=utf-8") == "Задержаны участники пикета"
    assert decode_html("Қазақстан".encode("utf-8"), "text/html; charset=utf-8") == "Қазақстан"


def test_gzipped_html_is_unpacked():
    page = FIXTURES / "extract" / "kk-detention.html"
    found = extract(gzip.compress(page.read_bytes()), url="https://fixture.example/x.html.gz")
    assert found.title == "Алматыда пикетке шыққан үш белсенді ұсталды"


@pytest.mark.parametrize("body, message", [
    (b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02\x03" * 50, "binary"),
    (b"\x1f\x8b\x08broken", "gzip"), (gzip.compress(b"<p>cut</p>" * 50)[:-12], "gzip"),
])
def test_unreadable_html(body, message):
    with pytest.raises(ExtractError, match=message):
        extract(body, url="https://x/page.html")


def test_gzip_bomb_is_refused(monkeypatch):
    import pipelines.extract.extract as module
    monkeypatch.setattr(module, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(ExtractError, match="too large"):
        module.unwrap(gzip.compress(b" " * 5000))


def test_not_an_article_is_an_extract_error():
    """Callers that tolerate unreadable documents tolerate pages without an article too."""
    assert issubclass(NotAnArticle, ExtractError)
    with pytest.raises(ExtractError):
        extract(b"<html><body><nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav></body></html>")


def test_pdf_that_is_not_a_pdf():
    with pytest.raises(ExtractError, match="not a PDF"):
        extract_pdf(b"<html>surprise</html>")
    with pytest.raises(ExtractError, match="broken PDF|no extractable text"):
        extract_pdf(b"%PDF-1.7\n garbage without objects")
    with pytest.raises(ExtractError):
        extract(b"%PDF-1.4\n\x00\x00", url="https://x/r.pdf")


def test_pdf_report_text_and_index():
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
    assert not found.text.startswith("Defenders under pressure")


def test_pdf_file_name_in_the_title_field_gives_way_to_the_first_line():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.set_title("Microsoft Word - brief_final_v3.docx")
    for line in ["Freedom of assembly in Kyrgyzstan", "Police detained eleven protesters on Sunday."]:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    found = extract(bytes(pdf.output()), url="https://x/brief.pdf")
    assert found.title == "Freedom of assembly in Kyrgyzstan"
    assert found.text == "Police detained eleven protesters on Sunday."
