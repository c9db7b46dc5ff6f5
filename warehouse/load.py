"""Loading: what is already stored (for dedup), and idempotent writes of one batch in one transaction."""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import duckdb

from pipelines.models import Article, Batch, Unreadable
from pipelines.stories.dedup import Known
from warehouse import clusters, sql, versions


def _utc(value: datetime | None) -> datetime | None:
    """DuckDB TIMESTAMP columns hold naive UTC."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _iso(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    raise TypeError(f"cannot store {type(value).__name__}")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def known_state(con: duckdb.DuckDBPyConnection, index_dir: Path | None = None) -> Known:
    """What dedup needs of the stored articles; the story index is kept in `index_dir`."""
    known = clusters.known_state(con, index_dir)
    known.latest = versions.latest(con)
    return known


def copies_state(con: duckdb.DuckDBPyConnection) -> Known:
    """What dropping copies needs of the stored articles: canonical URLs, content hashes and the
    latest version of changed articles (no story index)."""
    known = clusters.copies(con)
    known.latest = versions.latest(con)
    return known


def loaded_run_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(sql.query("loaded_run_ids")).fetchall()}


def _article_row(article: Article, loaded_at: datetime) -> dict:
    return {
        "article_id": article.article_id, "url": article.url, "canonical_url": article.canonical_url,
        "source_id": article.source_id, "title": article.title, "text": article.text,
        "published_at": _utc(article.published_at), "first_seen_at": _utc(article.first_seen_at),
        "language": article.language or "und", "script": article.script,
        "language_score": article.language_score, "topics": article.topics,
        "countries": article.countries, "organizations": article.organizations,
        "relevance": article.relevance, "cluster_id": article.cluster_id,
        "content_hash": article.content_hash, "report_index": article.report_index,
        "run_id": article.run_id, "loaded_at": loaded_at, "relevance_terms": article.relevance_terms,
    }


def _source_row(source: dict, at: datetime) -> dict:
    return {
        "source_id": source["id"], "name": source["name"], "kind": source["kind"],
        "url": source["url"], "country": source["country"], "languages": list(source["languages"]),
        "category": source["category"], "enabled": bool(source.get("enabled", True)),
        "schedule": source.get("schedule") or "daily", "updated_at": at,
    }


def _crawl_rows(manifest: dict, unreadable: Counter) -> Iterable[dict]:
    started = _utc(datetime.fromisoformat(manifest["started_at"]))
    finished = _utc(datetime.fromisoformat(manifest["finished_at"]))
    for entry in manifest.get("sources", []):
        yield {
            "run_id": manifest["run_id"], "source_id": entry["source_id"],
            "started_at": _utc(datetime.fromisoformat(entry["started_at"])) if entry.get("started_at") else started,
            "finished_at": _utc(datetime.fromisoformat(entry["finished_at"])) if entry.get("finished_at") else finished,
            "items": entry.get("items", 0), "errors": entry.get("errors", 0),
            "status": entry.get("status", "ok"),
            "error_samples": json.dumps(entry.get("error_samples", []), ensure_ascii=False),
            "errors_by_kind": json.dumps(entry.get("errors_by_kind", {}), ensure_ascii=False),
            "skipped": json.dumps(entry.get("skipped", {}), ensure_ascii=False), "pages": entry.get("pages"),
            "unreadable": unreadable.get(entry["source_id"], 0),
        }


def load_batch(con: duckdb.DuckDBPyConnection, batch: Batch) -> int:
    """Write one landing run (or ingest batch) in one transaction; returns articles inserted.

    The run is marked loaded in the same transaction, so a crash leaves it wholly unloaded; a
    run another writer loaded meanwhile is left as that writer loaded it (0 inserted)."""
    at = now()
    con.execute("BEGIN TRANSACTION")
    try:
        if con.execute(sql.query("run_loaded"), {"run_id": batch.run_id}).fetchone()[0]:
            con.execute("ROLLBACK")
            return 0
        for source in batch.sources:
            con.execute(sql.query("upsert_source"), _source_row(source, at))
        if batch.manifest:
            unreadable = Counter(f.source_id for f in batch.failures)
            for row in _crawl_rows(batch.manifest, unreadable):
                con.execute(sql.query("insert_crawl_run"), row)
        for failure in {f.url: f for f in batch.failures}.values():
            con.execute(sql.query("insert_unreadable"), _unreadable_row(failure, batch.run_id, at))
        before = con.execute(sql.query("count_articles")).fetchone()[0]
        if batch.articles:
            with tempfile.TemporaryDirectory(prefix="rightswatch-load-") as tmp:
                path = Path(tmp) / "articles.jsonl"
                with open(path, "w", encoding="utf-8") as fh:
                    for article in batch.articles:
                        fh.write(json.dumps(_article_row(article, at), default=_iso, ensure_ascii=False) + "\n")
                con.execute(sql.query("insert_articles"), {"path": str(path)})
        clusters.refresh(con, batch)
        versions.insert(con, batch.versions, at)
        inserted = con.execute(sql.query("count_articles")).fetchone()[0] - before
        con.execute(sql.query("insert_loaded_run"), {
            "run_id": batch.run_id, "loaded_at": at, "items": batch.items, "articles": inserted,
            "duplicates": batch.duplicates, "failures": len(batch.failures)})
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return inserted


def _unreadable_row(failure: Unreadable, run_id: str, at: datetime) -> dict:
    return {"run_id": run_id, "url": failure.url, "source_id": failure.source_id or "unknown",
            "stage": failure.stage, "reason": failure.reason, "content_type": failure.content_type or None,
            "bytes": failure.size, "sha256": failure.sha256, "loaded_at": at}


def run_failed(con: duckdb.DuckDBPyConnection, run_id: str, error: str, max_attempts: int) -> tuple[str, int]:
    """Count a failed attempt at a whole run; returns its status ('failed': to be retried,
    'quarantined': given up, 'loaded': it failed after its load committed) and the attempts so far."""
    row = con.execute(sql.query("run_failed"), {
        "run_id": run_id, "at": now(), "error": error, "max_attempts": max_attempts}).fetchone()
    return (row[0], row[1]) if row else ("loaded", 0)


def fetch_dicts(con: duckdb.DuckDBPyConnection, query: str, params=None) -> list[dict]:
    cursor = con.execute(query, params) if params is not None else con.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
