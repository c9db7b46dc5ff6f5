"""Render an alert digest (pipelines.alerts.digest) as self-contained HTML, Markdown or JSON."""
from __future__ import annotations

import json
from functools import cache, lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from pipelines import region
from pipelines.search.snippet import Snippet
from reports import charts

FORMATS = ("html", "md", "json")
EXTENSIONS = {"html": "html", "md": "md", "json": "json"}
OTHER = "other"

COUNTRY_NAMES = {**region.COUNTRIES, OTHER: "Region-wide"}
TOPIC_NAMES = {"lgbt": "LGBT rights", "assembly": "Freedom of assembly", OTHER: "Other topics"}
STATE_NAMES = {"broken": "broken crawl", "quiet": "quiet outlet"}


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(filters())
    env.filters["md"] = _md_text
    env.filters["marked_md"] = lambda value: " ".join(snippet_of(value).markdown().split())
    return env


def filters() -> dict:
    """The report's template filters (the desk's templates use them too)."""
    return {"day": lambda value: str(value or "")[:10], "country": lambda code: COUNTRY_NAMES.get(code, code),
            "topic": lambda code: TOPIC_NAMES.get(code, code), "state": lambda code: STATE_NAMES.get(code, code),
            "others": other_countries,
            "marked_html": lambda value: snippet_of(value).html()}  # escaped: the template adds |safe


def snippet_of(value: dict | None) -> Snippet:
    """A watch line's passage ({text, marks}, as recorded) with its matched words marked."""
    value = value or {}
    return Snippet(value.get("text") or "", tuple(tuple(m) for m in value.get("marks") or ()))


def _md_text(value) -> str:
    """Text safe inside a Markdown line: no line breaks, brackets that cannot open a link."""
    text = " ".join(str(value or "").split())
    return text.replace("[", "(").replace("]", ")").replace("|", "/")


def _order(code: str) -> tuple:
    order = list(COUNTRY_NAMES)
    return (order.index(code) if code in order else len(order), code)


def group_stories(stories: list[dict]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Country, then topic, then the stories newest first: each story once, under its main
    country (`other` when it is about the region with no main one) and its main topic."""
    groups: dict[str, dict[str, list[dict]]] = {}
    for story in stories:
        groups.setdefault(main_country(story), {}).setdefault(story.get("topic") or OTHER, []).append(story)
    result = []
    for country in sorted(groups, key=_order):
        topics = groups[country]
        ordered = sorted(topics, key=lambda t: (t == OTHER, list(TOPIC_NAMES).index(t) if t in TOPIC_NAMES else 99, t))
        result.append((country, [(t, _newest_first(topics[t])) for t in ordered]))
    return result


def main_country(story: dict) -> str:
    """The country a story is listed under; lines written before main countries existed use their first."""
    if "country" in story:
        return story["country"] or OTHER
    return (story.get("countries") or [OTHER])[0]


def other_countries(story: dict) -> list[str]:
    """The countries a story's line names beside the one it is listed under."""
    main = main_country(story)
    return [c for c in story.get("countries") or [] if c != main]


def _newest_first(stories: list[dict]) -> list[dict]:
    """Newest first, undated last (ISO strings sort as dates)."""
    return sorted(stories, key=lambda s: (s.get("published_at") or "", s.get("cluster_id", "")), reverse=True)


def _charts(coverage: dict) -> list[dict]:
    return [dict(c) for c in _drawn(json.dumps(coverage, sort_keys=True))]


@lru_cache(maxsize=4)
def _drawn(coverage_json: str) -> tuple[dict, ...]:
    """Charts drawn once per coverage: a run renders the same charts for the file and each recipient."""
    coverage = json.loads(coverage_json)
    days = coverage.get("days") or []
    found = []
    for entry in coverage.get("countries") or []:
        name = COUNTRY_NAMES.get(entry["country"], entry["country"])
        found.append({"country": entry["country"], "name": name, "stories": entry["stories"],
                      "spark": charts.sparkline(entry["total"]),
                      "src": charts.data_uri(charts.svg(entry, days, f"{name}: stories a day"))})
    return tuple(found)


def render(digest: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(digest, ensure_ascii=False, indent=2) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    coverage = digest.get("coverage") or {}
    chart_list = _charts(coverage) if fmt == "html" else [
        {"country": e["country"], "name": COUNTRY_NAMES.get(e["country"], e["country"]),
         "stories": e["stories"], "spark": charts.sparkline(e["total"])}
        for e in coverage.get("countries") or []]
    return _env().get_template(f"report.{fmt}.j2").render(chart_size=charts.SIZE_PX,
        d=digest, groups=group_stories(digest.get("stories") or []), charts=chart_list,
        days=coverage.get("days") or [], new_count=digest["counts"].get("new_story", 0))
