"""Read-only SQL for analysts: one SELECT-like statement on a sandboxed, bounded connection.

The connection reads nothing but the warehouse and writes nothing but the one output file asked
for; it has a memory limit, a thread count and a time limit, and its rows come in batches, so
no query can exhaust the machine or hold the warehouse for ever."""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from core.errors import BadInput, Failure
from warehouse import db, sql
from warehouse.limits import DEFAULT, Limits

READ_ONLY_TYPES = {"SELECT", "EXPLAIN"}
QUERY_ERRORS = (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
                duckdb.ConversionException, duckdb.InvalidInputException, duckdb.PermissionException,
                duckdb.NotImplementedException, duckdb.OutOfRangeException, duckdb.TypeMismatchException)
BATCH_ROWS = 256  # rows fetched at a time: a few wide rows (whole article texts) stay a few MB
_POSITION = re.compile(r"^LINE (\d+): ?(.*)$")




def statement(query: str):
    """The one read-only statement of `query`, or BadInput saying why not."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f"bad query: not UTF-8 text (undecodable byte at character {exc.start + 1})") from None
    try:
        parsed = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise BadInput(f"bad query: {message(exc)}") from None
    if not parsed:
        raise BadInput("bad query: no statement")
    for each in parsed:
        kind = each.type.name
        if kind not in READ_ONLY_TYPES:
            raise BadInput(f"refused: `rightswatch sql` is read-only ({kind} statement)")
    if len(parsed) > 1:
        raise BadInput(f"bad query: {len(parsed)} statements; `rightswatch sql` runs one at a time")
    return parsed[0]


def message(exc: Exception) -> str:
    """DuckDB's message on one line, its hints kept ("Did you mean …", candidate columns) and its
    caret drawing turned into a position."""
    lines = [line for line in str(exc).strip().splitlines()]
    out, i = [], 0
    while i < len(lines):
        found = _POSITION.match(lines[i])
        if found and i + 1 < len(lines) and lines[i + 1].strip().startswith("^"):
            column = lines[i + 1].index("^") - (len(lines[i]) - len(found.group(2))) + 1
            out.append(f"(line {found.group(1)}, column {max(column, 1)})")
            i += 2
            continue
        if lines[i].strip():
            out.append(lines[i].strip())
        i += 1
    return " ".join(out) or type(exc).__name__


def _refused(exc: Exception) -> BadInput:
    if isinstance(exc, duckdb.PermissionException):
        return BadInput("refused: `rightswatch sql` reads only the warehouse (no files, network or extensions)")
    return BadInput(f"bad query: {message(exc)}")


@contextmanager
def _bounded(path: Path, limits: Limits, writable: tuple[str, ...] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A sandboxed read-only connection whose running query is interrupted after `limits.timeout`."""
    with db.reader(path, wait=limits.wait, sandbox=True, writable=writable,
                   settings=settings_of(limits)) as con, guarded(con, limits):
        yield con


def settings_of(limits: Limits) -> dict:
    """The sandbox's settings for `limits` (db.open_reader's `settings`)."""
    return {"memory": limits.memory, "threads": limits.threads, "temp_space": limits.temp_space}


@contextmanager
def guarded(con: duckdb.DuckDBPyConnection, limits: Limits) -> Iterator[None]:
    """Interrupt `con`'s running query after `limits.timeout`; its errors said as an analyst reads them."""
    timer = threading.Timer(limits.timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except duckdb.InterruptException:
        raise Failure(f"query stopped after {limits.timeout:g} s (--timeout SECONDS allows longer)") from None
    except duckdb.OutOfMemoryException:
        raise Failure(f"query needs more than {limits.memory} of memory "
                      "(--memory-limit allows more; a narrower query or a LIMIT needs less)") from None
    except QUERY_ERRORS as exc:
        raise _refused(exc) from None
    finally:
        timer.cancel()


@dataclass
class Result:
    """An executing query: its columns and its rows, fetched batch by batch."""

    columns: list[str]
    cursor: duckdb.DuckDBPyConnection

    def batches(self, rows: int = BATCH_ROWS) -> Iterator[list[tuple]]:
        if not self.columns:
            return
        while batch := self.cursor.fetchmany(rows):
            yield batch


@contextmanager
def results(path: Path, query: str, limits: Limits = DEFAULT,
            con: duckdb.DuckDBPyConnection | None = None) -> Iterator[Result]:
    """Run one read-only statement; its rows are read from the Result inside the `with` block.
    `con`: an already sandboxed read-only connection to run it on (the desk's kept one) rather
    than one opened for it."""
    parsed = statement(query)
    if con is not None:
        with guarded(con, limits):
            yield _executed(con, parsed)
        return
    with _bounded(path, limits) as con:
        yield _executed(con, parsed)


def _executed(con: duckdb.DuckDBPyConnection, parsed) -> Result:
    cursor = con.execute(parsed)
    return Result([d[0] for d in cursor.description] if cursor.description else [], cursor)


def run(path: Path, query: str, limits: Limits = DEFAULT) -> tuple[list[str], list[tuple]]:
    """Columns and every row (for callers that want all of a small result at once)."""
    with results(path, query, limits) as result:
        return result.columns, [row for batch in result.batches() for row in batch]


def to_parquet(path: Path, query: str, out: Path, limits: Limits = DEFAULT) -> int:
    """Write the statement's rows to the Parquet file `out` (DuckDB streams it); returns the row count."""
    parsed = statement(query)
    with _bounded(path, limits, writable=(str(out),)) as con:
        con.sql(parsed.query).write_parquet(str(out))
        return con.execute(sql.query("parquet_rows"), {"path": str(out)}).fetchone()[0] or 0
