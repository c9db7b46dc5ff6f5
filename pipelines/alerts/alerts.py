"""Alert rules over warehouse records: new stories, spreading stories, spikes, silent sources.

Each rule is a pure function from records (dicts as the warehouse queries return them) to
`Alert`s with a stable `alert_id`: an id already in the `alerts` table is never alerted again.

Spike statistic: for a country x topic and day d, the baseline is the mean number of stories
a day over the `baseline_days` days before d (days without a story count as 0), raised to
`min_baseline`; d is a spike when it has at least `min_count` stories and the Poisson upper
tail P(X >= count | X ~ Poisson(baseline)) is at most `p_value`.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from pipelines.alerts.alert_config import AlertConfig, Watch
from pipelines.tagging import emphasis

NEW_STORY, STORY_SPREAD, SPIKE, SILENT = "new_story", "story_spread", "spike", "silent_source"
WATCH = "watch"  # a saved search's match or spread (pipelines/alerts/watch_alerts.py)
KINDS = (NEW_STORY, STORY_SPREAD, SPIKE, SILENT, WATCH)
MAX_VERSIONS = 12


@dataclass
class Alert:
    alert_id: str
    kind: str
    payload: dict
    cluster_id: str | None = None
    languages: list[str] = field(default_factory=list)  # what was alerted, for the spread rule
    countries: list[str] = field(default_factory=list)

    def detail(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True, default=iso)


def iso(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _when(value) -> str | None:
    return value.isoformat() if isinstance(value, (datetime, date)) else value


# --- stories -----------------------------------------------------------------------------

def watched(cluster: dict, watch: Watch) -> bool:
    """A relevant story about a watched country, on a watched topic, in a watched language."""
    if (cluster.get("relevance") or 0) < watch.min_relevance:
        return False
    if not set(cluster.get("countries") or []) & set(watch.countries):
        return False
    if not set(cluster.get("topics") or []) & set(watch.topics):
        return False
    return not watch.languages or bool(set(cluster.get("languages") or []) & set(watch.languages))


def main_country_and_topic(cluster: dict, members: list[dict], watch: Watch) -> tuple[list[str], str | None, str | None]:
    """(the story's watched countries, heaviest first; its main country, None when it is about the
    region with no clear first; its main topic): by the weight of evidence in its articles' text
    (pipelines.emphasis), ties in the order of the watch list."""
    order = {c: i for i, c in enumerate(watch.countries)}
    countries = sorted(set(cluster.get("countries") or []) & set(watch.countries), key=order.get)
    topics = [t for t in watch.topics if t in (cluster.get("topics") or [])]
    texts = [m for m in members if m.get("text") or m.get("title")]
    weights = emphasis.of_story(texts) if texts else emphasis.Emphasis({}, {})
    countries = emphasis.heaviest_first(countries, weights.countries)
    main = None if not countries or emphasis.region_wide(countries, weights.countries) else countries[0]
    topics = emphasis.heaviest_first(topics, weights.topics)
    return countries, main, topics[0] if topics else None


def story_line(cluster: dict, members: list[dict], watch: Watch) -> dict:
    """One report line: the first report, an English gloss, the other versions folded in, and the
    country and topic it is listed under."""
    others = [m for m in members if m.get("article_id") != cluster.get("first_article_id")]
    language = cluster.get("language")
    english = next((m["title"] for m in others if m.get("language") == "en" and m.get("title")), None)
    countries, country, topic = main_country_and_topic(cluster, members, watch)
    topics = list(cluster.get("topics") or [])
    return {
        "cluster_id": cluster["cluster_id"],
        "title": cluster.get("title") or "(untitled)",
        "url": cluster.get("url"),
        "outlet": cluster.get("outlet") or cluster.get("source_id"),
        "language": language,
        "published_at": _when(cluster.get("published_at")),
        "first_report": len(members) > 1,  # this outlet reported first, others followed
        "gloss": english if language != "en" else None,
        "countries": countries,
        "country": country,
        "all_countries": list(cluster.get("countries") or []),
        "topic": topic,
        "topics": topics,
        "languages": list(cluster.get("languages") or []),
        "size": int(cluster.get("size") or 1),
        "versions": [{"language": m.get("language"), "outlet": m.get("outlet") or m.get("source_id"),
                      "url": m.get("url"), "title": m.get("title"),
                      "published_at": _when(m.get("published_at"))} for m in others[:MAX_VERSIONS]],
        "more_versions": max(0, len(others) - MAX_VERSIONS),
    }


def new_stories(clusters: list[dict], members: dict[str, list[dict]], config: AlertConfig,
                alerted: set[str]) -> list[Alert]:
    """One alert per watched story never alerted, however many articles it has."""
    if not config.new_story:
        return []
    found = []
    for cluster in clusters:
        alert_id = f"{NEW_STORY}:{cluster['cluster_id']}"
        if alert_id in alerted or cluster.get("alerted") or not watched(cluster, config.watch):
            continue
        found.append(Alert(alert_id, NEW_STORY, story_line(cluster, members.get(cluster["cluster_id"], []),
                                                             config.watch),
                           cluster["cluster_id"], sorted(cluster.get("languages") or []),
                           sorted(cluster.get("countries") or [])))
    return found


def changed(cluster: dict) -> bool:
    """Alerted before (with what it was alerted in), and now in a language or a country it was not."""
    before = set(cluster.get("alerted_languages") or [])
    return bool(cluster.get("alerted")) and bool(before) and bool(
        set(cluster.get("languages") or []) - before
        or set(cluster.get("countries") or []) - set(cluster.get("alerted_countries") or []))


def spreads(clusters: list[dict], members: dict[str, list[dict]], config: AlertConfig,
            alerted: set[str]) -> list[Alert]:
    """A story alerted before that now has a language or a country it was not alerted in."""
    if not config.story_spread:
        return []
    found = []
    for cluster in clusters:
        if not changed(cluster) or not watched(cluster, config.watch):
            continue
        before_langs = set(cluster.get("alerted_languages") or [])
        before_countries = set(cluster.get("alerted_countries") or [])
        langs, countries = sorted(cluster.get("languages") or []), sorted(cluster.get("countries") or [])
        new_langs = [x for x in langs if x not in before_langs]
        new_countries = [x for x in countries if x not in before_countries]
        alert_id = f"{STORY_SPREAD}:{cluster['cluster_id']}:{','.join(langs)}:{','.join(countries)}"
        if alert_id in alerted:
            continue
        line = story_line(cluster, members.get(cluster["cluster_id"], []), config.watch)
        line.update(new_languages=new_langs, new_countries=new_countries,
                    before_languages=sorted(before_langs), before_countries=sorted(before_countries))
        found.append(Alert(alert_id, STORY_SPREAD, line, cluster["cluster_id"],
                           sorted(before_langs | set(langs)), sorted(before_countries | set(countries))))
    return found


# --- spikes ------------------------------------------------------------------------------

def poisson_upper_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean), summed from the tail so tiny values stay exact."""
    if count <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    term = math.exp(-mean + count * math.log(mean) - math.lgamma(count + 1))
    total, k = 0.0, count
    while term > 0 and (term > total * 1e-16 or k < mean):
        total += term
        k += 1
        term *= mean / k
    return min(1.0, total)


def daily_table(rows: list[dict]) -> dict[tuple[str, str], dict[date, dict]]:
    """(country, topic) -> day -> {stories, cluster_ids}."""
    table: dict[tuple[str, str], dict[date, dict]] = {}
    for row in rows:
        day = row["day"] if isinstance(row["day"], date) else date.fromisoformat(str(row["day"]))
        table.setdefault((row["country"], row["topic"]), {})[day] = {
            "stories": int(row["stories"]), "cluster_ids": list(row.get("cluster_ids") or [])}
    return table


def spike_days(today: date, config: AlertConfig, since: date | None = None) -> list[date]:
    """The days a run looks at: the lookback window, or every day since `since` (at most 90)."""
    first = today - timedelta(days=config.spike.lookback_days - 1)
    if since is not None:
        first = max(min(first, since), today - timedelta(days=89))
    return [first + timedelta(days=n) for n in range((today - first).days + 1)]


def spikes(rows: list[dict], days: list[date], config: AlertConfig, alerted: set[str],
           heads: dict[str, dict] | None = None) -> list[Alert]:
    """Country x topic days far above their trailing baseline (see the module docstring)."""
    rule = config.spike
    if not rule.enabled:
        return []
    table, found = daily_table(rows), []
    for country in config.watch.countries:
        for topic in config.watch.topics:
            by_day = table.get((country, topic), {})
            for day in days:
                count = by_day.get(day, {}).get("stories", 0)
                if count < rule.min_count:
                    continue
                window = [by_day.get(day - timedelta(days=n), {}).get("stories", 0)
                          for n in range(1, rule.baseline_days + 1)]
                baseline = sum(window) / rule.baseline_days
                p = poisson_upper_tail(count, max(baseline, rule.min_baseline))
                alert_id = f"{SPIKE}:{day.isoformat()}:{country}:{topic}"
                if p > rule.p_value or alert_id in alerted:
                    continue
                ids = by_day[day]["cluster_ids"]
                found.append(Alert(alert_id, SPIKE, {
                    "day": day.isoformat(), "country": country, "topic": topic, "count": count,
                    "baseline": round(baseline, 2), "baseline_days": rule.baseline_days,
                    "p_value": float(f"{p:.3g}"), "ratio": round(count / max(baseline, rule.min_baseline), 1),
                    "stories": [heads[c] for c in ids if heads and c in heads][:5]},
                    countries=[country]))
    return found


# --- silent sources ----------------------------------------------------------------------

def _days_between(earlier: datetime | None, now: datetime) -> int | None:
    return None if earlier is None else (now.date() - earlier.date()).days


def silent_sources(sources: list[dict], now: datetime, config: AlertConfig, alerted: set[str]) -> list[Alert]:
    """Broken crawls (the last runs all failed) told apart from quiet outlets (runs fine, no news)."""
    rule = config.silent
    if not rule.enabled:
        return []
    found = []
    for source in sources:
        if not source.get("enabled", True) or not source.get("runs"):
            continue
        statuses = list(source.get("recent_statuses") or [])
        last_item, last_success = source.get("last_item_at"), source.get("last_success")
        base = {"source_id": source["source_id"], "name": source.get("name") or source["source_id"],
                "category": source.get("category"), "last_item_at": _when(last_item),
                "last_success": _when(last_success), "days_silent": _days_between(last_item, now),
                "runs": int(source["runs"])}
        if len(statuses) >= rule.failing_runs and all(s == "failed" for s in statuses[:rule.failing_runs]):
            since = last_success.date().isoformat() if last_success else "never"
            payload = dict(base, state="broken", failed_runs=rule.failing_runs,
                           last_error=_first_error(source.get("last_errors")),
                           why=f"the last {rule.failing_runs} crawl runs failed; last success: {since}")
            alert_id = f"{SILENT}:{source['source_id']}:broken:{since}"
        else:
            limit = rule.quiet_days_for(source.get("category"))
            reference = last_item or source.get("first_run_at")
            days = _days_between(reference, now)
            if days is None or days < limit:
                continue
            since = reference.date().isoformat()
            payload = dict(base, state="quiet", quiet_days=limit, days_silent=days,
                           why=f"crawls succeed but no new item for {days} days (threshold {limit})")
            alert_id = f"{SILENT}:{source['source_id']}:quiet:{since}"
        if alert_id not in alerted:
            found.append(Alert(alert_id, SILENT, payload))
    return found


def _first_error(samples) -> str | None:
    try:
        items = json.loads(samples) if isinstance(samples, str) else (samples or [])
    except ValueError:
        return None
    for item in items:
        if isinstance(item, dict) and item.get("error"):
            return str(item["error"])[:200]
    return None


# --- the digest --------------------------------------------------------------------------

def headline(counts: dict[str, int]) -> str:
    """'3 new stories · 1 spike · 2 silent sources'; zero counts beyond new stories left out."""
    words = [(NEW_STORY, "new story", "new stories"), (STORY_SPREAD, "story spreading", "stories spreading"),
             (SPIKE, "spike", "spikes"), (SILENT, "silent source", "silent sources"),
             (WATCH, "watch line", "watch lines")]
    parts = [f"{counts.get(kind, 0)} {one if counts.get(kind, 0) == 1 else many}"
             for kind, one, many in words if kind == NEW_STORY or counts.get(kind)]
    return " · ".join(parts)


def digest(alerts: list[Alert], *, generated: datetime, since: date | None = None,
           earlier: int = 0, coverage: dict | None = None) -> dict:
    """What one report says: the alerts by kind; looking back, how many stories first published
    since then were in earlier reports (counted, not listed again)."""
    by_kind = {kind: [a.payload for a in alerts if a.kind == kind] for kind in KINDS}
    counts = {kind: len(items) for kind, items in by_kind.items()}
    return {
        "generated_at": generated.isoformat(), "since": _when(since), "counts": counts,
        "headline": headline(counts), "alert_ids": [a.alert_id for a in alerts], "earlier": earlier,
        "stories": by_kind[NEW_STORY], "spreads": by_kind[STORY_SPREAD], "spikes": by_kind[SPIKE],
        "silent": by_kind[SILENT], "watches": by_kind[WATCH], "coverage": coverage or {"days": [], "countries": []},
    }
