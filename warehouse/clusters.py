"""The story index beside the warehouse: opened in line with the stored articles, saved after
each load, and story merges written back (the warehouse is the truth, the index its cache).

`open_index` trusts a saved index only when the warehouse still matches the stamp it was
saved with; otherwise it brings the index in line: stored articles it lacks are indexed
under their stored cluster_id (nothing re-clustered), and stored cluster_ids win over its own.
Without a saved index it rebuilds from the warehouse the same way.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.models import Batch
from pipelines.stories.dedup import Known
from pipelines.stories.story_index import Doc, StoryIndex
from warehouse import sql, story_store

FETCH_ROWS = 20_000


def index_dir(home: Path) -> Path:
    """Where the story index lives in the home directory."""
    return Path(home) / "index"


def stamp(con: duckdb.DuckDBPyConnection) -> list:
    return list(con.execute(sql.query("index_stamp")).fetchone())


def known_state(con: duckdb.DuckDBPyConnection, index_dir: Path | None = None) -> Known:
    """Canonical URLs and hashes of every stored article, and the story index."""
    known = copies(con)
    known.index = open_index(con, index_dir)
    return known


def copies(con: duckdb.DuckDBPyConnection) -> Known:
    """Canonical URLs and hashes of every stored article (the story index left empty)."""
    known = Known()
    for canonical, digest, article_id in con.execute(sql.query("known_hashes")).fetchall():
        known.canonical_urls.add(canonical)
        known.hashes[digest] = article_id
    return known


def open_index(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> StoryIndex:
    loaded = story_store.load(Path(folder)) if folder else None
    current = stamp(con)
    if loaded and loaded[1] == current:
        return loaded[0]
    index = loaded[0] if loaded else StoryIndex()
    stored = dict(con.execute(sql.query("article_clusters")).fetchall())
    if any(aid not in stored for aid in index.ids):  # saved ahead of a load that rolled back
        index = StoryIndex()
    missing = [aid for aid in stored if aid not in index]
    cursor = con.execute(sql.query("index_articles"), {"ids": missing})
    while rows := cursor.fetchmany(FETCH_ROWS):
        docs = [Doc(article_id=r[0], language=r[1], title=r[2] or "", text=r[3] or "", published_at=r[4],
                    first_seen_at=r[5], organizations=list(r[6] or []), countries=list(r[7] or []),
                    report_index=r[8], cluster_id=r[9], source_id=r[10]) for r in rows]
        index.add(docs, [d.cluster_id for d in docs])
    index.relabel(stored)
    return index


def save_index(index: StoryIndex, folder: Path, after: list) -> None:
    """Save after the load committed, stamped with the warehouse state `after` it. When the
    counts disagree (another writer loaded meanwhile), save unstamped: the next open syncs."""
    story_store.save(index, Path(folder), after if after and after[0] == len(index) else None)


def refresh(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Inside the load's transaction: re-point merged stories' articles to the story they
    joined, drop their rows, and recompute the rows of every story the batch touched."""
    for loser, winner in sorted(batch.merges.items()):
        con.execute(sql.query("merge_cluster"), {"loser": loser, "winner": winner})
        con.execute(sql.query("delete_cluster"), {"cluster_id": loser})
    touched = {a.cluster_id for a in batch.articles} | set(batch.merges.values())
    if touched:
        con.execute(sql.query("refresh_clusters"), {"cluster_ids": sorted(touched)})
