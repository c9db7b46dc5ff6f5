"""Atom feeds of what was alerted: the digest's stories, and one feed per watch, so any feed
reader can follow them. One entry per story with an id that never changes (a story that
spreads to new languages updates its entry rather than adding one).

The entries are built from the alerts as recorded (their payloads), newest first. A watch's
matched words are <strong> in its entries: feed readers drop <mark> as unsafe markup."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from reports.render import snippet_of

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
DIGEST = "digest"  # the digest's feed: feeds/digest.xml (no watch may take the name)

ET.register_namespace("", ATOM)


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _when(value) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent, name: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _digest_summary(payload: dict) -> str:
    parts = [payload.get("outlet") or payload.get("source_id") or "",
             ", ".join(payload.get("languages") or [payload.get("language") or ""]),
             ", ".join(payload.get("countries") or [])]
    return " · ".join(p for p in parts if p)


def _watch_content(payload: dict, spreads: list[str]) -> str:
    lines = [f"<p>{snippet_of(payload.get('snippet')).marked('<strong>', '</strong>', html.escape)}</p>",
             f"<p>languages: {html.escape(', '.join(payload.get('languages') or []))}; first report: "
             f"{html.escape((payload.get('first_reported') or '')[:10])} "
             f"{html.escape(payload.get('first_source') or '')}</p>"]
    lines += [f"<p>spreads to {html.escape(', '.join(new))}</p>" for new in spreads]
    return "\n".join(lines)


def entries(alerts: list[dict], story_id) -> list[dict]:
    """One entry per story from the alerts (newest first): its first line's payload, updated
    when a later line (a spread) was alerted, with the languages each spread added."""
    stories: dict[str, dict] = {}
    for alert in sorted(alerts, key=lambda a: (a["created_at"], a["alert_id"])):
        payload, key = alert["payload"], alert["cluster_id"] or alert["alert_id"]
        entry = stories.get(key)
        if entry is None:
            stories[key] = {"id": story_id(key), "payload": payload, "published": alert["created_at"],
                            "updated": alert["created_at"], "spreads": []}
        else:
            entry["updated"] = alert["created_at"]
            entry["spreads"].append(payload.get("new_languages") or [])
            entry["payload"] = {**entry["payload"], "languages": payload.get("languages")}
    return sorted(stories.values(), key=lambda e: (e["updated"], e["id"]), reverse=True)[:MAX_ENTRIES]


def render(feed_id: str, title: str, alerts: list[dict], generated: datetime, watch: bool = False) -> str:
    """An Atom document for the alerts of one feed."""
    feed = ET.Element(_tag("feed"))
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    found = entries(alerts, lambda key: f"{feed_id}:story:{key}")
    _add(feed, "updated", _when(found[0]["updated"] if found else generated))
    _add(_add(feed, "author"), "name", "rightswatch")
    _add(feed, "generator", "rightswatch")
    for item in found:
        payload = item["payload"]
        entry = _add(feed, "entry")
        _add(entry, "id", item["id"])
        _add(entry, "title", " ".join((payload.get("title") or payload.get("cluster_id") or "untitled").split()))
        _add(entry, "published", _when(item["published"]))
        _add(entry, "updated", _when(item["updated"]))
        if payload.get("url"):
            _add(entry, "link", rel="alternate", href=payload["url"])
        if watch:
            _add(entry, "content", _watch_content(payload, item["spreads"]), type="html")
        else:
            _add(entry, "summary", _digest_summary(payload))
            gloss = payload.get("gloss") or payload.get("english_title")
            if gloss:
                _add(entry, "content", gloss, type="text")
        for country in payload.get("countries") or []:
            _add(entry, "category", term=country)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
