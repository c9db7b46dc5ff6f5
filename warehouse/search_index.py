"""The full-text index of articles: a tantivy index in `<home>/search`, refreshed incrementally.

Why tantivy: on a million articles it answers the commonest words in tens of milliseconds
where SQLite FTS5 (the other engine at hand; DuckDB 2.0.1 has no `fts` extension) takes
seconds once it must rank every match, and its files are a fraction of FTS5's
(docs/search.md has the measurements). The index holds search terms (pipelines/search), not
text: the warehouse stays the one copy of every article, and snippets are cut from it.

One writer at a time (tantivy's lock, like DuckDB's); readers never wait. `state.json`
records what the index was built against: the analyzer's fingerprint (a change rebuilds it)
and the last `loaded_at` indexed (a refresh reads only what was loaded after it, and replaces
an article it meets again, so a crash between commit and state changes nothing).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipelines.search import analyze
from warehouse import sql

INDEX_DIR = "search"
BATCH = 2000
WRITER_HEAP = 64_000_000  # bytes tantivy buffers before it writes a segment
FIELDS = ("country", "topic", "lang", "source")  # the query language's field filters
LAYOUT = 2  # the index's fields: a change rebuilds it, like a change of the analyzer


def index_path(home: Path) -> Path:
    return Path(home) / INDEX_DIR


def schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("article_id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="position")
    for name in FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    builder.add_integer_field("loaded", stored=False, indexed=True, fast=True)  # watches: what arrived
    return builder.build()


@dataclass
class Refreshed:
    """What a refresh did: articles (re)indexed, whether it rebuilt the index from nothing."""

    indexed: int
    rebuilt: bool
    total: int


def _state(path: Path) -> dict:
    try:
        return json.loads((path / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_state(path: Path, state: dict) -> None:
    tmp = path / "state.json.tmp"
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path / "state.json")


def open_index(path: Path, create: bool = False):
    """The tantivy index at ``path`` (created when asked and missing), or None."""
    import tantivy

    if not (path / "meta.json").exists():
        if not create:
            return None
        path.mkdir(parents=True, exist_ok=True)
        return tantivy.Index(schema(), path=str(path))
    return tantivy.Index.open(str(path))


def document(row: dict, analyzer: analyze.Analyzer):
    """One article as the index holds it: its title's and text's terms, its tags, its day."""
    import tantivy

    doc = tantivy.Document()
    doc.add_text("article_id", row["article_id"])
    language = row["language"] or "und"
    terms = analyzer.terms(row["title"] or "", language) + analyzer.terms(row["text"] or "", language)
    doc.add_text("body", " ".join(terms))
    doc.add_text("lang", language)
    doc.add_text("source", (row["source_id"] or "").lower())
    for country in row["countries"] or ():
        doc.add_text("country", country.upper())
    for topic in row["topics"] or ():
        doc.add_text("topic", topic.lower())
    doc.add_integer("day", int(row["day"] or 0))
    doc.add_integer("loaded", int(row["loaded"] or 0))
    return doc


def behind(con, home: Path) -> bool:
    """Whether the warehouse holds articles loaded after the index's last refresh (or it has none)."""
    state = _state(index_path(home))
    if state.get("analyzer") != f"{analyze.fingerprint()}/{LAYOUT}" or not (index_path(home) / "meta.json").exists():
        return True
    newest = con.execute(sql.query("search_newest_load")).fetchone()[0]
    return newest is not None and newest != state.get("loaded_at")


def refresh(con, home: Path, rebuild: bool = False,
            progress: Callable[[int], None] | None = None) -> Refreshed:
    """Index the articles loaded since the last refresh (all of them when the index is new, its
    analyzer changed, or ``rebuild``). ``con`` is a DuckDB connection to the warehouse."""
    path = index_path(home)
    state = _state(path)
    fingerprint = f"{analyze.fingerprint()}/{LAYOUT}"
    rebuilt = rebuild or state.get("analyzer") != fingerprint or open_index(path) is None
    if rebuilt:
        shutil.rmtree(path, ignore_errors=True)
        state = {}
    index = open_index(path, create=True)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
    analyzer = analyze.Analyzer()
    cursor = con.execute(sql.query("search_articles_since"), {"since": state.get("loaded_at")})
    names = [d[0] for d in cursor.description]
    indexed, last = 0, state.get("loaded_at")
    while batch := cursor.fetchmany(BATCH):
        for values in batch:
            row = dict(zip(names, values))
            if not rebuilt:
                writer.delete_documents_by_term("article_id", row["article_id"])
            writer.add_document(document(row, analyzer))
            last = row["loaded_at"]
        indexed += len(batch)
        if progress:
            progress(indexed)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    total = index.searcher().num_docs
    _save_state(path, {"analyzer": fingerprint, "loaded_at": last, "articles": total})
    return Refreshed(indexed, rebuilt, total)
