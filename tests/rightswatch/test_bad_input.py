"""DESIGN.md's exit codes at the console script: bad input is exit 2, one line, nothing changed."""
import json

import pytest

from tests.support.cli import one_line_error
from tests.support.cli import run_cli


@pytest.fixture
def loaded_home(tmp_path):
    home = tmp_path / "home"
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"url": "https://x.kz/a", "title": "Бишкекте митинг",
                                "text": "Бишкекте бейбіт митинг өтті, полиция бес адамды ұстады.",
                                "published": "2026-11-20"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_cli("ingest", str(good), home=home)
    assert result.returncode == 0, result.stderr
    return home


def article_count(home):
    result = run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[0]["n"]


def test_every_command_has_help():
    top = run_cli("--help")
    assert top.returncode == 0
    for command in ("demo", "crawl", "process", "ingest", "report", "sql", "export", "langid",
                    "extract", "sources"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout, command
        assert command in top.stdout
    for sub in ("list", "check"):
        assert run_cli("sources", sub, "--help").returncode == 0


def test_bad_jsonl_line_rejects_the_file(loaded_home, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"url": "https://x.kz/b", "title": "t", "text": "ok"}\n{broken\n', encoding="utf-8")
    one_line_error(run_cli("ingest", str(bad), home=loaded_home), f"{bad}:2")
    assert article_count(loaded_home) == 1


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02"])
def test_missing_empty_or_binary_ingest_file(loaded_home, tmp_path, content):
    path = tmp_path / "x.jsonl"
    if content is not None:
        path.write_bytes(content)
    one_line_error(run_cli("ingest", str(path), home=loaded_home), str(path))
    assert article_count(loaded_home) == 1


@pytest.mark.parametrize("query", ["DELETE FROM articles", "DROP TABLE articles", "selec 1",
                                   "SELECT * FROM no_such_table"])
def test_bad_or_writing_sql(loaded_home, query):
    one_line_error(run_cli("sql", query, home=loaded_home))
    assert article_count(loaded_home) == 1


def test_bad_date(loaded_home):
    one_line_error(run_cli("report", "--since", "2026-13-45", home=loaded_home), "--since")


def test_bad_sources_file(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[sources]]\nid = "x"\nname = "X"\nkind = "mastodon"\nurl = "https://x"\n'
                   'country = "KZ"\nlanguages = ["kk"]\ncategory = "news"\n', encoding="utf-8")
    one_line_error(run_cli("crawl", "--sources", str(bad), home=tmp_path / "h"), str(bad), "kind")
    one_line_error(run_cli("sources", "list", "--sources", str(bad)), "kind")
    assert not (tmp_path / "h" / "landing").exists() or not any((tmp_path / "h" / "landing").iterdir())


def test_unknown_backend_and_unreadable_langid_file(tmp_path):
    one_line_error(run_cli("langid", "--backend", "nope", stdin="сәлем\n"), "--backend")
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    one_line_error(run_cli("langid", str(path)), str(path))


def test_extract_flags_bad_files_and_exits_2(tmp_path):
    from tests.support.project import FIXTURES
    good = FIXTURES / "extract" / "kk-detention.html"
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    result = run_cli("extract", str(good), str(fake), str(tmp_path / "missing.html"))
    assert result.returncode == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(good), str(fake), str(tmp_path / "missing.html")]
    assert "error" not in rows[0] and rows[0]["language"] == "kk"
    assert "error" in rows[1] and "error" in rows[2]
