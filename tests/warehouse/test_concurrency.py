"""An analyst's `rightswatch sql` while a writer works: it waits and answers, never a lock error."""
import json
import subprocess
import sys
import time

from scrapers.crawl import crawl
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.conftest import PROJECT, run_cli
from warehouse import db

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
con.close()
"""


def test_sql_waits_for_a_busy_writer_then_answers(tmp_path):
    path = tmp_path / "home" / "warehouse.duckdb"
    db.ensure(path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), "3"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    result = run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=tmp_path / "home")
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 0}]
    assert "Traceback" not in result.stderr and "lock" not in result.stderr.lower()
    assert waited < 30


def test_sql_during_process_always_answers(tmp_path, demo_sources):
    home = tmp_path / "home"
    crawl(home, load_sources(demo_sources), overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    db.ensure(home / "warehouse.duckdb")
    writer = subprocess.Popen([sys.executable, "-m", "rightswatch.cli", "--home", str(home), "process"],
                              cwd=str(PROJECT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers = []
    while writer.poll() is None or len(answers) < 3:
        result = run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=home)
        assert result.returncode == 0, result.stderr
        answers.append(json.loads(result.stdout)[0]["n"])
    assert writer.wait(timeout=120) == 0, writer.stderr.read()
    assert answers == sorted(answers) and answers[-1] >= 55
