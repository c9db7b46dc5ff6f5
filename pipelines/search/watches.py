"""Watches: saved searches that alert. Their settings, checked, and the rule that turns a watch's
matching stories into alerts: one per story, never twice, and a "spreads" line when a story
already alerted reaches a language it was not alerted in.

A watch is a `[[watches]]` table (in alerts.toml or watches.toml):

    [[watches]]
    name = "tokhtakhunov"                 # [a-z0-9-]: the feed is reports/feeds/<name>.xml
    query = 'Тохтахунов OR "Bishkek court"'
    recipients = ["analysts"]             # names of [recipients.*]; empty: the report only
    countries = ["KG"]                    # optional, like the query's country:, topic:, lang:
    topics = []
    languages = []
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.search import analyze, query as q
from core.errors import BadInput

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_KEYS = {"name", "query", "recipients", "countries", "topics", "languages"}
RESERVED = {"digest"}  # the digest's own feed is feeds/digest.xml


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    tree: object  # the parsed query (pipelines/search/query.py)
    recipients: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


def _strings(where: str, entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadInput(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse(entries, where: str, recipients: set[str]) -> tuple[SavedSearch, ...]:
    """The `[[watches]]` tables of a file; BadInput names the file, the watch and the key, and
    for a query that cannot be read, the position of the mistake."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BadInput(f"{where}: 'watches' must be [[watches]] tables")
    out, names = [], set()
    for number, entry in enumerate(entries, 1):
        name = entry.get("name")
        label = f"{where}: watch {name!r}" if isinstance(name, str) else f"{where}: watch #{number}"
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise BadInput(f"{label}: 'name' must be lower-case letters, digits and hyphens")
        if name in RESERVED:
            raise BadInput(f"{label}: the name '{name}' is taken by the digest's feed")
        if name in names:
            raise BadInput(f"{label}: the name is used twice")
        names.add(name)
        unknown = set(entry) - _KEYS
        if unknown:
            raise BadInput(f"{label}: unknown key '{sorted(unknown)[0]}' (expected one of {', '.join(sorted(_KEYS))})")
        text = entry.get("query")
        if not isinstance(text, str) or not text.strip():
            raise BadInput(f"{label}: 'query' must be a search query")
        try:
            tree = q.parse(text, analyze.words)
        except q.QueryError as exc:
            raise BadInput(f"{label}: query: {exc}") from None
        sent_to = _strings(label, entry, "recipients")
        missing = [r for r in sent_to if r not in recipients]
        if missing:
            raise BadInput(f"{label}: recipient '{missing[0]}' is not defined in [recipients]")
        out.append(SavedSearch(name, text, tree, sent_to,
                               tuple(c.upper() for c in _strings(label, entry, "countries")),
                               tuple(t.lower() for t in _strings(label, entry, "topics")),
                               tuple(lang.lower() for lang in _strings(label, entry, "languages"))))
    return tuple(out)


@dataclass(frozen=True)
class WatchAlert:
    """One line of a watch's alert: a story newly matched, or one that spread to new languages."""

    watch: str
    cluster_id: str
    kind: str  # "match" | "spreads"
    languages: tuple[str, ...]  # the story's languages now
    new_languages: tuple[str, ...]  # for "spreads": those it was not alerted in
    story: dict  # the search's story row (title, url, snippet text, first report, ...)


def alerts(watch: SavedSearch, stories: list[dict], alerted: dict[str, tuple[str, ...]]) -> list[WatchAlert]:
    """What a watch says about the stories it matches, given the languages each story was already
    alerted in for this watch (``alerted``): a story not alerted yet is a match; one alerted
    whose languages grew spreads; anything else was said already."""
    out = []
    for story in stories:
        languages = tuple(sorted(story.get("languages") or ()))
        before = alerted.get(story["cluster_id"])
        if before is None:
            out.append(WatchAlert(watch.name, story["cluster_id"], "match", languages, (), story))
        elif new := tuple(lang for lang in languages if lang not in before):
            out.append(WatchAlert(watch.name, story["cluster_id"], "spreads", languages, new, story))
    return out
