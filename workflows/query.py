"""`rightswatch sql`: one read-only query, its rows streamed to standard output or to a file.

An output file can never be the warehouse or anything else in the home: `--out` refuses any
path inside the home and any existing file unless `--force`, and the rows go to a temporary
name beside it that is renamed into place only once complete."""
from __future__ import annotations

import os
import re
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from core.errors import BadInput
from reports.rows import WRITERS
from warehouse import query as warehouse_query
from warehouse.limits import DEFAULT as DEFAULT_LIMITS, Limits  # noqa: F401  DEFAULT_LIMITS: the CLI's defaults
from workflows.settings import Settings


_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.I)


@dataclass(frozen=True)
class View:
    """How the table format is shown: row cap, terminal width (None: any), aligned even if wider."""

    max_rows: int | None = 1000
    width: int | None = None
    wide: bool = False


def limits(timeout: float, memory: str) -> Limits:
    """The query's limits from the options; BadInput for a memory size DuckDB would not take."""
    if not _SIZE.fullmatch(memory.strip()):
        raise BadInput(f"--memory-limit: not a size (expected e.g. 512MB or 2GB): {memory!r}")
    return Limits(timeout=timeout, memory=memory.strip())


def check_out(settings: Settings, out: Path, force: bool) -> Path:
    """The output path, resolved, or BadInput when it is inside the home or exists without --force."""
    target = out.expanduser().resolve()
    home = settings.home.resolve()
    if target == home or target.is_relative_to(home):
        raise BadInput(f"--out: {out} is inside the rightswatch home {home}; write query results elsewhere")
    if target.is_dir():
        raise BadInput(f"--out: {out} is a directory; give a file name")
    if target.exists() and not force:
        raise BadInput(f"--out: {out} exists (--force replaces it)")
    return target


@contextmanager
def staged(target: Path, force: bool, suffix: str = "") -> Iterator[Path]:
    """A temporary file beside `target`, moved onto it when the block succeeds, removed otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix + ".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)  # an ordinary new file's mode, not mkstemp's private one
    try:
        yield tmp
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if the file appeared meanwhile: never overwrite unasked
            except FileExistsError:
                raise BadInput(f"--out: {target} appeared while the query ran (--force replaces it)") from None
    finally:
        tmp.unlink(missing_ok=True)


def run_sql(settings: Settings, query: str, fmt: str, out: Path | None, force: bool,
            limits: Limits, view: View, stdout: TextIO = sys.stdout) -> tuple[int, Path | None]:
    """Run the query and write its rows; returns the row count and the file written, if any."""
    warehouse_query.statement(query)  # bad query: said before anything is opened or created
    target = check_out(settings, out, force) if out is not None else None
    if fmt == "parquet":
        if target is None:
            raise BadInput("--format parquet needs --out FILE")
        with staged(target, force, ".parquet") as tmp:
            tmp.unlink()  # DuckDB creates it
            count = warehouse_query.to_parquet(settings.warehouse, query, tmp, limits)
        return count, target
    if target is None:
        return _write(settings, query, fmt, limits, view, stdout), None
    with staged(target, force) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            count = _write(settings, query, fmt, limits, View(max_rows=view.max_rows, wide=True), fh)
    return count, target


def _write(settings: Settings, query: str, fmt: str, limits: Limits, view: View,
           out: TextIO, con=None) -> int:
    with warehouse_query.results(settings.warehouse, query, limits, con) as result:
        if fmt == "table":
            return WRITERS["table"](result.columns, result.batches(), out, max_rows=view.max_rows,
                                    width=view.width, wide=view.wide)
        return WRITERS[fmt](result.columns, result.batches(), out)


def preview(settings: Settings, query: str, limits: Limits, max_rows: int,
            con=None) -> tuple[list[str], list[tuple], bool]:
    """The columns and first `max_rows` rows of one read-only query, and whether it has more: the
    desk's SQL page, through the same sandbox and limits as `rightswatch sql` (`con`: the desk's
    kept sandboxed connection, else one is opened for the query)."""
    warehouse_query.statement(query)
    settings.require_warehouse()
    rows: list[tuple] = []
    with warehouse_query.results(settings.warehouse, query, limits, con) as result:
        for batch in result.batches():
            rows.extend(batch)
            if len(rows) > max_rows:
                break
        return result.columns, rows[:max_rows], len(rows) > max_rows


def write_rows(settings: Settings, query: str, fmt: str, limits: Limits, out: TextIO, con=None) -> int:
    """Every row of one read-only query as CSV or JSON to `out` (the desk's download; `con` as for preview)."""
    warehouse_query.statement(query)
    settings.require_warehouse()
    return _write(settings, query, fmt, limits, View(max_rows=None, wide=True), out, con)
