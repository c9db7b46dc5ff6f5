"""Versions are stored beside the article, numbered from 2, once per run, never for unknown articles."""
from datetime import datetime, timezone

from pipelines.models import Batch
from pipelines.stories.versions import ArticleVersion
from tests.support.articles import make_article, MANIFEST
from warehouse import db, load, versions

T1 = datetime(2026, 11, 21, 6, tzinfo=timezone.utc)


def version(article, status="changed", digest="h2", run_id="r2"):
    return ArticleVersion(article_id=article.article_id, url=article.url, canonical_url=article.canonical_url,
                          status=status, http_status=200 if digest else 410, fetched_at=T1, run_id=run_id,
                          title="t", text="new text" if digest else None, content_hash=digest)


def test_versions_are_numbered_idempotent_and_read_back_as_latest(tmp_path):
    path = tmp_path / "w.duckdb"
    first = make_article(1)
    with db.writer(path) as con:
        load.load_batch(con, Batch(run_id=MANIFEST["run_id"], items=1, articles=[first], manifest=MANIFEST))
        later = Batch(run_id="r2", items=1, versions=[version(first), version(make_article(9))])
        load.load_batch(con, later)
        load.load_batch(con, later)  # a rerun adds nothing
        load.load_batch(con, Batch(run_id="r3", items=1, versions=[version(first, "gone", None, "r3")]))
        rows = con.execute("SELECT version, status, content_hash FROM article_versions ORDER BY version").fetchall()
        assert rows == [(2, "changed", "h2"), (3, "gone", None)]
        assert versions.latest(con) == {first.article_id: ("gone", None)}
        assert load.known_state(con).latest == {first.article_id: ("gone", None)}
        assert con.execute("SELECT text FROM articles").fetchone()[0] == first.text
