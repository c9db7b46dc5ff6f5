"""Every cookbook query, timed on a generated warehouse of a million articles (target: < 1 s each),
next to a full scan of `articles` as the baseline."""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import duckdb

from bench import Figure
from warehouse import db, query
from workflows.settings import PROJECT_ROOT

ARTICLES = int(os.environ.get("RIGHTSWATCH_BENCH_ARTICLES", "1000000"))
FILL = Path(__file__).with_name("sql") / "fill_warehouse.sql"
SCAN = "SELECT count(*), sum(length(title)) FROM articles"


def cookbook() -> list[tuple[str, str]]:
    text = (PROJECT_ROOT / "docs" / "analyst-cookbook.md").read_text(encoding="utf-8")
    return re.findall(r"^## (\d+)\. .+?\n\n```sql\n(.+?)```", text, re.S | re.M)


def _seconds(path: Path, sql: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        query.run(path, sql)
        best = min(best, time.perf_counter() - start)
    return best


def fill(path: Path, articles: int = ARTICLES) -> float:
    """A new synthetic warehouse of ``articles`` articles at ``path``; seconds it took."""
    db.ensure(path)
    start = time.perf_counter()
    con = duckdb.connect(str(path))
    for statement in duckdb.extract_statements(FILL.read_text(encoding="utf-8")):
        con.execute(statement.query, {"n": articles} if "$n" in statement.query else None)
    con.close()
    return time.perf_counter() - start


def run(results: list[Figure]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "warehouse.duckdb"
        results.append(Figure("cookbook_fill_warehouse", fill(path), f"s for {ARTICLES:,} articles"))
        baseline = _seconds(path, SCAN)
        for number, sql in cookbook():
            results.append(Figure(f"cookbook_q{int(number):02d}", _seconds(path, sql), "s",
                                  baseline, "full scan of articles"))
