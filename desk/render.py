"""The desk's pages as HTML: its own templates beside the report's (a story's line is the report's
own `_story_line.html.j2`), everything escaped, with the report's filters."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader

from reports import charts
from reports.render import filters

CSS = (Path(__file__).with_name("desk.css")).read_text(encoding="utf-8")
PAGES = (("today", "Today"), ("search", "Search"), ("coverage", "Coverage"), ("sources", "Sources"), ("sql", "SQL"))


def query_string(params) -> str:
    """`a=1&b=x` of (name, value) pairs, empty values left out, everything URL-encoded."""
    return urlencode([(k, str(v)) for k, v in params if v not in (None, "")])


@cache
def environment() -> Environment:
    env = Environment(loader=ChoiceLoader([PackageLoader("desk", "templates"), PackageLoader("reports", "templates")]),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(filters())
    env.filters["query"] = query_string
    env.filters["num"] = lambda value, digits=0: "" if value is None else f"{value:,.{digits}f}"
    env.globals.update(pages=PAGES, colours=charts.TOPIC_COLOURS, story_href=lambda cid: f"/story/{quote(cid, safe='')}")
    return env


def page(name: str, **context) -> str:
    """The page `name`.html.j2 rendered with `context`."""
    return environment().get_template(f"{name}.html.j2").render(page=name, **context)


def warm() -> None:
    """Compile every page's template now (the server's start) rather than on its first request."""
    for name in (*(n for n, _ in PAGES), "story", "evidence", "error"):
        environment().get_template(f"{name}.html.j2")
