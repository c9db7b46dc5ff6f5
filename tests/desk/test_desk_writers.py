"""The desk keeps its read-only connection open between pages, yet a writer in another process
(as `process` or `ingest`) gets the warehouse while pages are requested without pause, and the
desk then shows what it wrote."""
from __future__ import annotations

import shutil
import urllib.parse

from tests.support.desk import get, requested_without_pause, serving
from tests.support.writers import raw_open, write_probe

PAGES = ["/today", "/coverage", "/sources", "/sql?q=SELECT+count(*)+AS+n+FROM+articles"]


def test_a_writer_process_gets_the_warehouse_from_a_serving_desk_which_then_shows_its_rows(desk_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(desk_home[0], home)
    warehouse = home / "warehouse.duckdb"
    with serving(home) as (base, _):
        assert get(base + "/today")[0] == 200
        held = raw_open(warehouse)
        assert held.returncode != 0 and "lock" in held.stderr.lower()  # kept open between pages
        with requested_without_pause(base, PAGES) as statuses:
            wrote = [write_probe(warehouse, n, wait=20) for n in (41, 42)]
        assert [w.returncode for w in wrote] == [0, 0], [w.stderr[-800:] for w in wrote]
        assert statuses and set(statuses) == {200}
        code, _, body = get(base + "/sql?" + urllib.parse.urlencode({"q": "SELECT sum(n) AS total FROM probe"}))
        assert code == 200 and ">83<" in body.decode("utf-8").replace(" ", "")
        assert get(base + "/today")[0] == 200
