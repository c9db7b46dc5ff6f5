"""Every input is bounded while it is read, and bad input keeps the exit-2 contract: one line
naming the file, the line or the key, nothing stored changed; `extract` reads every file and
exits 2 at the end. The cases are the ones found by trying the CLI as an attacker would."""
import gzip
import json

import pytest

from tests.support.cli import run_cli, run_cli_peak
from tests.support.hostile_documents import fanout_pdf
from tests.support.project import FIXTURES

GOOD = {"url": "https://x.kz/ok", "title": "Жаңалық", "text": "Алматыда бейбіт митинг өтті."}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("bounded-home")
    first = tmp_path_factory.mktemp("in") / "first.jsonl"
    first.write_text(json.dumps({**GOOD, "url": "https://x.kz/first"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_cli("ingest", str(first), home=home).returncode == 0
    return home


def articles(home) -> int:
    return json.loads(run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=home).stdout)[0]["n"]


def one_line(result, *words):
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(w in lines[0] for w in words), lines[0]


@pytest.mark.parametrize("command", [["ingest", "/dev/zero"], ["extract", "/dev/zero"], ["langid", "/dev/zero"]])
def test_an_endless_input_is_refused_while_read(home, command):
    code, peak, err = run_cli_peak(*command, home=home)
    assert code == 2 and "/dev/zero" in err and peak < 500, (code, peak, err)


BAD_LINES = {
    "url http://[::1": ('{"url": "http://[::1", "title": "T", "text": "x"}', "'url' is not a valid URL"),
    "port 99999999": ('{"url": "http://x.kz:99999999/a", "title": "T", "text": "x"}', "Port out of range"),
    "url without host": ('{"url": "http://", "title": "T", "text": "x"}', "'url' has no host"),
    "5000-digit number": ('{"url": "https://x.kz/a", "title": "T", "text": "x", "n": ' + "9" * 5000 + "}",
                          "invalid JSON (Exceeds the limit"),
    "100k nested arrays": ('{"url": "https://x.kz/a", "title": "T", "text": "x", "n": ' + "[" * 100000 + "]" * 100000
                           + "}", "invalid JSON (nested too deeply)"),
    "lone surrogate": ('{"url": "https://x.kz/a", "title": "T\\udc00", "text": "x"}', "'title' contains a lone surrogate"),
    "year 1 at +14:00": ('{"url": "https://x.kz/a", "title": "T", "text": "x", "published": "0001-01-01T00:00:00+14:00"}',
                         "'published' is out of range"),
    "10,000-character language": (json.dumps({**GOOD, "language": "k" * 10000}), "'language' is not an ISO 639 code"),
    "NUL in the text": (json.dumps({**GOOD, "text": "a\u0000b"}), "'text' contains a NUL character"),
}


@pytest.mark.parametrize("case", BAD_LINES)
def test_a_bad_record_is_named_and_nothing_is_stored(home, tmp_path, case):
    line, words = BAD_LINES[case]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    one_line(run_cli("ingest", str(path), home=home), f"{path}:2:", words)
    assert articles(home) == 1


def test_line_and_file_caps_name_the_flag_that_raises_them(home, tmp_path):
    long_record = tmp_path / "long.jsonl"
    long_record.write_text(json.dumps({"url": "https://x.kz/long", "text": "ж " * (5 * 1024 * 1024)}) + "\n")
    one_line(run_cli("ingest", str(long_record), home=home), f"{long_record}:1:", "line longer than 8 MiB",
             "--max-line-bytes")
    raised = run_cli("ingest", str(long_record), "--max-line-bytes", str(64 * 1024 * 1024), home=home)
    one_line(raised, f"{long_record}:1:", "missing or empty 'title'")  # read whole, then judged
    texts = tmp_path / "texts.txt"
    texts.write_bytes("Сәлем әлем\n".encode() + b"x" * (2 * 1024 * 1024) + b"\n")
    one_line(run_cli("langid", str(texts)), f"{texts}:2:", "line longer than 1 MiB")
    texts.write_bytes("Сәлем әлем\n".encode() + b"caf\xe9\n")
    one_line(run_cli("langid", str(texts)), f"{texts}:2:", "not UTF-8")
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * (30 * 1024 * 1024) + b"</p></body></html>"))
    result = run_cli("extract", str(bomb))
    assert result.returncode == 2 and "too large once unpacked" in result.stdout
    raised = run_cli("extract", str(bomb), "--max-bytes", str(64 * 1024 * 1024))
    assert "too large" not in raised.stdout


def test_extract_reads_every_file_and_exits_2_at_the_end(tmp_path):
    good = str(FIXTURES / "extract" / "ngo-brief-ru-assembly.pdf")
    hostile = tmp_path / "hostile.pdf"
    hostile.write_bytes(fanout_pdf())
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100000 + "<p>Алматыда алты белсенді ұсталды. " * 30 + "</p>"
                    + "</div>" * 100000 + "</body></html>", encoding="utf-8")
    missing = str(tmp_path / "missing.html")
    result = run_cli("extract", good, str(hostile), str(deep), good, missing)
    assert result.returncode == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in rows] == [good, str(hostile), str(deep), good, missing]
    assert [("error" in r) for r in rows] == [False, True, False, False, True]
    assert rows[0] == rows[3] and "page tree" in rows[1]["error"]
    assert result.stderr.splitlines() == [f"rightswatch: {hostile}: {rows[1]['error']}",
                                          f"rightswatch: {missing}: {rows[4]['error']}",
                                          "rightswatch: 2 of 5 files could not be read"]


def test_the_commands_default_caps_are_the_extractors():
    from pipelines.extract.extract import MAX_DOCUMENT_BYTES
    from workflows import bounded
    from workflows.ingest import MAX_LINE_BYTES
    assert bounded.DOCUMENT_BYTES == MAX_DOCUMENT_BYTES and bounded.INGEST_LINE_BYTES == MAX_LINE_BYTES
