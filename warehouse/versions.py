"""Stored evidence of change: the latest state of every article, and new versions written beside it."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from warehouse import sql


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def latest(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    """article_id -> (status, content_hash) of the newest version of each article that has versions."""
    return {aid: (status, digest) for aid, status, digest in con.execute(sql.query("latest_versions")).fetchall()}


def insert(con: duckdb.DuckDBPyConnection, versions: list, loaded_at: datetime) -> None:
    """Append versions (pipelines.versions.ArticleVersion) inside the caller's transaction."""
    for v in versions:
        con.execute(sql.query("insert_article_version"), {
            "article_id": v.article_id, "status": v.status, "http_status": v.http_status, "url": v.url,
            "title": v.title, "text": v.text, "content_hash": v.content_hash,
            "published_at": _naive_utc(v.published_at), "fetched_at": _naive_utc(v.fetched_at),
            "run_id": v.run_id, "loaded_at": loaded_at})
