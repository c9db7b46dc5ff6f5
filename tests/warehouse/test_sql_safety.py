"""`rightswatch sql` refuses every way of writing or reaching outside the warehouse, with exit 2."""
import json

import pytest

from tests.support.cli import run_cli


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("sql-home")
    record = tmp_path_factory.mktemp("in") / "one.jsonl"
    record.write_text(json.dumps({"url": "https://x.kz/a", "title": "Митинг", "text": "Бишкекте митинг өтті."},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_cli("ingest", str(record), home=home).returncode == 0
    return home


REFUSED = [
    "CREATE TABLE x (a INT)", "DROP TABLE articles", "ALTER TABLE articles ADD COLUMN x INT",
    "INSERT INTO alerts VALUES ('a', 'b', 'c', now()::TIMESTAMP, 'd')", "UPDATE articles SET title = ''",
    "DELETE FROM articles", "ATTACH 'other.duckdb' AS other", "COPY articles TO 'out.csv'",
    "INSTALL httpfs", "LOAD httpfs", "SET threads = 1", "PRAGMA version", "EXPORT DATABASE 'dump'",
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM 'some.parquet'", "SELECT * FROM read_json_auto('https://example.org/x.json')",
    "SELECT 1; DROP TABLE articles", "CHECKPOINT", "VACUUM", "CALL pragma_version()",
]


@pytest.mark.parametrize("query", REFUSED)
def test_refused_with_exit_2(home, query):
    result = run_cli("sql", query, home=home)
    assert result.returncode == 2, (query, result.stdout, result.stderr)
    errors = [l for l in result.stderr.strip().splitlines() if not l.startswith("home: ")]  # the home notice
    assert len(errors) == 1 and "Traceback" not in result.stderr


def test_nothing_changed_and_formats_work(home, tmp_path):
    rows = json.loads(run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=home).stdout)
    assert rows == [{"n": 1}]
    csv = run_cli("sql", "SELECT 1 AS a, 'x' AS b", "--format", "csv", home=home)
    assert csv.stdout.splitlines()[:2] == ["a,b", "1,x"]
    out = tmp_path / "answer.parquet"
    parquet = run_cli("sql", "SELECT title, topics FROM articles", "--format", "parquet", "--out", str(out), home=home)
    assert parquet.returncode == 0, parquet.stderr
    import duckdb
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(out)]).fetchone() == (1,)
    assert run_cli("sql", "SELECT 1", "--format", "parquet", home=home).returncode == 2
