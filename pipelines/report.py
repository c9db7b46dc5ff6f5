"""Render the report of new relevant stories: one line per story, grouped by country."""
from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

FORMATS = ("html", "md", "json")
EXTENSIONS = {"html": "html", "md": "md", "json": "json"}
OTHER = "other"

COUNTRY_NAMES = {
    "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "UZ": "Uzbekistan", "TJ": "Tajikistan",
    "TM": "Turkmenistan", "AM": "Armenia", "AZ": "Azerbaijan", "GE": "Georgia",
    "BY": "Belarus", "RU": "Russia", "UA": "Ukraine", OTHER: "Other / region-wide",
}


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("pipelines", "templates"),
                       autoescape=select_autoescape(enabled_extensions=("html", "html.j2")), trim_blocks=True, lstrip_blocks=True)


def group_by_country(stories: list[dict]) -> list[tuple[str, list[dict]]]:
    """A story about several countries is listed under each; countries in a stable order."""
    groups: dict[str, list[dict]] = {}
    for story in stories:
        for country in story.get("countries") or [OTHER]:
            groups.setdefault(country, []).append(story)
    order = list(COUNTRY_NAMES)
    return sorted(groups.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def render(stories: list[dict], fmt: str, *, generated: datetime, since: datetime | None) -> str:
    if fmt == "json":
        payload = {"generated_at": generated.isoformat(), "since": _plain(since),
                   "stories": [{k: _plain(v) for k, v in s.items()} for s in stories]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    template = _env().get_template(f"report.{fmt}.j2")
    return template.render(stories=stories, groups=group_by_country(stories), names=COUNTRY_NAMES,
                           generated=generated, since=since)
