"""Every analysis view and cookbook query on a warehouse whose stories, articles, languages and
outlets per day and country are known (tests/support/known_warehouse.py): a story is counted
once however many articles, languages and outlets carry it."""
import re
from collections import defaultdict
from datetime import date, datetime

import pytest

from tests.support import known_warehouse as kw
from tests.support.project import PROJECT
from warehouse import query

COOKBOOK = PROJECT / "docs" / "analyst-cookbook.md"
QUESTIONS = {int(n): sql for n, sql in
             re.findall(r"^## (\d+)\. .+?\n\n```sql\n(.+?)```", COOKBOOK.read_text(encoding="utf-8"), re.S | re.M)}
D1, D2, D3, D4 = (date.fromisoformat(d) for d in (kw.DAY1, kw.DAY2, kw.DAY3, kw.DAY4))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("known") / "warehouse.duckdb"
    now = kw.build(path)
    return path, now


def rows_of(path, sql) -> list[dict]:
    columns, rows = query.run(path, sql)
    return [dict(zip(columns, row)) for row in rows]


def facets(*extra: str) -> dict[tuple, dict]:
    """The oracle: per day x country x topic (x extra fields), the sets counted, from ROWS alone."""
    cells: dict[tuple, dict] = defaultdict(lambda: {"stories": set(), "articles": set(), "languages": set(),
                                                    "outlets": set()})
    for r in kw.ROWS:
        for country in r.countries or (None,):
            for topic in r.topics or (None,):
                key = (date.fromisoformat(r.day), country, topic) + tuple(getattr(r, e) for e in extra)
                cell = cells[key]
                cell["stories"].add(r.story)
                cell["articles"].add(r.article_id)
                cell["languages"].add(r.language)
                cell["outlets"].add(r.outlet)
    return {k: {name: len(v) for name, v in cell.items()} for k, cell in cells.items()}


def test_coverage_daily_counts_each_story_once_per_day_country_and_topic(warehouse):
    path, _ = warehouse
    got = {(r["day"], r["country"], r["topic"]): {k: r[k] for k in ("stories", "articles", "languages", "outlets")}
           for r in rows_of(path, "SELECT * FROM coverage_daily")}
    assert got == facets()
    # the Almaty rally in three languages from two outlets, and the NGO review: two stories, not six
    assert got[D1, "KZ", "assembly"] == {"stories": 2, "articles": 4, "languages": 3, "outlets": 3}


@pytest.mark.parametrize("view, field", [("coverage_daily_language", "language"),
                                          ("coverage_daily_source", "outlet")])
def test_finer_grains_are_their_own_views(warehouse, view, field):
    path, _ = warehouse
    column = "source_id" if field == "outlet" else field
    got = {(r["day"], r["country"], r["topic"], r[column]): (r["stories"], r["articles"])
           for r in rows_of(path, f"SELECT * FROM {view}")}
    assert got == {k: (v["stories"], v["articles"]) for k, v in facets(field).items()}


def test_article_facets_has_one_row_per_article_country_and_topic(warehouse):
    path, _ = warehouse
    got = rows_of(path, "SELECT article_id, country, topic FROM article_facets")
    expected = [(r.article_id, c, t) for r in kw.ROWS for c in r.countries or (None,) for t in r.topics or (None,)]
    assert sorted((r["article_id"], r["country"] or "", r["topic"] or "") for r in got) == \
        sorted((a, c or "", t or "") for a, c, t in expected)


def test_first_reports_carry_the_storys_relevance_and_topics(warehouse):
    path, _ = warehouse
    got = {r["cluster_id"]: r for r in rows_of(path, "SELECT * FROM first_reports")}
    assert {k: v["article_id"] for k, v in got.items()} == {
        "s1": "a01", "s2": "a05", "s3": "a08", "s4": "a10", "s5": "a12", "s6": "a13", "s7": "a14"}
    assert got["s2"]["relevance"] == 0.9 and got["s2"]["topics"] == ["assembly", "lgbt"]
    assert got["s2"]["countries"] == ["AM", "BY", "KG", "KZ"] and got["s2"]["size"] == 3
    relevant = rows_of(path, "SELECT cluster_id FROM first_reports WHERE relevance >= 0.5 ORDER BY 1")
    assert [r["cluster_id"] for r in relevant] == ["s1", "s2", "s3", "s4", "s6"]


def test_source_health_error_rate_is_the_share_of_failed_requests(warehouse):
    path, now = warehouse
    got = {r["source_id"]: r for r in rows_of(path, "SELECT * FROM source_health")}
    assert {k: v["error_rate"] for k, v in got.items()} == {
        "dala": 0.125, "wire": 1.0, "alatoo": 0.0, "mtats": 0.25, "obs": 0.0}  # dala: 1 of 3+1+1+2+1
    assert {k: (v["runs"], v["failed_runs"]) for k, v in got.items()} == {
        "dala": (2, 0), "wire": (1, 1), "alatoo": (1, 0), "mtats": (1, 0), "obs": (1, 0)}
    assert got["wire"]["last_success"] is None
    stamp = got["dala"]["last_item_at"]
    assert stamp.utcoffset().total_seconds() == 0 and stamp.replace(tzinfo=None) == now
    assert got["obs"]["days_silent"] == (now.date() - D1).days


def test_story_timeline_and_daily_digest(warehouse):
    path, _ = warehouse
    timeline = rows_of(path, "SELECT article_id, position FROM story_timeline WHERE cluster_id = 's1'")
    assert sorted((r["position"], r["article_id"]) for r in timeline) == [(1, "a01"), (2, "a02"), (3, "a03"), (4, "a04")]
    digest = rows_of(path, "SELECT cluster_id, articles FROM daily_digest")
    assert [(r["cluster_id"], r["articles"]) for r in digest] == [("s4", 2), ("s6", 1)]


def rows_by_id(*ids: str) -> list:
    by_id = {row.article_id: row for row in kw.ROWS}
    return [by_id[i] for i in ids]


# Each cookbook question's answer on the known warehouse: the columns named, in the query's order.
EXPECTED = {
    1: (("title",), [("თბილისის მერიამ მარშზე უარი თქვა",), ("В Алматы снова задержали пикетчиков",)]),
    2: (("week", "stories", "articles"), [(datetime(2026, 3, 2), 2, 5), (datetime(2026, 3, 9), 1, 1)]),
    3: (("first_outlet", "articles"), [("mtats", 2), ("alatoo", 2), ("obs", 3), ("dala", 4)]),
    4: (("source_id", "error_rate"), [("obs", 0.0), ("alatoo", 0.0), ("wire", 1.0), ("mtats", 0.25), ("dala", 0.125)]),
    5: (("cluster_id", "size"), [("s1", 4), ("s2", 3), ("s3", 2), ("s4", 2)]),
    6: (("source_id", "language"), [("alatoo", "ky"), ("obs", "en")]),
    7: (("organization", "articles", "stories"), [("Rights Observatory", 3, 1)]),
    8: (("country", "stories", "articles", "first_day", "last_day"), [("KZ", 2, 5, D1, D4)]),
    9: (("source_id", "languages", "articles"), [("mtats", ["en", "ka"], 2)]),
    10: (("position", "language"), [(1, "kk"), (2, "ru"), (3, "en"), (4, "ru")]),
    11: (("first_outlet", "follower", "stories"), [("dala", "wire", 1), ("obs", "alatoo", 1), ("obs", "dala", 1)]),
    12: (("language", "stories", "articles"), [("en", 3, 3), ("ru", 3, 4), ("kk", 2, 2), ("ky", 2, 2), ("ka", 1, 1)]),
    13: (("report_index", "articles"), [("RO 01/2026", 3)]),
    14: (("day", "country", "stories", "articles"), [(D3, "GE", 1, 2), (D2, "KG", 1, 2)]),
    15: (("source_id", "items", "errors", "status"), [("mtats", 4, 2, "ok"), ("wire", 0, 1, "failed"),
                                                      ("alatoo", 3, 0, "ok"), ("dala", 2, 0, "ok"), ("obs", 1, 0, "ok")]),
    16: (("languages",), [(["en", "ka"],), (["en", "kk", "ky"],)]),
    17: (("title", "relevance"), [(row.title, row.relevance) for row in rows_by_id("a10", "a11", "a13", "a09", "a08",
                                                                                 "a04", "a07", "a06", "a05", "a03",
                                                                                 "a02", "a01")]),
    18: (("cluster_id", "matched"), [("s3", 2), ("s1", 2)]),
    19: (("cluster_id", "languages"), [("s3", ["ky", "ru"])]),
}


def test_every_cookbook_question_has_a_known_answer():
    assert sorted(QUESTIONS) == sorted(EXPECTED)


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_cookbook_answers_on_the_known_warehouse(warehouse, number):
    path, _ = warehouse
    fields, expected = EXPECTED[number]
    got = rows_of(path, QUESTIONS[number])
    assert [tuple(r[f] for f in fields) for r in got] == expected
