"""Search at a million articles: index build time and size, and query latency (parse, index,
stories from the warehouse, snippets) next to a plain ILIKE scan of `articles.text`, same run.

The warehouse is the cookbook bench's (bench/sql/fill_warehouse.sql), its texts
replaced by words of each article's language (sql/search_texts.sql): the real vocabulary of the
labelled tagging set, most frequent first, then a long tail of made-up words of the same
letters, drawn with Zipf-like frequencies, 80-400 words an article. Queries are the
documented kinds (word, phrase, OR, NOT, prefix, NEAR, field filter, --since) over words
drawn at every frequency, in every language and script.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import duckdb

from bench import Figure
from bench.cookbook import ARTICLES, fill
from workflows.settings import PROJECT_ROOT
from pipelines.search import analyze
from warehouse import search_index
from workflows import search
from workflows.settings import Settings

SQL = Path(__file__).with_name("sql")
TEXTS = SQL / "search_texts.sql"
WORDS_FROM = PROJECT_ROOT / "tests" / "fixtures" / "tags" / "labelled.jsonl"
VOCABULARY = 40_000  # words per language and script
CHUNK = 100_000  # articles whose texts are made in one statement
QUERIES = int(os.environ.get("RIGHTSWATCH_BENCH_QUERIES", "120"))
STORIES = 20
FIXED = ["митинг", "жиын", "Тохтахунов", "Toxtaxunov", '"рұқсат берілмеді"', "митинг OR акция -футбол",
         "country:KZ митинг", "Тохт* NEAR/5 суд", "Oʻzbekiston", "აქცია", "Երևան", "protest topic:assembly"]


def _vocabulary() -> dict[str, list[str]]:
    """Per language variant: its real words by frequency, then made-up ones of its letters."""
    counts: dict[str, Counter] = {}
    for line in WORDS_FROM.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        words = analyze.words(f"{row['title']} {row['text']}")
        counts.setdefault(row["language"], Counter()).update(w for w in words if not w.isdigit())
    rng = random.Random(19)
    out = {}
    for variant, counter in counts.items():
        real = [w for w, _ in counter.most_common()]
        made, seen = [], set(real)
        while len(real) + len(made) < VOCABULARY:
            a, b = rng.choice(real), rng.choice(real)
            word = a[: max(2, len(a) // 2)] + b[len(b) // 2:]
            if word not in seen:
                seen.add(word)
                made.append(word)
        out[variant] = real + made
    return out


def _sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def _make_texts(con, articles: int, vocabulary: dict[str, list[str]]) -> None:
    variants, ranks, words, sizes = [], [], [], []
    for variant, listed in vocabulary.items():
        variants += [variant] * len(listed)
        ranks += range(1, len(listed) + 1)
        words += listed
        sizes += [len(listed)] * len(listed)
    con.execute(_sql("search_vocab"), {"v": variants, "r": ranks, "w": words, "s": sizes})
    for first in range(0, articles, CHUNK):
        con.execute(TEXTS.read_text(encoding="utf-8"), {"first": first, "last": min(articles, first + CHUNK)})


def _queries(vocabulary: dict[str, list[str]]) -> list[str]:
    """FIXED, then words drawn log-uniformly over ranks (common to rare) in every variant, with
    the operators of the query language in turn."""
    rng = random.Random(7)
    variants = sorted(vocabulary)
    word = lambda: (lambda v: v[min(len(v), int(len(v) ** rng.random())) - 1])(vocabulary[rng.choice(variants)])
    shapes = [lambda: word(), lambda: f'"{word()} {word()}"', lambda: f"{word()} OR {word()}",
              lambda: f"{word()} -{word()}", lambda: f"{word()[:4]}*" if len(word()) > 3 else word(),
              lambda: f"{word()} NEAR/5 {word()}", lambda: f"{word()} country:KZ", lambda: f"{word()} {word()}"]
    out = list(FIXED)
    while len(out) < QUERIES:
        out.append(shapes[len(out) % len(shapes)]())
    return out


def _search(settings: Settings, con, text: str, filters: search.Filters) -> int:
    """One search as `rightswatch search` runs it (parse, index, stories, snippets); the stories."""
    return len(search.search_stories(settings, con, search.parse_query(text), filters, STORIES))


def _ms(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(results: list[Figure]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        path = home / "warehouse.duckdb"
        fill(path, ARTICLES)
        vocabulary = _vocabulary()
        con = duckdb.connect(str(path))
        con.execute("SET memory_limit = '6GB'")
        start = time.perf_counter()
        _make_texts(con, ARTICLES, vocabulary)
        results.append(Figure("search_fill_texts", time.perf_counter() - start, f"s for {ARTICLES:,} articles"))
        start = time.perf_counter()
        search_index.refresh(con, home)
        results.append(Figure("search_index_build", time.perf_counter() - start, f"s for {ARTICLES:,} articles"))
        size = sum(p.stat().st_size for p in search_index.index_path(home).rglob("*") if p.is_file())
        text_mb = con.execute(_sql("search_text_size")).fetchall()[0][0]
        results.append(Figure("search_index_size", size / 1e6, "MB", text_mb, "text indexed, MB"))
        settings = Settings(home=home)
        queries = _queries(vocabulary)
        since = search.Filters(since_epoch=int(time.time()) - 90 * 86400)
        _search(settings, con, queries[0], search.Filters())  # warm: load the letter tables
        seconds = []
        for n, text in enumerate(queries):
            begin = time.perf_counter()
            _search(settings, con, text, since if n % 4 == 3 else search.Filters())
            seconds.append(time.perf_counter() - begin)
        scans = []
        for text in FIXED[:3]:
            begin = time.perf_counter()
            con.execute(_sql("search_ilike"), {"p": f"%{text}%"}).fetchall()
            scans.append(time.perf_counter() - begin)
        scan = 1000 * statistics.median(scans)
        results.append(Figure("search_query_p50", _ms(seconds, 0.5), f"ms ({len(queries)} queries)", scan, "ILIKE scan"))
        results.append(Figure("search_query_p95", _ms(seconds, 0.95), "ms", scan, "ILIKE scan"))
        results.append(Figure("search_query_max", 1000 * max(seconds), "ms", scan, "ILIKE scan"))
        con.close()
