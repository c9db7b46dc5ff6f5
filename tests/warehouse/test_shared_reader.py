"""The desk's kept read-only connection (warehouse/shared_reader.py) against real writer processes:
it holds the warehouse between requests, lets a waiting writer in while requests keep coming, sees
what the writer wrote, ignores a crashed writer's stale marker, closes when idle, never writes."""
from __future__ import annotations

import hashlib
import os
import threading
import time

import pytest

from core.errors import Failure
from tests.support.writers import raw_open, write_probe
from warehouse import db
from warehouse.shared_reader import STALE_SECONDS, SharedReader

SANDBOX = {"memory": "256MB", "threads": 1, "temp_space": "1GB"}


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    db.ensure(path)
    return path


def _until(done, seconds: float = 60.0) -> bool:
    """Whether `done()` came true within `seconds` (a bound for a hung test, not a speed check)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return False


def _count(reader: SharedReader) -> int:
    with reader.cursor() as con:
        return con.execute("SELECT count(*) FROM probe").fetchone()[0]


def test_a_writer_process_gets_the_warehouse_while_requests_keep_coming_and_its_rows_are_seen(warehouse):
    assert write_probe(warehouse, 1, wait=30).returncode == 0
    reader = SharedReader(warehouse, SANDBOX, wait=30)
    assert _count(reader) == 1
    held = raw_open(warehouse)
    assert held.returncode != 0 and "lock" in held.stderr.lower()  # the connection is kept between requests
    answered, failed, stop = [], [], threading.Event()

    def requests():
        while not stop.is_set():
            try:
                answered.append(_count(reader))
            except Exception as exc:  # noqa: BLE001 - every failure is reported below
                failed.append(exc)
    serving = threading.Thread(target=requests)
    serving.start()
    try:
        wrote = [write_probe(warehouse, n, wait=15) for n in (2, 3)]
    finally:
        stop.set()
        serving.join()
    assert [w.returncode for w in wrote] == [0, 0], [w.stderr[-500:] for w in wrote]
    assert not failed and answered
    assert _count(reader) == 3
    assert reader.opened >= 3  # let go for each writer, reopened by the next request
    assert not db.waiting_marker(warehouse).exists()
    reader.close()


def test_a_request_waits_for_a_waiting_writer_rather_than_reopening_under_it(warehouse):
    reader = SharedReader(warehouse, SANDBOX, wait=0.5)
    reader.start()
    assert reader.is_open()
    db.waiting_marker(warehouse).touch()
    assert _until(lambda: not reader.is_open())
    with pytest.raises(Failure, match="busy"):
        with reader.cursor():
            pass
    assert not reader.is_open()
    db.waiting_marker(warehouse).unlink()
    with reader.cursor() as con:
        assert con.execute("SELECT 1").fetchone() == (1,)
    assert reader.opened == 2
    reader.close()


def test_a_crashed_writers_stale_marker_is_ignored(warehouse):
    marker = db.waiting_marker(warehouse)
    marker.touch()
    old = time.time() - STALE_SECONDS - 10
    os.utime(marker, (old, old))
    reader = SharedReader(warehouse, SANDBOX, wait=0.5)
    with reader.cursor() as con:
        assert con.execute("SELECT 1").fetchone() == (1,)
    time.sleep(0.5)  # several of the watcher's looks
    assert reader.is_open() and reader.opened == 1
    reader.close()


def test_an_idle_connection_is_closed_and_reopened_by_the_next_request(warehouse):
    reader = SharedReader(warehouse, SANDBOX, wait=5, idle=0.3)
    reader.start()
    assert _until(lambda: not reader.is_open())
    assert raw_open(warehouse).returncode == 0  # nothing holds the file now
    with reader.cursor() as con:
        assert con.execute("SELECT 1").fetchone() == (1,)
    assert reader.opened == 2
    reader.close()


def test_the_kept_connection_is_sandboxed_in_utc_and_writes_nothing(warehouse, tmp_path):
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    warmed = threading.Event()
    reader = SharedReader(warehouse, SANDBOX, wait=5, warm=lambda con: (con.execute("SELECT 1"), warmed.set()))
    reader.start()
    assert _until(warmed.is_set)
    outside = tmp_path / "out.csv"
    with reader.cursor() as con:
        assert con.execute("SELECT current_setting('TimeZone')").fetchone()[0] == "UTC"
        for statement in ("SET enable_external_access = true", "CREATE TABLE t (n INTEGER)",
                          f"COPY (SELECT 1) TO '{outside}'"):
            with pytest.raises(Exception):
                con.execute(statement)
    reader.close()
    assert not outside.exists()
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
