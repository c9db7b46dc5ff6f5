"""What each page of the desk (`rightswatch serve`) shows, read from the warehouse.

Every call reads through the process's one kept, sandboxed, read-only connection
(warehouse/shared_reader.py: its cache stays warm between pages), which gives way the moment a
writer (`process`, `ingest`, `report`, Dagster) waits for the warehouse; a writer holding the file
makes a call wait a few seconds, then fail with a message the page shows. Nothing here writes."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone

import json
import re

from pipelines import region
from pipelines.alerts import alerts
from pipelines.alerts.alert_config import AlertConfig
from reports.render import group_stories
from scrapers import warc_lookup
from warehouse import load, search_index, sql
from workflows import desk_reading as kept
from workflows import query as analyst_query
from workflows import search as full_text
from workflows.settings import Settings

TODAY_LIMIT = 20  # stories a Today page lists (newest first); the next page has the older ones
LEAD_CHARS = 1500  # of each article's text weighed for a story's main country and topic (see `today`)
COVERAGE_DAYS = 30
ERROR_DAYS = 30  # crawl errors by kind over this many days
SEARCH_LIMIT = 50  # stories a search page lists, best first
READ_WAIT_SECONDS, SQL_LIMITS = kept.READ_WAIT_SECONDS, kept.SQL_LIMITS


def start(settings: Settings, config: AlertConfig) -> None:
    """Open the kept connection now and warm it in the background (Today's queries and the
    weighing of its stories), so the first page is not read cold; again after each reopen. A
    writer at work: opened later."""
    warm = lambda con: _today_lines(config, *_today_rows(con, config, None, 1, TODAY_LIMIT)[2:])  # noqa: E731
    threading.Thread(target=kept.shared(settings, warm).start, name="desk-start", daemon=True).start()


stop = kept.stop
reading = kept.reading


def _rows(con, name: str, params: dict | None = None) -> list[dict]:
    return load.fetch_dicts(con, sql.query(name), params or {})


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


# --- Today ------------------------------------------------------------------------------------

def today(settings: Settings, config: AlertConfig, since: date | None = None, page: int = 1,
          limit: int = TODAY_LIMIT) -> dict:
    """Relevant stories on the watched countries and topics first found since `since` (default:
    the day before the newest one was found), newest first, a page of `limit` at a time, one line
    each as the report writes it, grouped by country and topic. A story's main country and topic
    are weighed on the lead of its articles (LEAD_CHARS), where a news text names what it is
    about (weighing whole texts would make a page of 20 stories cost a second)."""
    with reading(settings) as con:
        newest, since, heads, members = _today_rows(con, config, since, page, limit)
    lines = _today_lines(config, heads, members)
    total = heads[0]["total"] if heads else 0
    return {"since": since, "newest": newest, "total": total, "shown": len(lines), "groups": group_stories(lines),
            "page": page, "first": (page - 1) * limit + 1, "last": (page - 1) * limit + len(lines),
            "more": page * limit < total}


def _today_lines(config: AlertConfig, heads: list[dict], members: dict[str, list[dict]]) -> list:
    return [alerts.story_line(h, members.get(h["cluster_id"], []), config.watch) for h in heads]


def _today_rows(con, config: AlertConfig, since: date | None, page: int, limit: int):
    """The newest day, the day from which, the page's stories and their articles (leads only)."""
    watch = config.watch
    newest = _rows(con, "desk_newest_seen")[0]["day"]
    since = since or ((newest - timedelta(days=1)) if newest else _now().date())
    heads = _rows(con, "desk_today", {"threshold": watch.min_relevance, "limit": limit,
                                      "offset": (page - 1) * limit,
                                      "since": datetime.combine(since, datetime.min.time()),
                                      "countries": list(watch.countries), "topics": list(watch.topics)})
    members: dict[str, list[dict]] = {}
    if heads:
        for row in _rows(con, "alert_cluster_members", {"cluster_ids": [h["cluster_id"] for h in heads]}):
            row["text"] = (row["text"] or "")[:LEAD_CHARS]
            members.setdefault(row["cluster_id"], []).append(row)
    return newest, since, heads, members


# --- Story and its evidence -------------------------------------------------------------------

def role(article: dict, first: dict) -> str:
    """What an article is to its story: the first report, a translation (another language), a
    republication (another outlet, same language) or a follow-up (the first outlet again)."""
    if article["article_id"] == first["article_id"]:
        return "first report"
    if article["language"] != first["language"]:
        return "translation"
    if article["source_id"] != first["source_id"]:
        return "republication"
    return "follow-up"


def story(settings: Settings, cluster_id: str) -> dict | None:
    """The story's articles in the order they appeared, each with its role, relevance terms and
    later versions ("changed", "gone": taken down, "restored"); None for an unknown story."""
    with reading(settings) as con:
        heads = _rows(con, "desk_story", {"cluster_id": cluster_id})
        if not heads:
            return None
        articles = _rows(con, "desk_story_articles", {"cluster_id": cluster_id})
    first = next((a for a in articles if a["article_id"] == heads[0]["first_article_id"]),
                 articles[0] if articles else None)
    for article in articles:
        article["role"] = role(article, first)
        article["versions"] = article["versions"] or []
        article["taken_down"] = bool(article["versions"]) and article["versions"][-1]["status"] == "gone"
    return {"story": heads[0], "articles": articles}


def evidence(settings: Settings, article_id: str, version: int | None = None) -> dict | None:
    """The archived response of an article (as first fetched, or as fetched for a later version):
    the WARC record's place and headers and the body, bounded; None for an unknown article or version."""
    with reading(settings) as con:
        found = _rows(con, "desk_article", {"article_id": article_id})
    if not found:
        return None
    article = found[0]
    article["versions"] = article["versions"] or []
    run_id, url = article["run_id"], article["url"]
    if version is not None:
        chosen = next((v for v in article["versions"] if v["version"] == version), None)
        if chosen is None:
            return None
        run_id, url = chosen["run_id"], chosen["url"]
    capture = warc_lookup.find(settings.raw, run_id, article["source_id"], url)
    return {"article": article, "version": version, "run_id": run_id, "url": url, "capture": capture,
            "file": str(capture.path.relative_to(settings.home)) if capture else None}


# --- Search -------------------------------------------------------------------------------------

def search(settings: Settings, text: str, countries: tuple[str, ...] = (), topics: tuple[str, ...] = (),
           languages: tuple[str, ...] = (), since: date | None = None, limit: int = SEARCH_LIMIT) -> dict:
    """Stories matching a query of the watches' query language, best first, with snippets; the
    index is searched as it is (the desk never refreshes it: `process` does), and `behind` says
    when the warehouse holds articles it has not indexed yet."""
    tree = full_text.parse_query(text)
    filters = full_text.Filters(languages=languages, countries=countries, topics=topics,
                                since_epoch=full_text.epoch(since))
    with reading(settings) as con:
        hits = full_text.search_stories(settings, con, tree, filters, limit, refresh=False, index=kept.index(settings))
        behind = search_index.behind(con, settings.home)
    return {"hits": hits, "behind": behind, "limit": limit,
            "watch": watch_toml(text, countries, topics, languages)}


def watch_toml(text: str, countries=(), topics=(), languages=()) -> str:
    """The search as a `[[watches]]` table to paste into watches.toml (or alerts.toml)."""
    name = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:40].strip("-") or "my-search"
    lines = ["[[watches]]", f"name = {json.dumps(name)}", f"query = {json.dumps(text, ensure_ascii=False)}"]
    for key, values in (("countries", countries), ("topics", topics), ("languages", languages)):
        if values:
            lines.append(f"{key} = {json.dumps(list(values), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def record_bytes(capture: warc_lookup.Capture) -> bytes:
    """The archived response's WARC record as stored: a one-record .warc.gz to download."""
    return warc_lookup.record_bytes(capture)


# --- SQL --------------------------------------------------------------------------------------

def sql_preview(settings: Settings, text: str, rows: int) -> tuple[list[str], list[tuple], bool]:
    """The SQL page: `workflows.query.preview` on the kept connection (the same sandbox and limits)."""
    with reading(settings) as con:
        return analyst_query.preview(settings, text, SQL_LIMITS, rows, con)


def sql_rows(settings: Settings, text: str, fmt: str, out) -> int:
    """The SQL page's download: every row as CSV or JSON to `out`."""
    with reading(settings) as con:
        return analyst_query.write_rows(settings, text, fmt, SQL_LIMITS, out, con)


# --- Coverage ---------------------------------------------------------------------------------

def coverage(settings: Settings, config: AlertConfig, first: date | None = None, last: date | None = None,
             countries: tuple[str, ...] = (), topics: tuple[str, ...] = ()) -> dict:
    """Distinct stories a day per country x topic and per language over a window (default: the
    last 30 days with coverage), as rows and as series per chart."""
    countries = countries or tuple(config.watch.countries)
    topics = topics or tuple(config.watch.topics)
    with reading(settings) as con:
        if last is None:
            last = _rows(con, "desk_coverage_last_day")[0]["day"] or _now().date()
        if first is None or first > last:
            first = last - timedelta(days=COVERAGE_DAYS - 1)
        params = {"first_day": first, "last_day": last, "countries": list(countries), "topics": list(topics)}
        by_topic = _rows(con, "desk_coverage_topics", params)
        by_language = _rows(con, "desk_coverage_languages", params)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return {"first": first, "last": last, "days": days, "countries": countries, "topics": topics,
            "by_topic": by_topic, "by_language": by_language,
            "country_charts": _series(by_topic, days, "country", "topic", countries, topics),
            "language_chart": _series(by_language, days, None, "language", ("all",),
                                      tuple(sorted({r["language"] for r in by_language}))),
            }


def _series(rows: list[dict], days: list[date], panel: str | None, series: str,
            panels: tuple[str, ...], names: tuple[str, ...]) -> list[dict]:
    """One chart per panel (a country; or one for all): a row of stories per day for each series."""
    index = {d: i for i, d in enumerate(days)}
    charts = {p: {n: [0] * len(days) for n in names} for p in panels}
    for row in rows:
        key = row[panel] if panel else "all"
        if key in charts and row[series] in charts[key] and row["day"] in index:
            charts[key][row[series]][index[row["day"]]] = int(row["stories"])
    found = []
    for key in panels:
        lines = charts[key] if any(any(v) for v in charts[key].values()) else {}
        if lines:
            table = {"header": ["day", *lines], "rows": [[d.isoformat(), *(v[i] for v in lines.values())]
                                                          for i, d in enumerate(days)]}
            found.append({"key": key, "series": lines, "top": max(max(v) for v in lines.values()), "table": table})
    return found


def coverage_rows(shown: dict, part: str) -> tuple[list[str], list[list]]:
    """The tables of a Coverage page as one CSV's header and rows: `topics`, each country's table
    with the country in a column (its topics as columns); `languages`, the language table."""
    if part == "languages":
        tables = shown["language_chart"]
        return (tables[0]["table"]["header"], tables[0]["table"]["rows"]) if tables else (["day"], [])
    rows = [[row[0], chart["key"], *row[1:]] for chart in shown["country_charts"] for row in chart["table"]["rows"]]
    return ["day", "country", *shown["topics"]], rows


# --- Sources ----------------------------------------------------------------------------------

def sources(settings: Settings, config: AlertConfig) -> dict:
    """Each source's health (last success, items per run, days silent, error rate) with its state
    as the silent-source rule sees it (broken crawl, quiet outlet, ok) and its errors by kind."""
    now = _now()
    with reading(settings) as con:
        rows = _rows(con, "alert_sources")
        health = {r["source_id"]: r for r in _rows(con, "desk_source_health")}
        errors: dict[str, list[dict]] = {}
        for row in _rows(con, "desk_source_errors", {"since": now - timedelta(days=ERROR_DAYS)}):
            errors.setdefault(row["source_id"], []).append(row)
    states = {a.payload["source_id"]: a.payload for a in alerts.silent_sources(rows, now, config, set())}
    found = []
    for row in rows:
        state = states.get(row["source_id"])
        extra = health.get(row["source_id"], {})
        found.append({**row, **extra, "state": state["state"] if state else ("off" if not row["enabled"] else "ok"),
                      "why": state["why"] if state else "", "errors_by_kind": errors.get(row["source_id"], [])})
    order = {"broken": 0, "quiet": 1, "ok": 2, "off": 3}
    found.sort(key=lambda s: (order[s["state"]], s["source_id"]))
    return {"sources": found, "error_days": ERROR_DAYS, "now": now,
            "counts": {k: sum(1 for s in found if s["state"] == k) for k in order}}


def countries() -> dict[str, str]:
    return dict(region.COUNTRIES)
