"""Writers of the warehouse in processes of their own, as `process` or `ingest` are beside a
running desk: one through the project's writer (it waits for the warehouse, saying so with the
marker readers watch), one through DuckDB alone (it never waits: it shows who holds the file)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.project import PROJECT

_WRITE = """
import sys
from pathlib import Path
from warehouse import db
with db.writer(Path(sys.argv[1]), wait=float(sys.argv[2])) as con:
    con.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER)")
    con.execute("INSERT INTO probe VALUES (?)", [int(sys.argv[3])])
print("written")
"""

_RAW = """
import sys, duckdb
duckdb.connect(sys.argv[1]).close()
"""


def write_probe(path: Path, n: int, wait: float) -> subprocess.CompletedProcess:
    """A writer process adding row `n` to a `probe` table, waiting at most `wait` seconds for the
    warehouse (past it, it fails saying who holds it)."""
    return subprocess.run([sys.executable, "-c", _WRITE, str(path), str(wait), str(n)], capture_output=True,
                          text=True, timeout=wait + 120, cwd=str(PROJECT))


def raw_open(path: Path) -> subprocess.CompletedProcess:
    """DuckDB opening the warehouse for writing once, without waiting or leaving a marker: it fails
    while another process holds the file."""
    return subprocess.run([sys.executable, "-c", _RAW, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=str(PROJECT))
