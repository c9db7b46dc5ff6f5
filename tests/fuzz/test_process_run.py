"""A whole `process` run with generated hostile documents among good ones: the run never stops,
every good article loads, and every landed line is accounted for (article, duplicate, not an
article, or set aside with its reason in `unreadable_documents`)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.hostile_documents import GOOD, good_items, hostile_item, landing_run
from tests.support.strategies import EXAMPLES, FUZZ
from workflows.process import process_landed
from workflows.settings import Settings

RUNS = max(5, EXAMPLES // 10)  # a whole run (warehouse, models) per example: fewer than a parser's


@st.composite
def hostile_runs(draw) -> list[str]:
    hostile = [draw(hostile_item(n)) for n in range(draw(st.integers(1, 6)))]
    lines = [json.dumps(i) for i in good_items()]
    for line in hostile:  # among the good ones, not only after them
        lines.insert(draw(st.integers(0, len(lines))), line)
    return lines


@settings(FUZZ, max_examples=RUNS)
@given(hostile_runs())
def test_a_process_run_loads_the_good_among_the_hostile(lines):
    with tempfile.TemporaryDirectory(prefix="fuzz-run-") as tmp:
        home = Path(tmp)
        landing_run(home, "20261120T080000Z-fuzz01", lines)
        summary = process_landed(Settings(home=home), progress=lambda _: None)
        assert summary.failed_runs == []
        con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
        try:
            loaded = {row[0] for row in con.execute("SELECT url FROM articles").fetchall()}
            assert {url for url, _, _ in GOOD} <= loaded
            unreadable = con.execute("SELECT count(*), count(*) FILTER (WHERE reason = '') "
                                     "FROM unreadable_documents").fetchone()
            status, items, failures = con.execute("SELECT status, items, failures FROM loaded_runs").fetchone()
        finally:
            con.close()
        assert status == "loaded" and items == len(lines) and failures == unreadable[0] and unreadable[1] == 0
        assert summary.articles + summary.duplicates + summary.not_articles + len(summary.failures) \
            + sum(map(_gone, lines)) == len(lines)
        assert process_landed(Settings(home=home), progress=lambda _: None).runs == 0  # never again


def _gone(line: str) -> bool:
    """A 404/410 answer is evidence about a stored article (here: about none), not a document."""
    try:
        return json.loads(line).get("status") in (404, 410)
    except (ValueError, AttributeError):
        return False
