"""Full-text search as a step: the index kept up to date, a query answered with one hit per story.

`rightswatch search`, watches, the desk and the bench call `search_stories`; `process`, `ingest`
and Dagster's `search_index` asset call `refresh_index`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from core.errors import BadInput
from pipelines.search import analyze, query as q, snippet
from warehouse import db, locks, search_index, search_query
from warehouse.search_query import Filters
from workflows.settings import Settings

DEFAULT_LIMIT = 20

__all__ = ["Filters", "StoryHit", "epoch", "parse_query", "refresh_index", "search_command", "search_stories", "write_hits"]


@dataclass(frozen=True)
class StoryHit:
    """One story a search found: its best-matching article and the passage that matched."""

    cluster_id: str
    score: float
    matched: int  # articles of the story among the matches
    title: str
    url: str
    language: str
    snippet: snippet.Snippet
    languages: tuple[str, ...] = ()
    first_reported: str | None = None
    first_source: str | None = None
    first_url: str | None = None
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    size: int = 1
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        """A JSON-ready record: the snippet as plain text with [marks], and its mark spans."""
        return {"cluster_id": self.cluster_id, "score": round(self.score, 4), "title": self.title, "url": self.url,
                "language": self.language, "languages": list(self.languages), "first_reported": self.first_reported,
                "first_source": self.first_source, "first_url": self.first_url, "countries": list(self.countries),
                "topics": list(self.topics), "articles": self.size, "matched": self.matched,
                "snippet": self.snippet.text, "marks": [list(m) for m in self.snippet.marks]}


def epoch(day: date | datetime | None) -> int | None:
    """Seconds since 1970 of a day (UTC midnight) or a time, as the index stores days."""
    if day is None:
        return None
    if not isinstance(day, datetime):
        day = datetime(day.year, day.month, day.day)
    return int((day if day.tzinfo else day.replace(tzinfo=timezone.utc)).timestamp())


def parse_query(text: str, where: str = "query"):
    """The parsed query; BadInput names ``where`` and the position of the mistake."""
    try:
        return q.parse(text, analyze.words)
    except q.QueryError as exc:
        raise BadInput(f"{where}: {exc}") from None


def refresh_index(settings: Settings, progress: Callable[[int], None] | None = None,
                  rebuild: bool = False) -> search_index.Refreshed:
    """Index what was loaded since the last refresh (the home's writers take turns, so two never
    write the index at once); the warehouse is only read."""
    db.ensure(settings.warehouse)
    with locks.writer(settings.home, "search index"):
        with db.reader(settings.warehouse) as con:
            return search_index.refresh(con, settings.home, rebuild=rebuild, progress=progress)


def _fresh_index(settings: Settings, con):
    """The index, refreshed first when the warehouse has articles it has not seen (a load by a
    tool that did not refresh it), so a search never misses what is stored."""
    if search_index.behind(con, settings.home):
        with locks.writer(settings.home, "search index"):
            search_index.refresh(con, settings.home)
    return search_index.open_index(search_index.index_path(settings.home))


def search_stories(settings: Settings, con, query, filters: Filters = Filters(),
                   limit: int = DEFAULT_LIMIT, refresh: bool = True, index=None) -> list[StoryHit]:
    """Stories matching ``query`` (text, or a tree from parse_query), best first, one per story,
    each with the passage of its best article that shows the match. ``con`` reads the warehouse.
    ``refresh=False`` (the read-only desk) searches the index as it is, never writing it, or
    ``index`` as the caller keeps it open."""
    tree = parse_query(query) if isinstance(query, str) else query
    if index is None:
        index = _fresh_index(settings, con) if refresh else search_index.open_index(search_index.index_path(settings.home))
    if index is None:
        return []
    try:
        found = search_query.articles(index, tree, filters)
    except q.QueryError as exc:
        raise BadInput(f"query: {exc}") from None
    rows = search_query.stories(con, found, limit)
    words, prefixes = q.matched_words(tree)
    marks = snippet.Highlighter(words, prefixes)
    return [_hit(row, marks.snippet(row["text"] or row["title"] or "", row["language"] or "und")) for row in rows]


def search_command(settings: Settings, query: str, since: date | None = None, languages=(), countries=(),
                   limit: int = DEFAULT_LIMIT) -> list[StoryHit]:
    """`rightswatch search`: the query checked first (exit 2 naming the position), then run."""
    tree = parse_query(query)
    filters = Filters(languages=tuple(v.lower() for v in languages), countries=tuple(v.upper() for v in countries),
                      since_epoch=epoch(since))
    with db.reader(settings.warehouse) as con:
        return search_stories(settings, con, tree, filters, limit)


def write_hits(hits: list[StoryHit], fmt: str, out) -> int:
    """The hits to ``out`` as `search --format` asks (reports/search_output.py)."""
    from reports import search_output
    return search_output.write(hits, fmt, out)


def _hit(row: dict, passage: snippet.Snippet) -> StoryHit:
    return StoryHit(cluster_id=row["cluster_id"], score=float(row["score"]), matched=int(row["matched"]),
                    title=row["title"] or "", url=row["url"] or "", language=row["language"] or "und",
                    snippet=passage, languages=tuple(sorted(row["languages"] or ())),
                    first_reported=row["first_reported"], first_source=row["first_source"],
                    first_url=row["first_url"], countries=tuple(row["countries"] or ()),
                    topics=tuple(row["topics"] or ()), size=int(row["size"] or 1))
