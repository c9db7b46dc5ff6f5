"""Apply migrations/*.sql in order, each recorded in the transaction that applies it; refresh views."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from warehouse import sql


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the schema up to date; returns the versions applied now."""
    con.execute(sql.query("schema_migrations"))
    done = {row[0] for row in con.execute(sql.query("applied_migrations")).fetchall()}
    applied = []
    for path in sql.migrations():
        version = path.stem
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(sql.query("record_migration"),
                        {"version": version, "applied_at": datetime.now(timezone.utc).replace(tzinfo=None)})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    for view in sql.views():  # views are code: always the current definition
        con.execute(view.read_text(encoding="utf-8"))
    return applied
