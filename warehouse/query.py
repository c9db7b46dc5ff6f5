"""Read-only SQL for analysts: SELECT-like statements only, on a sandboxed connection that can
read nothing but the warehouse and write nothing but the one output file asked for."""
from __future__ import annotations

from pathlib import Path

import duckdb

from rightswatch.errors import BadInput
from warehouse import db

READ_ONLY_TYPES = {"SELECT", "EXPLAIN"}
QUERY_ERRORS = (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
                duckdb.ConversionException, duckdb.InvalidInputException, duckdb.PermissionException,
                duckdb.NotImplementedException, duckdb.OutOfRangeException, duckdb.TypeMismatchException)


def statements(query: str) -> list:
    """The parsed statements, or BadInput if any is not read-only."""
    try:
        parsed = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise BadInput(f"bad query: {_first_line(exc)}") from None
    if not parsed:
        raise BadInput("bad query: no statement")
    for statement in parsed:
        kind = statement.type.name
        if kind not in READ_ONLY_TYPES:
            raise BadInput(f"refused: `rightswatch sql` is read-only ({kind} statement)")
    return parsed


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _refused(exc: Exception) -> BadInput:
    if isinstance(exc, duckdb.PermissionException):
        return BadInput("refused: `rightswatch sql` reads only the warehouse (no files, network or extensions)")
    return BadInput(f"bad query: {_first_line(exc)}")


def run(path: Path, query: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of the last statement."""
    parsed = statements(query)
    with db.reader(path, sandbox=True) as con:
        try:
            cursor = None
            for statement in parsed:
                cursor = con.execute(statement)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall() if columns else []
        except QUERY_ERRORS as exc:
            raise _refused(exc) from None


def to_parquet(path: Path, query: str, out: Path) -> int:
    """Write the last statement's result to one Parquet file; returns its row count."""
    parsed = statements(query)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with db.reader(path, sandbox=True, writable=(str(tmp),)) as con:
        try:
            for statement in parsed[:-1]:
                con.execute(statement)
            relation = con.sql(parsed[-1].query)
            relation.write_parquet(str(tmp))
            count = len(relation)
        except QUERY_ERRORS as exc:
            tmp.unlink(missing_ok=True)
            raise _refused(exc) from None
    tmp.replace(out)
    return count
