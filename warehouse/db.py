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


def waiting_marker(path: Path) -> Path:
    """The file a writer keeps fresh while it waits for the warehouse, so a reader that keeps its
    connection open between uses (the desk: warehouse/shared_reader.py) lets it in."""
    return path.with_name(path.name + ".writer-waiting")


def _mark_waiting(marker: Path | None) -> None:
    if marker is not None:
        try:
            marker.touch()
        except OSError:
            pass  # a read-only folder: no writer could open the warehouse there either


def _connect(path: Path, read_only: bool, wait: float,
             on_wait: Callable[[str], None] = locks.notice) -> duckdb.DuckDBPyConnection:
    marker = None if read_only else waiting_marker(path)
    _mark_waiting(marker)
    try:
        return _retry(path, read_only, wait, on_wait, marker)
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)


def _retry(path: Path, read_only: bool, wait: float, on_wait: Callable[[str], None],
           marker: Path | None) -> duckdb.DuckDBPyConnection:
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
            _mark_waiting(marker)
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


def open_reader(path: Path, wait: float = LOCK_WAIT_SECONDS, sandbox: bool = False,
                writable: tuple[str, ...] = (), settings: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection the caller closes; with `sandbox`, no file or network access but
    `writable` paths, and `settings` (memory, threads, temp_space) fixed for its lifetime (and for
    its cursors: the sandbox is set on the database, in UTC, and locked)."""
    if not path.exists():
        raise BadInput(f"no warehouse in {path.parent}; run `rightswatch demo` or `rightswatch crawl` "
                       "then `rightswatch process`")
    con = _connect(path, read_only=True, wait=wait)
    try:
        if sandbox:
            sql.run_script(con, "sandbox_reader", {"paths": list(writable), **(settings or {})})
            con.execute(sql.query("lock_reader"))
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def reader(path: Path, wait: float = LOCK_WAIT_SECONDS, sandbox: bool = False,
           writable: tuple[str, ...] = (), settings: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for the `with` block (see open_reader)."""
    con = open_reader(path, wait, sandbox, writable, settings)
    try:
        yield con
    finally:
        con.close()
