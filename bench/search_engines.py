"""Why the search index is tantivy: the same synthetic corpus indexed by tantivy and by SQLite FTS5.

Not part of `make bench` (no `run`: it takes minutes and gigabytes at a million articles). Run
`python -m bench.search_engines [ARTICLES]`; docs/search.md has the figures.
Documents are space-separated terms drawn with Zipf frequencies from 300,000; each engine
returns the top 1,000 of a query by its own BM25.
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

LETTERS = "abdefghijklmnoprstuvz"
VOCABULARY = 300_000


def _word(i: int) -> str:
    x, out = i * 2654435761 % 2**32, []
    for _ in range(3 + i % 7):
        out.append(LETTERS[x % len(LETTERS)])
        x = (x // 7 * 40503 + i) % 2**32
    return "".join(out) + str(i % 10)


def _documents(n: int, vocabulary: list[str], batch: int = 20_000):
    rng = np.random.default_rng(7)
    cdf = np.cumsum(1 / np.arange(1, VOCABULARY + 1) ** 1.07)
    cdf /= cdf[-1]
    for start in range(0, n, batch):
        lengths = rng.integers(80, 420, min(batch, n - start))
        picks = np.minimum(np.searchsorted(cdf, rng.random(lengths.sum())), VOCABULARY - 1)
        at = 0
        for i, length in enumerate(lengths):
            yield start + i, " ".join(vocabulary[j] for j in picks[at:at + length])
            at += length


def _queries(v: list[str]) -> list[tuple[str, list[str]]]:
    out = [("word", [v[rank]]) for rank in (20, 200, 2000, 20000)]
    for rank in (30, 300, 3000):
        out += [("and", [v[rank], v[rank * 3]]), ("or5", v[rank:rank + 5]), ("phrase", [v[rank], v[rank + 1]])]
    return out


def _fts5(path: Path, n: int, vocabulary: list[str]):
    con = sqlite3.connect(path / "fts.db")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 0')")
    con.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", _documents(n, vocabulary))
    con.execute("INSERT INTO t(t) VALUES ('optimize')")
    con.commit()
    ops = {"word": " ", "and": " AND ", "or5": " OR "}

    def search(kind, words):
        match = f'"{" ".join(words)}"' if kind == "phrase" else ops[kind].join(words)
        return con.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 1000", (match,)).fetchall()
    return search


def _tantivy(path: Path, n: int, vocabulary: list[str]):
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    schema = builder.build()
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for _, body in _documents(n, vocabulary):
        doc = tantivy.Document()
        doc.add_text("body", body)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher, Q = index.searcher(), tantivy.Query

    def search(kind, words):
        if kind == "phrase":
            query = Q.phrase_query(schema, "body", words)
        else:
            occur = tantivy.Occur.Must if kind == "and" else tantivy.Occur.Should
            query = Q.boolean_query([(occur, Q.term_query(schema, "body", w)) for w in words])
        return searcher.search(query, 1000).hits
    return search


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1_000_000
    vocabulary = [_word(i) for i in range(VOCABULARY)]
    for name, build in (("tantivy", _tantivy), ("fts5", _fts5)):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            search = build(Path(tmp), n, vocabulary)
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
            print(f"{name}: build {time.perf_counter() - start:.0f} s, {size / 1e6:,.0f} MB for {n:,} documents")
            for kind, words in _queries(vocabulary):
                times = []
                for _ in range(5):
                    begin = time.perf_counter()
                    search(kind, words)
                    times.append(time.perf_counter() - begin)
                print(f"  {kind:6} {' '.join(words)[:40]:40} best {1000 * min(times):8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
