"""The tantivy search index over a real warehouse: built, refreshed incrementally, rebuilt when its
analyzer changes, and searched one story per line with filters."""
from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from pipelines.models import Batch
from pipelines.search import analyze, query as q
from tests.support import known_warehouse as kw
from warehouse import db, load, search_index, search_query


@pytest.fixture
def home(tmp_path):
    kw.build(tmp_path / "warehouse.duckdb")
    return tmp_path


def _search(home, text, filters=search_query.Filters()):
    index = search_index.open_index(search_index.index_path(home))
    hits = search_query.articles(index, q.parse(text, analyze.words), filters)
    with db.reader(home / "warehouse.duckdb") as con:
        return search_query.stories(con, hits, 20)


def _refresh(home, **kwargs):
    with db.writer(home / "warehouse.duckdb") as con:
        return search_index.refresh(con, home, **kwargs)


def test_build_then_refresh_only_what_is_new(home):
    first = _refresh(home)
    assert (first.indexed, first.rebuilt, first.total) == (len(kw.ROWS), True, len(kw.ROWS))
    again = _refresh(home)
    assert (again.indexed, again.rebuilt, again.total) == (0, False, len(kw.ROWS))
    row = replace(kw.ROWS[0], article_id="a15", story="s8", title="Шымкентте митинг өтті")
    now = kw.utc_now() + timedelta(minutes=5)
    with db.writer(home / "warehouse.duckdb") as con:
        load.load_batch(con, Batch(run_id="r3", items=1, articles=[kw._article(row, now, "r3")],
                                   manifest=kw._manifest("r3", {"dala": (1, 1, 0, "ok")}, now)))
    added = _refresh(home)
    assert (added.indexed, added.rebuilt, added.total) == (1, False, len(kw.ROWS) + 1)


def test_a_changed_analyzer_rebuilds(home, monkeypatch):
    _refresh(home)
    monkeypatch.setattr(analyze, "ANALYZER_VERSION", analyze.ANALYZER_VERSION + 1)
    assert _refresh(home).rebuilt


def test_one_line_per_story_across_languages_and_forms(home):
    _refresh(home)
    stories = _search(home, "митинг")
    assert {s["cluster_id"] for s in stories} == {"s1", "s3"}  # митингке, митинга, митингге, митинги
    s1 = next(s for s in stories if s["cluster_id"] == "s1")
    assert s1["matched"] == 2 and set(s1["languages"]) == {"kk", "ru", "en"}
    assert s1["first_reported"].startswith(kw.DAY1)


def test_filters_of_the_query_and_of_the_caller(home):
    _refresh(home)
    assert {s["cluster_id"] for s in _search(home, "митинг country:KG")} == {"s3"}
    assert {s["cluster_id"] for s in _search(home, "митинг", search_query.Filters(languages=("kk",)))} == {"s1"}
    assert {s["cluster_id"] for s in _search(home, "митинг -парламент*")} == {"s1"}
    assert {s["cluster_id"] for s in _search(home, "Алматы topic:detention")} == {"s1", "s6"}
    day3 = calendar.timegm(datetime.fromisoformat(kw.DAY3).timetuple())
    assert {s["cluster_id"] for s in _search(home, "Tbilisi OR Алматы", search_query.Filters(since_epoch=day3))} \
        == {"s4", "s6"}


def test_phrases_near_and_prefixes(home):
    _refresh(home)
    assert {s["cluster_id"] for s in _search(home, '"equality march"')} == {"s4"}
    assert not _search(home, '"march equality"')
    assert {s["cluster_id"] for s in _search(home, "суд NEAR/3 парламента")} == {"s3"}
    assert {s["cluster_id"] for s in _search(home, "парламент NEAR/3 суд")} == {"s3"}  # either order
    assert {s["cluster_id"] for s in _search(home, "Tbil*")} == {"s4"}
