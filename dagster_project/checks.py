"""Asset checks on the loaded warehouse; the SQL lives in warehouse/queries/."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.assets import articles
from warehouse import sql


def _count(duckdb: DuckDBResource, name: str) -> int:
    with duckdb.get_connection() as con:
        return con.execute(sql.query(name)).fetchone()[0]


@dg.asset_check(asset=articles, description="No canonical URL is stored twice.")
def unique_canonical_urls(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    bad = _count(duckdb, "check_duplicate_canonical")
    return dg.AssetCheckResult(passed=bad == 0, metadata={"duplicated_urls": bad})


@dg.asset_check(asset=articles, description="Every article has a language and a content hash.")
def every_article_has_language(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    bad = _count(duckdb, "check_missing_language")
    return dg.AssetCheckResult(passed=bad == 0, metadata={"articles_without": bad})


ALL_CHECKS = [unique_canonical_urls, every_article_has_language]
