"""Asset checks on the warehouse, through the connection Dagster's DuckDB resource opens; the
questions themselves are workflows.health's."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.assets import articles
from workflows import health

SILENT_RUNS = 3  # an enabled source with no items in its last N runs is flagged
FRESH_HOURS = 48  # the newest article should be younger than this


@dg.asset_check(asset=articles, description="No canonical URL is stored twice.")
def unique_canonical_urls(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = health.duplicated_canonical_urls(con)
    return dg.AssetCheckResult(passed=bad == 0, metadata={"duplicated_urls": bad})


@dg.asset_check(asset=articles, description="Every article has a language and a content hash.")
def every_article_has_language(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = health.articles_without_language(con)
    return dg.AssetCheckResult(passed=bad == 0, metadata={"articles_without": bad})


@dg.asset_check(asset=articles, description=f"Each enabled source produced items in its last {SILENT_RUNS} runs.")
def sources_produce_items(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        silent = health.silent_sources(con, SILENT_RUNS)
    return dg.AssetCheckResult(passed=not silent, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"silent_sources": ", ".join(silent or []) or "none"})


@dg.asset_check(asset=articles, description=f"The newest article was first seen less than {FRESH_HOURS} h ago.")
def articles_are_fresh(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        hours = health.hours_since_newest(con)
    fresh = hours is not None and hours < FRESH_HOURS
    return dg.AssetCheckResult(passed=fresh, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"hours_since_newest": -1 if hours is None else hours})


ALL_CHECKS = [unique_canonical_urls, every_article_has_language, sources_produce_items, articles_are_fresh]
