"""A watch's lines (pipelines/search/watches.py) as alerts: recorded, delivered and listed like
the other rules' alerts, each with a stable id so it is never alerted twice.

A story's first match is `watch:<name>:<story>`; a spread is that id with the story's languages
(`watch:<name>:<story>:en,kk,ru`), so it is said once per new set of languages."""
from __future__ import annotations

from pipelines.alerts.alerts import WATCH, Alert
from pipelines.search.watches import WatchAlert

SNIPPET_KEYS = ("text", "marks")


def prefix(watch: str) -> str:
    """The start of every alert id of a watch."""
    return f"{WATCH}:{watch}:"


def alert_of(line: WatchAlert, query: str) -> Alert:
    """The alert of one watch line; its payload is what reports, mails and feeds show."""
    story = line.story
    alert_id = prefix(line.watch) + line.cluster_id
    if line.kind == "spreads":
        alert_id += ":" + ",".join(line.languages)
    payload = {
        "watch": line.watch, "query": query, "line": line.kind, "cluster_id": line.cluster_id,
        "title": story.get("title"), "url": story.get("url"), "language": story.get("language"),
        "languages": list(line.languages), "new_languages": list(line.new_languages),
        "countries": list(story.get("countries") or []), "first_reported": story.get("first_reported"),
        "first_source": story.get("first_source"), "first_url": story.get("first_url"),
        "snippet": {"text": story.get("snippet") or "", "marks": [list(m) for m in story.get("marks") or []]},
    }
    return Alert(alert_id, WATCH, payload, line.cluster_id, list(line.languages), list(payload["countries"]))
