"""The analysts' views on the demo warehouse, and Parquet exports that can be redone."""
import re

import duckdb

from pipelines.tagging.tagging import RELEVANCE_THRESHOLD
from tests.support.cli import run_cli
from tests.support.project import PROJECT
from warehouse import query


def test_digest_threshold_is_the_taggers():
    text = (PROJECT / "warehouse" / "views" / "daily_digest.sql").read_text(encoding="utf-8")
    assert float(re.search(r"relevance >= ([0-9.]+)", text).group(1)) == RELEVANCE_THRESHOLD


def test_story_timeline_orders_each_story(demo_home):
    home, _, _ = demo_home
    _, rows = query.run(home / "warehouse.duckdb",
                        "SELECT cluster_id, position, dated, outlet, language FROM story_timeline "
                        "ORDER BY cluster_id, position")
    by_story = {}
    for cluster_id, position, dated, outlet, language in rows:
        by_story.setdefault(cluster_id, []).append((position, dated))
        assert outlet and language
    for entries in by_story.values():
        assert [p for p, _ in entries] == list(range(1, len(entries) + 1))


def test_daily_digest_is_one_row_per_relevant_story(demo_home):
    home, _, _ = demo_home
    _, rows = query.run(home / "warehouse.duckdb", "SELECT cluster_id, relevance FROM daily_digest")
    assert rows and len({r[0] for r in rows}) == len(rows)
    assert all(r[1] >= RELEVANCE_THRESHOLD for r in rows)


def test_export_is_partitioned_by_day_and_idempotent(demo_home, tmp_path):
    home, _, _ = demo_home
    out = tmp_path / "exports"
    for _ in range(2):
        result = run_cli("export", "--out", str(out), home=home)
        assert result.returncode == 0, result.stderr
    days = sorted(p.name for p in (out / "articles").iterdir())
    assert days and all(re.fullmatch(r"day=\d{4}-\d{2}-\d{2}", d) for d in days)
    exported = duckdb.connect().execute(
        "SELECT count(*), count(DISTINCT article_id) FROM read_parquet(?, hive_partitioning = true)",
        [str(out / "articles" / "*" / "*.parquet")]).fetchone()
    _, stored = query.run(home / "warehouse.duckdb", "SELECT count(*) FROM articles")
    assert exported == (stored[0][0], stored[0][0])
