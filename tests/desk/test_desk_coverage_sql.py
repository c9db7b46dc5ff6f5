"""The Coverage page's queries, which choose the window's articles before unnesting their countries
and topics, count exactly what the coverage_daily and article_facets views count."""
from __future__ import annotations

from datetime import timedelta

from warehouse import db, load, sql

COUNTRIES = ["KZ", "KG", "UZ", "RU"]
TOPICS = ["lgbt", "assembly", "expression"]

BY_TOPIC = """SELECT day, country, topic, stories, articles FROM coverage_daily
WHERE day BETWEEN $first_day AND $last_day AND list_contains($countries, country)
  AND list_contains($topics, topic) ORDER BY day, country, topic"""
BY_LANGUAGE = """SELECT day, language, count(DISTINCT cluster_id) AS stories, count(DISTINCT article_id) AS articles
FROM article_facets WHERE day BETWEEN $first_day AND $last_day AND list_contains($countries, country)
  AND list_contains($topics, topic) GROUP BY day, language ORDER BY day, language"""


def test_coverage_queries_count_as_the_views_do(desk_home):
    with db.reader(desk_home[0] / "warehouse.duckdb") as con:
        compared = 0
        last = con.execute(sql.query("desk_coverage_last_day")).fetchone()[0]
        for days, countries, topics in ((30, COUNTRIES, TOPICS), (400, COUNTRIES[:1], TOPICS[1:2]),
                                        (3, ["AM"], ["lgbt"])):
            params = {"first_day": last - timedelta(days=days), "last_day": last, "countries": countries,
                      "topics": topics}
            mine = load.fetch_dicts(con, sql.query("desk_coverage_topics"), params)
            assert mine == load.fetch_dicts(con, BY_TOPIC, params)
            compared += len(mine)
            assert load.fetch_dicts(con, sql.query("desk_coverage_languages"), params) == \
                load.fetch_dicts(con, BY_LANGUAGE, params)
        assert compared > 0
