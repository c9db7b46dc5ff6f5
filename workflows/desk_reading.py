"""How the desk reads: the process's one kept, sandboxed, read-only connection per warehouse
(warehouse/shared_reader.py), a cursor of it for each page, and the search index kept open until
`process` changes it."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from warehouse import search_index
from warehouse.limits import Limits
from warehouse.query import settings_of
from warehouse.shared_reader import SharedReader
from workflows.settings import Settings

READ_WAIT_SECONDS = 8.0  # a page waits this long for a writer (a load takes seconds), then says busy
SQL_LIMITS = Limits(timeout=20.0, memory="512MB", wait=READ_WAIT_SECONDS)  # the sandbox of every page

_readers: dict[str, SharedReader] = {}
_indexes: dict[str, tuple[tuple, object]] = {}
_guard = threading.Lock()


def shared(settings: Settings, warm: Callable | None = None) -> SharedReader:
    """The warehouse's kept connection (made on first use; `warm` is run after each open)."""
    path = settings.require_warehouse()
    with _guard:
        if str(path) not in _readers:
            _readers[str(path)] = SharedReader(path, settings_of(SQL_LIMITS), READ_WAIT_SECONDS, warm)
        return _readers[str(path)]


def stop() -> None:
    """Close the kept connections (the server is stopping)."""
    with _guard:
        readers = list(_readers.values())
        _readers.clear()
    for reader in readers:
        reader.close()


@contextmanager
def reading(settings: Settings) -> Iterator:
    """A cursor on the kept read-only connection, for one page."""
    with shared(settings).cursor() as con:
        yield con


def index(settings: Settings):
    """The search index, opened again only when `process` has changed it (its meta.json or
    state.json); None when there is none."""
    path = search_index.index_path(settings.home)
    try:
        stamp = ((path / "meta.json").stat().st_mtime_ns, (path / "state.json").stat().st_mtime_ns)
    except OSError:
        return None
    with _guard:
        found = _indexes.get(str(path))
        if found is None or found[0] != stamp:
            found = _indexes[str(path)] = (stamp, search_index.open_index(path))
        return found[1]
