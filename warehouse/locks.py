"""Who may use the warehouse when. Writers of one home (process, ingest, report, Dagster's load)
take turns through one lock file for their whole read-process-write cycle, so two never load the
same landing run or save the story index at once; anyone waiting (for that lock, or for DuckDB's
own file lock held by another process) says for whom, on stderr, once."""
from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

LOCK_FILE = "writer.lock"
POLL_SECONDS = 0.2
_held: dict[tuple[str, int], int] = {}  # (lock file, thread) -> depth: a holder may nest


def notice(message: str) -> None:
    """Where waiting is reported: stderr, so stdout stays the command's output."""
    print(f"rightswatch: {message}", file=sys.stderr, flush=True)


def describe(pid: int | None) -> str:
    """`PID 123 (rightswatch sql)`: whom a waiter waits for, from the process's command line."""
    if not pid:
        return "another process"
    try:
        words = [w.decode("utf-8", "replace") for w in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if w]
    except OSError:
        return f"PID {pid}"
    for i, word in enumerate(words):
        if word.endswith(("rightswatch", "rightswatch.cli")):
            return f"PID {pid} (rightswatch {_subcommand(words[i + 1:])})".replace(" )", ")")
    return f"PID {pid} ({' '.join([Path(words[0]).name, *words[1:3]])[:60] if words else '?'})"


def _subcommand(args: list[str]) -> str:
    i = 0
    while i < len(args):
        if args[i] == "--home":
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            return args[i]
    return ""


@contextmanager
def writer(home: Path, what: str = "", wait: float | None = None,
           on_wait: Callable[[str], None] = notice) -> Iterator[None]:
    """Hold the home's writer lock for the block (re-entrant in one thread); wait for it while
    another writer holds it, `wait` seconds at most (None: as long as it takes)."""
    path = Path(home) / LOCK_FILE
    key = (str(path), threading.get_ident())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, wait, on_wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {what}\n".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed


def _acquire(fd: int, wait: float | None, on_wait: Callable[[str], None]) -> None:
    started, told = time.monotonic(), False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(fd)
        if not told:
            on_wait(f"waiting for {describe(holder)} to finish writing to the warehouse…")
            told = True
        if wait is not None and time.monotonic() - started >= wait:
            raise TimeoutError(f"{describe(holder)} kept writing to the warehouse for {wait:g} s")
        time.sleep(POLL_SECONDS)


def _holder(fd: int) -> int | None:
    try:
        first = os.pread(fd, 64, 0).split()
        return int(first[0]) if first else None
    except (OSError, ValueError):
        return None
