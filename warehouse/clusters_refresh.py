"""Recompute the `clusters` rows of one day's stories from their articles (idempotent)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb

from warehouse import sql


def refresh_day(con: duckdb.DuckDBPyConnection, day: str) -> dict:
    start = datetime.combine(date.fromisoformat(day), datetime.min.time())
    params = {"start": start, "end": start + timedelta(days=1)}
    ids = [row[0] for row in con.execute(sql.query("clusters_of_day"), params).fetchall()]
    if ids:
        con.execute(sql.query("refresh_clusters"), {"cluster_ids": ids})
    stories, multilingual = con.execute(sql.query("cluster_figures"), {"cluster_ids": ids}).fetchone()
    return {"stories": stories, "multilingual": multilingual}
