"""`rightswatch extract FILE…`: several documents, plain or gzipped, HTML or PDF, one line each in order."""
import gzip
import json

from tests.support.cli import run_cli
from tests.support.project import FIXTURES

PAGES = FIXTURES / "extract"


def test_several_files_plain_gzipped_and_pdf_in_one_call(tmp_path):
    packed = tmp_path / "pangea-ky.html.gz"
    packed.write_bytes(gzip.compress((PAGES / "pangea-ky-court-bans-rallies.html").read_bytes()))
    files = [str(PAGES / "kk-detention.html"), str(packed), str(PAGES / "ngo-brief-ru-assembly.pdf"),
             str(PAGES / "wp-ka-category-archive.html")]
    result = run_cli("extract", *files)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
    assert rows[0]["language"] == "kk" and rows[0]["published"].startswith("2026-11-20")
    assert rows[1]["title"].startswith("Бишкек соту") and rows[1]["language"] == "ky"
    assert rows[2]["title"].startswith("Свобода мирных собраний") and rows[2]["language"] == "ru"
    assert rows[3]["article"] is False and "no article" in rows[3]["reason"] and "error" not in rows[3]
    assert all(set(r) >= {"file", "title", "text", "published", "language"} for r in rows)


def test_a_bad_file_among_good_ones_is_flagged_and_exits_2(tmp_path):
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08 not really gzip")
    good = str(PAGES / "custom-tg-khujand-water.html")
    result = run_cli("extract", str(broken), good)
    assert result.returncode == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "gzip" in rows[0]["error"] and rows[1]["language"] == "tg" and "error" not in rows[1]
