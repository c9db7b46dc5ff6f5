"""One sandboxed read-only connection kept open by a long-running reader (the desk) and shared by
its requests, let go the moment a writer wants the warehouse.

DuckDB keeps its cache with the open database, so a connection opened per request reads the
warehouse cold every time; but while any connection is open no other process may write (DuckDB
lets a writer in only when no reader holds the file). So the kept connection gives way: every
writer keeps `<warehouse>.writer-waiting` fresh while it waits (warehouse/db.py), a watcher thread
looks for it every WATCH_SECONDS and closes the connection as soon as the requests using it are
done, and requests meanwhile wait for the writer rather than reopen under it. A marker older than
STALE_SECONDS is a crashed writer's and is ignored. The connection is also closed after
IDLE_SECONDS without requests, and reopened by the next one.

Requests get a cursor each (DuckDB runs them side by side on the one database, with one cache);
the sandbox (no file, network or extension access; memory, threads and spill space fixed) is set
once on the database and locked, so it holds for every cursor."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from core.errors import Failure
from warehouse import db, sql

WATCH_SECONDS = 0.1
STALE_SECONDS = 3.0
IDLE_SECONDS = 30.0


class SharedReader:
    """The kept connection of one warehouse. `settings`: the sandbox's memory, threads and
    temp_space; `wait`: how long a request waits for a writer before it fails as busy; `warm`,
    if given, is run on a cursor in the background after each open (reading what the first
    pages will read, so their cache is not cold); it is interrupted when a writer comes. `idle`:
    seconds without a request after which the connection is closed."""

    def __init__(self, path: Path, settings: dict, wait: float,
                 warm: Callable[[duckdb.DuckDBPyConnection], None] | None = None, idle: float = IDLE_SECONDS):
        self.path, self.settings, self.wait, self.warm, self.idle = Path(path), settings, wait, warm, idle
        self.marker = db.waiting_marker(self.path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = time.monotonic()
        self._closing = False
        self._warming: duckdb.DuckDBPyConnection | None = None
        self._state = threading.Condition()
        self._watcher: threading.Thread | None = None
        self._stopped = threading.Event()
        self.opened = 0  # how many times the connection was opened (its tests read it)

    # --- for requests ---------------------------------------------------------------------------

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the kept connection (opened if need be) for one request."""
        deadline = time.monotonic() + self.wait
        with self._state:
            while self._closing or self._con is None and self.writer_waiting():
                if time.monotonic() >= deadline:
                    raise Failure(f"the warehouse stayed busy for {self.wait:g} s (a writer is loading it); "
                                  "try again when it is done")
                self._state.wait(WATCH_SECONDS / 2)
            if self._con is None:
                self._open(max(deadline - time.monotonic(), 0.0))
            cursor = self._con.cursor()
            self._users += 1
        try:
            yield cursor
        finally:
            cursor.close()
            with self._state:
                self._users -= 1
                self._last_used = time.monotonic()
                self._state.notify_all()

    def start(self) -> None:
        """Open now (and warm in the background) rather than on the first request."""
        with self._state:
            if self._con is None and not self.writer_waiting():
                self._open(self.wait)

    def close(self) -> None:
        """Close the connection and stop the watcher (the server is stopping)."""
        self._stopped.set()
        self._release()

    # --- the watcher ----------------------------------------------------------------------------

    def writer_waiting(self) -> bool:
        """A writer waits for the warehouse: its marker exists and is fresh."""
        try:
            return time.time() - self.marker.stat().st_mtime < STALE_SECONDS
        except OSError:
            return False

    def is_open(self) -> bool:
        return self._con is not None

    def _open(self, wait: float) -> None:
        """Called holding the state lock."""
        self._con = con = db.open_reader(self.path, wait=wait, sandbox=True, settings=self.settings)
        self.opened += 1
        self._last_used = time.monotonic()
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="shared-reader-watcher", daemon=True)
            self._watcher.start()
        if self.warm is not None:
            threading.Thread(target=self._warm, args=(con,), name="shared-reader-warm", daemon=True).start()

    def _warm(self, con: duckdb.DuckDBPyConnection) -> None:
        """Warm once the pages being read are done: a page that reopened the connection warms
        it itself, and would share the machine with a warm-up reading the same."""
        with self._state:
            while self._users and self._con is con and not self._closing:
                self._state.wait(WATCH_SECONDS)
            if self._con is not con or self._closing:
                return
            self._warming = cursor = con.cursor()
            self._users += 1
        try:
            self.warm(cursor)
        except duckdb.Error:
            pass  # interrupted by a writer's arrival, or the warehouse changed shape: only a warm-up
        finally:
            cursor.close()
            with self._state:
                self._warming = None
                self._users -= 1
                self._state.notify_all()

    def _watch(self) -> None:
        while not self._stopped.wait(WATCH_SECONDS):
            with self._state:
                if self._con is None:
                    continue
                idle = self._users == 0 and time.monotonic() - self._last_used >= self.idle
            if idle or self.writer_waiting():
                self._release()

    def _release(self) -> None:
        """Close once the requests using the connection are done (a warm-up is interrupted)."""
        with self._state:
            if self._con is None:
                return
            self._closing = True
            if self._warming is not None:
                self._warming.interrupt()
            while self._users:
                self._state.wait(WATCH_SECONDS)
            try:
                self._con.close()
            finally:
                self._con, self._closing = None, False
                self._state.notify_all()
