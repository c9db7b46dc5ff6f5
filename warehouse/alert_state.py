"""What was alerted and delivered: reads and writes of `alerts` and `alert_deliveries`, each write one transaction."""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime

import duckdb

from warehouse import sql

PENDING, SENT, FAILED = "pending", "sent", "failed"


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection):
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def alerted_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(sql.query("alert_ids")).fetchall()}


def record(con: duckdb.DuckDBPyConnection, alerts: list, report: str, at: datetime,
           recipients: list[str], routes: dict[str, list[str]] | None = None) -> None:
    """Record new alerts and, for each recipient (or those `routes` names for an alert id), a
    pending delivery of each; all or nothing.
    A delivery stays pending until marked sent, so a crash or a failure before then leaves it
    owed to the recipient for the next run."""
    with _transaction(con):
        for alert in alerts:
            con.execute(sql.query("alert_record"), {
                "alert_id": alert.alert_id, "kind": alert.kind, "cluster_id": alert.cluster_id,
                "created_at": at, "report": report, "detail": alert.detail(),
                "languages": alert.languages or None, "countries": alert.countries or None})
            for recipient in (routes or {}).get(alert.alert_id, recipients):
                con.execute(sql.query("alert_delivery_upsert"), {
                    "alert_id": alert.alert_id, "recipient": recipient, "status": PENDING, "attempts": 0,
                    "last_error": None, "first_report": report, "last_tried_at": None, "sent_at": None})


def owed(con: duckdb.DuckDBPyConnection, recipients: list[str]) -> dict[str, list[dict]]:
    """recipient -> deliveries owed to it: new ones, failed ones, and ones a run left pending
    when it died; each with the alert as first rendered. Alert runs take turns (the home's
    writer lock), so a pending delivery is never another run's work in progress."""
    cursor = con.execute(sql.query("alert_owed"), {"recipients": recipients})
    names = [d[0] for d in cursor.description]
    found: dict[str, list[dict]] = {}
    for row in cursor.fetchall():
        item = dict(zip(names, row))
        item["payload"] = json.loads(item.pop("detail") or "{}")
        found.setdefault(item["recipient"], []).append(item)
    return found


def mark(con: duckdb.DuckDBPyConnection, outcomes: list[dict], at: datetime) -> None:
    """Each delivery's result: {alert_id, recipient, ok, error, attempts, first_report}."""
    with _transaction(con):
        for item in outcomes:
            con.execute(sql.query("alert_delivery_upsert"), {
                "alert_id": item["alert_id"], "recipient": item["recipient"],
                "status": SENT if item["ok"] else FAILED, "attempts": item["attempts"],
                "last_error": None if item["ok"] else item.get("error"),
                "first_report": item["first_report"], "last_tried_at": at,
                "sent_at": at if item["ok"] else None})


def watch_alerted(con: duckdb.DuckDBPyConnection, prefix: str) -> dict[str, tuple[str, ...]]:
    """story -> languages it was alerted in by the watch whose alert ids start with `prefix`."""
    rows = con.execute(sql.query("watch_alerted"), {"prefix": prefix}).fetchall()
    return {cluster_id: tuple(languages or ()) for cluster_id, languages in rows}


def feed_alerts(con: duckdb.DuckDBPyConnection, kinds: list[str], prefix: str | None, limit: int) -> list[dict]:
    """The latest alerts of the given kinds (and id prefix), newest first, each payload decoded."""
    cursor = con.execute(sql.query("feed_alerts"), {"kinds": kinds, "prefix": prefix, "limit": limit})
    names = [d[0] for d in cursor.description]
    found = []
    for row in cursor.fetchall():
        item = dict(zip(names, row))
        item["payload"] = json.loads(item.pop("detail") or "{}")
        found.append(item)
    return found
