"""`rightswatch sql` cannot write where it should not, is bounded in time and memory, streams its
rows, keeps every value whole, refuses several statements and keeps DuckDB's hints."""
import json
import os

import duckdb
import pytest

from reports.rows import write_table
from tests.support.cli import run_cli, run_cli_peak

URL = "https://www.azattyq.org/a/kazakhstan-pravozashchitniki-lgbti-aktivisty-pod-davleniem/28933160.html"
CROSS_JOIN = "SELECT * FROM articles a, articles b, articles c, articles d"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("sql-home")
    records = tmp_path_factory.mktemp("in") / "records.jsonl"
    text = "Құқық қорғаушылар Алматыда бейбіт жиналыс бостандығы бұзылғанын айтты. " * 40
    records.write_text("".join(json.dumps({"url": URL.replace("28933160", str(n)), "title": f"Белсенділер {n}",
                                           "text": f"{n}. {text}", "language": "kk"}, ensure_ascii=False) + "\n"
                               for n in range(40)), encoding="utf-8")
    assert run_cli("ingest", str(records), home=home).returncode == 0
    return home


def test_out_refuses_the_home_and_existing_files_and_never_leaves_a_partial_file(home, tmp_path):
    warehouse = home / "warehouse.duckdb"
    before = warehouse.read_bytes()
    for target in (warehouse, home / "exports" / "x.csv", home / "answer.csv"):
        result = run_cli("sql", "SELECT 1", "--out", str(target), "--force", home=home)
        assert result.returncode == 2 and "inside the rightswatch home" in result.stderr
    assert warehouse.read_bytes() == before and not (home / "answer.csv").exists()
    out = tmp_path / "answer.csv"
    assert run_cli("sql", "SELECT 1 AS a", "--format", "csv", "--out", str(out), home=home).returncode == 0
    refused = run_cli("sql", "SELECT 2 AS a", "--format", "csv", "--out", str(out), home=home)
    assert refused.returncode == 2 and "exists (--force replaces it)" in refused.stderr
    assert out.read_text() == "a\n1\n"
    assert run_cli("sql", "SELECT 2 AS a", "--format", "csv", "--out", str(out), "--force", home=home).returncode == 0
    assert out.read_text() == "a\n2\n" and oct(out.stat().st_mode & 0o777) != "0o600"
    stopped = run_cli("sql", "SELECT * FROM range(1e14::BIGINT)", "--format", "csv", "--out", str(tmp_path / "big.csv"),
                      "--timeout", "2", home=home)
    assert stopped.returncode == 1 and "stopped after 2 s" in stopped.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.csv"]  # no partial file, no temp name left


def test_time_and_memory_are_bounded_and_rows_streamed(home):
    result = run_cli("sql", "SELECT count(*) FROM range(1e14::BIGINT)", "--timeout", "1.5", home=home)
    assert result.returncode == 1 and result.stderr.strip() == \
        "rightswatch: query stopped after 1.5 s (--timeout SECONDS allows longer)"
    # 40^4 = 2.56 M rows of four article texts each, streamed as CSV until the time limit
    code, peak, _ = run_cli_peak("sql", CROSS_JOIN, "--format", "csv", "--timeout", "8", home=home)
    assert code == 1 and peak < 500, peak
    code, peak, _ = run_cli_peak("sql", CROSS_JOIN, home=home)  # the table view stops at --max-rows
    assert code == 0 and peak < 500, peak
    big = run_cli("sql", "SELECT range AS n FROM range(5000)", "--max-rows", "3", home=home)
    assert big.returncode == 0 and big.stdout.splitlines()[-1].startswith("(first 3 rows shown;")
    settings = run_cli("sql", "SELECT current_setting('memory_limit') AS m, current_setting('threads') AS t",
                       "--format", "json", "--memory-limit", "300MB", home=home)
    assert json.loads(settings.stdout) == [{"m": "286.1 MiB", "t": 2}]
    assert run_cli("sql", "SET memory_limit = '8GB'", home=home).returncode == 2


def test_csv_json_and_parquet_are_lossless(home, tmp_path):
    query = ("SELECT url, ['assembly', 'lgbt', 'detention', 'legislation', 'pride', 'foreign-agent'] AS topics, "
             "1.10::DECIMAL(5,2) AS d, 'a\nb' AS t FROM articles ORDER BY url LIMIT 1")
    csv = run_cli("sql", query, "--format", "csv", home=home).stdout
    assert URL.replace("28933160", "0") in csv and '""foreign-agent""]' in csv and "1.10" in csv and '"a\nb"' in csv
    rows = json.loads(run_cli("sql", query, "--format", "json", home=home).stdout)
    assert rows[0]["topics"][-1] == "foreign-agent" and rows[0]["d"] == 1.1 and rows[0]["t"] == "a\nb"
    out = tmp_path / "rows.parquet"
    result = run_cli("sql", "SELECT url, text FROM articles", "--format", "parquet", "--out", str(out), home=home)
    assert result.returncode == 0 and "40 rows" in result.stderr
    shortest = json.loads(run_cli("sql", "SELECT min(length(text)) AS n FROM articles", "--format", "json",
                                  home=home).stdout)[0]["n"]
    assert duckdb.connect().execute("SELECT count(*), min(length(text)) FROM read_parquet(?)",
                                    [str(out)]).fetchone() == (40, shortest)


def test_the_table_keeps_whole_urls_and_fits_the_terminal():
    rows = [(URL, ["assembly", "lgbt"], "Құқық қорғаушылар: төрт елде ЛГБТИ белсенділері қысымға ұшырап отыр")]
    aligned = _table(rows, width=None)
    assert URL in aligned and "…" not in aligned
    narrow = _table(rows, width=60)  # wider than the terminal: one record at a time, values whole
    assert narrow.startswith("-[ record 1 ]-") and f"url     {URL}" in narrow
    assert max(len(line) for line in narrow.splitlines() if URL not in line) <= 80
    assert _table(rows, width=60, wide=True) == aligned


def _table(rows, **view) -> str:
    import io
    buf = io.StringIO()
    write_table(["url", "topics", "title"], [rows], buf, **view)
    return buf.getvalue()


@pytest.mark.parametrize("query, words", [
    ("SELECT 1; SELECT 2", ["2 statements", "one at a time"]),
    ("SELECT * FROM artcles", ['Did you mean "articles"?', "(line 1, column 15)"]),
    ("SELECT titel FROM articles", ['Candidate bindings: "title"']),
    (os.fsdecode(b"SELECT \xff"), ["not UTF-8"]),
])
def test_bad_queries_are_one_line_with_duckdbs_hints(home, query, words):
    result = run_cli("sql", query, home=home)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert all(w in result.stderr for w in words), result.stderr
