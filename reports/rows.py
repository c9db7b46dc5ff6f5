"""Query results out, batch by batch. CSV and JSON are lossless (lists and structs as JSON,
exact decimals, whole strings); the table view is for reading: rich draws it, no value is ever
cut, and a table wider than the terminal is shown one record at a time instead."""
from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Iterable, TextIO
from uuid import UUID

Batches = Iterable[list[tuple]]


def plain(value):
    """A JSON-ready value that loses nothing: exact decimals stay exact, NaN stays NaN."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2 ** 53 else \
            (float(value) if Decimal(repr(float(value))) == value else str(value))
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (timedelta, UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _text(value) -> str:
    """One value as CSV or table text: nested values as JSON, booleans as SQL spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    value = plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def write_csv(columns: list[str], batches: Batches, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for batch in batches:
        writer.writerows(["" if v is None else _text(v) for v in row] for row in batch)
        count += len(batch)
    return count


def write_json(columns: list[str], batches: Batches, out: TextIO) -> int:
    """One JSON array of row objects, written as the rows come."""
    out.write("[")
    count = 0
    for batch in batches:
        for row in batch:
            out.write((", " if count else "") + json.dumps({c: plain(v) for c, v in zip(columns, row)},
                                                           ensure_ascii=False))
            count += 1
    out.write("]\n")
    return count


def cell(value) -> str:
    """A table cell: whole, on one line (runs of whitespace shown as one space)."""
    return "NULL" if value is None else " ".join(_text(value).split())


def write_table(columns: list[str], batches: Batches, out: TextIO, max_rows: int | None = None,
                width: int | None = None, wide: bool = False) -> int:
    """At most `max_rows` rows (a note says when there were more); aligned columns when they fit
    in `width` (None: any width) or with `wide`, else one record at a time, each value whole."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    rows, more = [], False
    for batch in batches:
        for row in batch:
            if max_rows is not None and len(rows) >= max_rows:
                more = True
                break
            rows.append([cell(v) for v in row])
        if more:
            break
    table = Table(*columns, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in table.columns:
        column.no_wrap, column.overflow = True, "ignore"
    for row in rows:
        table.add_row(*row)
    text = _render(table)
    if not (wide or width is None or max(map(cell_len, text.splitlines() or [""])) <= width):
        text = "".join(_record(number, columns, row) for number, row in enumerate(rows, 1))
    out.write(text)
    shown = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
    out.write(f"(first {shown} shown; --max-rows N shows more, --format csv or json gives all)\n" if more
              else f"({shown})\n")
    return len(rows)


def _record(number: int, columns: list[str], row: list[str]) -> str:
    """The pager-friendly layout: `column  value` lines per record, long values left whole for
    the terminal to wrap (a URL stays one line to copy)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, overflow="ignore")
    for name, value in zip(columns, row):
        grid.add_row(name, value)
    return f"-[ record {number} ]-\n" + _render(grid)


def _render(renderable) -> str:
    """Plain text of a rich renderable at its natural width, without trailing blanks."""
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=1_000_000, markup=False, emoji=False, highlight=False, color_system=None,
            soft_wrap=True).print(renderable)
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


def _text_of(writer, columns: list[str], rows: list[tuple], **options) -> str:
    buf = io.StringIO()
    writer(columns, [rows], buf, **options)
    return buf.getvalue()


FORMATTERS = {
    "table": lambda columns, rows: _text_of(write_table, columns, rows),
    "csv": lambda columns, rows: _text_of(write_csv, columns, rows),
    "json": lambda columns, rows: _text_of(write_json, columns, rows),
}
WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}
