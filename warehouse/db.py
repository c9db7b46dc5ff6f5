"""Open the warehouse: writers briefly, readers read-only, both waiting out another's lock."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from rightswatch.errors import BadInput
from warehouse import sql
from warehouse.migrate import migrate

LOCK_WAIT_SECONDS = 30.0


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() or "Conflicting" in text


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
            continue
        con.execute(sql.query("utc_session"))
        return con


@contextmanager
def writer(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated read-write connection, held only for the `with` block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=False, wait=wait)
    try:
        migrate(con)
        yield con
    finally:
        con.close()


def ensure(path: Path, wait: float = LOCK_WAIT_SECONDS) -> None:
    """Create or migrate the warehouse, holding the write lock only for that."""
    with writer(path, wait=wait):
        pass


@contextmanager
def reader(path: Path, wait: float = LOCK_WAIT_SECONDS, sandbox: bool = False,
           writable: tuple[str, ...] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; with `sandbox`, no file or network access but `writable` paths."""
    if not path.exists():
        raise BadInput(f"no warehouse in {path.parent}; run `rightswatch demo` or `rightswatch crawl` "
                       "then `rightswatch process`")
    con = _connect(path, read_only=True, wait=wait)
    try:
        if sandbox:
            con.execute(sql.query("sandbox_reader"), {"paths": list(writable)})
            con.execute(sql.query("lock_reader"))
        yield con
    finally:
        con.close()
