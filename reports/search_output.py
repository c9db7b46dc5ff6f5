"""Search hits out (`rightswatch search --format`): a line per story to read, or every field in
CSV or JSON (the snippet, the spans of its matched words, and the snippet with them in brackets)."""
from __future__ import annotations

from typing import TextIO

from reports import rows

FORMATS = ("table", "json", "csv")
COLUMNS = ["cluster_id", "score", "title", "url", "language", "languages", "first_reported", "first_source",
           "first_url", "countries", "topics", "articles", "matched", "snippet", "marks", "marked"]


def write(hits: list, fmt: str, out: TextIO) -> int:
    """The hits (workflows.search.StoryHit), best first, in ``fmt``."""
    if fmt == "table":
        return _lines(hits, out)
    records = [{**hit.as_dict(), "marked": hit.snippet.plain()} for hit in hits]
    batch = [[record[c] for c in COLUMNS] for record in records]
    writer = rows.write_json if fmt == "json" else rows.write_csv
    return writer(COLUMNS, [batch], out)


def _lines(hits: list, out: TextIO) -> int:
    """One line a story: rank, first report's day and outlet, languages, title, the passage, link."""
    for rank, hit in enumerate(hits, 1):
        day = (hit.first_reported or "")[:10] or "undated"
        passage = " ".join(hit.snippet.plain().split())
        out.write(f"{rank:>3}. {day}  {hit.first_source or '?'}  [{' '.join(hit.languages) or hit.language}]  "
                  f"{' '.join(hit.title.split())} — {passage}  {hit.url}\n")
    out.write(f"({len(hits)} {'story' if len(hits) == 1 else 'stories'}, best first; "
              f"[brackets] mark the words that matched)\n")
    return len(hits)
