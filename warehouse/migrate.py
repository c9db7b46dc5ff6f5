"""Forward-only, numbered migrations: each applied in one transaction with its own record and
checksum; an applied file that was edited afterwards is refused, never silently re-run."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse import sql


class MigrationError(RuntimeError):
    pass


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrate(con: duckdb.DuckDBPyConnection, upto: str | None = None) -> list[str]:
    """Bring the schema up to date (or up to version `upto`); returns the versions applied now."""
    con.execute(sql.query("schema_migrations"))
    done = dict(con.execute(sql.query("applied_migrations")).fetchall())
    files = {path.stem: path for path in sql.migrations()}
    for version, recorded in done.items():
        if version in files and checksum(files[version]) != recorded:
            raise MigrationError(f"migration {version} changed after it was applied; "
                                 "add a new migration instead of editing an applied one")
    applied = []
    for version, path in sorted(files.items()):
        if version in done:
            continue
        if upto is not None and version > upto:
            break
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(sql.query("record_migration"), {
                "version": version, "checksum": checksum(path),
                "applied_at": datetime.now(timezone.utc).replace(tzinfo=None)})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    if upto is None:
        for view in sql.views():  # views are code: always the current definition
            con.execute(view.read_text(encoding="utf-8"))
    return applied
