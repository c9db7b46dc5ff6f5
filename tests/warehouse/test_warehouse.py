"""Migrations, idempotent loading, the views and read-only SQL on real DuckDB files."""
from datetime import datetime, timezone

import duckdb
import pytest

from core.errors import BadInput
from pipelines import process
from pipelines.models import Batch
from tests.support.articles import MANIFEST, make_article
from warehouse import db, load, query, sql


def counts(path):
    with db.reader(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # test-only introspection
                for t in ("articles", "clusters", "sources", "crawl_runs", "loaded_runs")}


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.writer(path) as con:
        versions = [r[0] for r in con.execute(sql.query("applied_migrations")).fetchall()]
    with db.writer(path) as con:
        again = [r[0] for r in con.execute(sql.query("applied_migrations")).fetchall()]
    assert versions == again == [p.stem for p in sql.migrations()]


def test_load_is_idempotent_and_clusters_are_derived(tmp_path):
    path = tmp_path / "w.duckdb"
    first = make_article(1, published=datetime(2026, 11, 19, tzinfo=timezone.utc))
    second = make_article(2, cluster=first.article_id, lang="kk")
    batch = Batch(run_id=MANIFEST["run_id"], items=2, articles=[first, second], manifest=MANIFEST)
    with db.writer(path) as con:
        assert load.load_batch(con, batch) == 2
    before = counts(path)
    with db.writer(path) as con:
        assert load.load_batch(con, batch) == 0
    assert counts(path) == before == {"articles": 2, "clusters": 1, "sources": 1, "crawl_runs": 1,
                                      "loaded_runs": 1}
    with db.reader(path) as con:
        row = con.execute("SELECT first_article_id, languages, size FROM clusters").fetchone()
        assert row == (first.article_id, ["kk", "ru"], 2)
        first_report = con.execute("SELECT article_id FROM first_reports").fetchall()
        assert first_report == [(first.article_id,)]
        coverage = con.execute("SELECT sum(articles) FROM coverage_daily WHERE country = 'KG' "
                               "AND topic = 'detention'").fetchone()[0]
        assert coverage == 2
        health = con.execute("SELECT runs, items_per_run, error_rate FROM source_health").fetchone()
        assert health == (1, 2.0, 0.0)


def test_the_terms_behind_relevance_are_stored_per_article(tmp_path):
    path = tmp_path / "w.duckdb"
    article = make_article(7)
    article.title = "В Бишкеке задержали участников пикета"
    process.tag_articles([article])
    with db.writer(path) as con:
        load.load_batch(con, Batch(run_id="r", items=1, articles=[article]))
    with db.reader(path) as con:
        terms = con.execute("SELECT relevance_terms FROM articles").fetchone()[0]  # test-only read-back
    assert {"assembly: пикета", "detention: задержали", "KG: Бишкеке"} <= set(terms)


def test_failed_batch_leaves_nothing(tmp_path):
    path = tmp_path / "w.duckdb"
    broken = make_article(3)
    broken.cluster_id = None  # violates NOT NULL mid-transaction
    batch = Batch(run_id="r", items=2, articles=[make_article(4), broken], manifest=MANIFEST)
    with db.writer(path) as con:
        with pytest.raises(duckdb.Error):
            load.load_batch(con, batch)
    assert counts(path)["articles"] == 0 and counts(path)["loaded_runs"] == 0


def test_known_state_reads_back_urls_hashes_and_recent(tmp_path):
    path = tmp_path / "w.duckdb"
    article = make_article(5, published=datetime.now(timezone.utc))
    with db.writer(path) as con:
        load.load_batch(con, Batch(run_id="r", items=1, articles=[article]))
        known = load.known_state(con)
        assert load.loaded_run_ids(con) == {"r"}
    assert article.canonical_url in known.canonical_urls
    assert known.hashes[article.content_hash] == article.article_id
    assert known.index.ids == [article.article_id]


def test_sql_is_read_only_and_bad_queries_are_bad_input(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.writer(path) as con:
        load.load_batch(con, Batch(run_id="r", items=1, articles=[make_article(6)]))
    columns, rows = query.run(path, "SELECT topics, countries FROM articles")
    assert columns == ["topics", "countries"] and rows == [(["assembly", "detention"], ["KG"])]
    for bad in ("DELETE FROM articles", "DROP TABLE articles", "CREATE TABLE x (a INT)",
                "INSERT INTO alerts VALUES ('a','b','c',now(),'d')", "SELECT 1; DELETE FROM articles",
                "ATTACH 'other.duckdb'", "COPY articles TO 'out.csv'", "selec 1", "SELECT * FROM nope", ""):
        with pytest.raises(BadInput):
            query.run(path, bad)
    assert counts(path)["articles"] == 1


def test_reader_without_warehouse_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="no warehouse"):
        query.run(tmp_path / "none.duckdb", "SELECT 1")
