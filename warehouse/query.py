"""Read-only SQL for analysts: one or more SELECT-like statements, writes refused."""
from __future__ import annotations

from pathlib import Path

import duckdb

from rightswatch.errors import BadInput
from warehouse import db

READ_ONLY_TYPES = {"SELECT", "EXPLAIN"}


def check_read_only(query: str) -> None:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise BadInput(f"bad query: {_first_line(exc)}") from None
    if not statements:
        raise BadInput("bad query: no statement")
    for statement in statements:
        kind = statement.type.name
        if kind not in READ_ONLY_TYPES:
            raise BadInput(f"refused: `rightswatch sql` is read-only ({kind} statement)")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def run(path: Path, query: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of the last statement; bad SQL is BadInput."""
    check_read_only(query)
    with db.reader(path) as con:
        try:
            cursor = None
            for statement in duckdb.extract_statements(query):
                cursor = con.execute(statement)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall() if columns else []
        except (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
                duckdb.ConversionException, duckdb.InvalidInputException,
                duckdb.PermissionException, duckdb.NotImplementedException) as exc:
            raise BadInput(f"bad query: {_first_line(exc)}") from None
