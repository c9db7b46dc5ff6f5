"""Find the package's .sql files by name; run a file of several statements with its parameters."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@cache
def query(name: str) -> str:
    """Text of warehouse/queries/<name>.sql."""
    return (HERE / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def migrations() -> list[Path]:
    return sorted((HERE / "migrations").glob("*.sql"))


def views() -> list[Path]:
    return sorted((HERE / "views").glob("*.sql"))


def run_script(con, name: str, params: dict) -> None:
    """Each statement of queries/<name>.sql in turn, bound to the parameters it names (DuckDB
    binds parameters to a script's last statement only)."""
    import duckdb
    for statement in duckdb.extract_statements(query(name)):
        names = set(re.findall(r"\$(\w+)", statement.query))
        con.execute(statement.query, {k: v for k, v in params.items() if k in names} or None)
