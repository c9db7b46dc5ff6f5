"""Health questions about the warehouse (Dagster's asset checks ask them through its connection):
duplicates, missing languages, silent sources, freshness. The SQL is warehouse/queries/check_*.sql."""
from __future__ import annotations

from warehouse import sql


def _one(con, name: str, params: dict | None = None):
    return con.execute(sql.query(name), params or {}).fetchone()[0]


def duplicated_canonical_urls(con) -> int:
    return _one(con, "check_duplicate_canonical")


def articles_without_language(con) -> int:
    """Articles without a language or without a content hash."""
    return _one(con, "check_missing_language")


def silent_sources(con, runs: int) -> list[str] | None:
    """Enabled sources with no items in their last `runs` runs."""
    return _one(con, "check_silent_sources", {"runs": runs})


def hours_since_newest(con) -> float | None:
    """Hours since the newest article was first seen; None for an empty warehouse."""
    return _one(con, "check_freshness")
