"""Open the warehouse: writers briefly, readers read-only, both waiting out another's lock."""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from core.errors import BadInput, Failure
from warehouse import locks, sql
from warehouse.migrate import migrate

# Longer than an analyst query may run by default (60 s), so a writer outwaits `rightswatch sql`
# and a query outwaits a load; past it the caller fails saying who held the warehouse.
LOCK_WAIT_SECONDS = 600.0
NOTICE_AFTER_SECONDS = 1.0
_PID = re.compile(r"\(PID (\d+)\)")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() or "Conflicting" in text


def _connect(path: Path, read_only: bool, wait: float,
             on_wait: Callable[[str], None] = locks.notice) -> duckdb.DuckDBPyConnection:
    started = time.monotonic()
    delay, told = 0.05, False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc):
                raise
            found = _PID.search(str(exc))
            holder = locks.describe(int(found.group(1)) if found else None)
            waited = time.monotonic() - started
            if waited >= wait:
                raise Failure(f"the warehouse stayed busy for {wait:g} s ({holder} has it open); "
                              "try again when it is done") from None
            if not told and waited >= NOTICE_AFTER_SECONDS:
                on_wait(f"waiting for {holder} to finish with the warehouse…")
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
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
           writable: tuple[str, ...] = (), settings: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; with `sandbox`, no file or network access but `writable` paths,
    and `settings` (memory, threads, temp_space) fixed for its lifetime."""
    if not path.exists():
        raise BadInput(f"no warehouse in {path.parent}; run `rightswatch demo` or `rightswatch crawl` "
                       "then `rightswatch process`")
    con = _connect(path, read_only=True, wait=wait)
    try:
        if sandbox:
            sql.run_script(con, "sandbox_reader", {"paths": list(writable), **(settings or {})})
            con.execute(sql.query("lock_reader"))
        yield con
    finally:
        con.close()
