"""Asset checks on the warehouse; the SQL lives in warehouse/queries/check_*.sql."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.assets import articles
from warehouse import sql

SILENT_RUNS = 3  # an enabled source with no items in its last N runs is flagged
FRESH_HOURS = 48  # the newest article should be younger than this


def _one(duckdb: DuckDBResource, name: str, params: dict | None = None) -> tuple:
    with duckdb.get_connection() as con:
        return con.execute(sql.query(name), params or {}).fetchone()


@dg.asset_check(asset=articles, description="No canonical URL is stored twice.")
def unique_canonical_urls(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    (bad,) = _one(duckdb, "check_duplicate_canonical")
    return dg.AssetCheckResult(passed=bad == 0, metadata={"duplicated_urls": bad})


@dg.asset_check(asset=articles, description="Every article has a language and a content hash.")
def every_article_has_language(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    (bad,) = _one(duckdb, "check_missing_language")
    return dg.AssetCheckResult(passed=bad == 0, metadata={"articles_without": bad})


@dg.asset_check(asset=articles, description=f"Each enabled source produced items in its last {SILENT_RUNS} runs.")
def sources_produce_items(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    (silent,) = _one(duckdb, "check_silent_sources", {"runs": SILENT_RUNS})
    return dg.AssetCheckResult(passed=not silent, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"silent_sources": ", ".join(silent or []) or "none"})


@dg.asset_check(asset=articles, description=f"The newest article was first seen less than {FRESH_HOURS} h ago.")
def articles_are_fresh(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    (hours,) = _one(duckdb, "check_freshness")
    fresh = hours is not None and hours < FRESH_HOURS
    return dg.AssetCheckResult(passed=fresh, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"hours_since_newest": -1 if hours is None else hours})


ALL_CHECKS = [unique_canonical_urls, every_article_has_language, sources_produce_items, articles_are_fresh]
