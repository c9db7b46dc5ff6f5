"""The desk's pages at a million articles: p50 and p95 of each page over HTTP (uvicorn, as
`rightswatch serve` runs it), next to the page's own main query run alone on a fresh read-only
connection in the same run (the plain query of the same data; in a process of its own, since
DuckDB would hand this process's kept desk connection to a connection opened here). Target: every
page < 300 ms. `desk_first_page` is Today asked FIRST_AFTER seconds after the server listens (as
one clicks the address `serve` printed; the kept connection was opened and warmed meanwhile);
`desk_page_after_idle` is Today once the connection was closed for being idle (reopened cold).

The warehouse is the search bench's (bench/sql/fill_warehouse.sql with texts of the region's
words, and its search index), plus crawl errors by kind and article versions (sql/desk_extras.sql).
RIGHTSWATCH_BENCH_DESK_HOME=DIR fills DIR once and times the pages on it again on later runs."""
from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path

import duckdb

from bench import Figure
from bench.cookbook import ARTICLES, fill
from bench.search import _make_texts, _ms, _vocabulary
from desk import render
from desk.app import create_app
from desk.server import _bind
from workflows import desk as desk_pages
from workflows.alerts import load_config
from warehouse import db, search_index, sql
from warehouse.shared_reader import IDLE_SECONDS
from workflows.settings import Settings

SQL = Path(__file__).with_name("sql")
EXTRAS = SQL / "desk_extras.sql"
REQUESTS = int(os.environ.get("RIGHTSWATCH_BENCH_PAGE_REQUESTS", "20"))
FIRST_AFTER = 2.0
SEARCHES = ["митинг", "Toxtaxunov", '"рұқсат берілмеді"', "жиын OR акция country:KZ", "აქცია", "Երևան",
            "protest topic:assembly", "Oʻzbekiston"]


def _sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def _prepare(home: Path) -> None:
    path = home / "warehouse.duckdb"
    fill(path, ARTICLES)
    con = duckdb.connect(str(path))
    con.execute("SET memory_limit = '6GB'")
    _make_texts(con, ARTICLES, _vocabulary())
    for statement in duckdb.extract_statements(EXTRAS.read_text(encoding="utf-8")):
        con.execute(statement.query)
    search_index.refresh(con, home)
    con.close()


def _pages(con) -> dict[str, list[str]]:
    """Each page's addresses, varied over the requests (stories, days, queries)."""
    stories = [r[0] for r in con.execute(_sql("desk_sample_stories"), {"n": REQUESTS}).fetchall()]
    changed = [r[0] for r in con.execute(_sql("desk_sample_versions"), {"n": REQUESTS}).fetchall()]
    last = con.execute(sql.query("desk_coverage_last_day")).fetchone()[0]
    days = [(last - timedelta(days=n)).isoformat() for n in range(REQUESTS)]
    query = lambda **kw: urllib.parse.urlencode(kw)
    return {
        "today": [f"/today?since={d}" for d in days],
        "story": [f"/story/{c}" for c in stories],
        "evidence": [f"/evidence/{a}?version=3" for a in changed],
        "search": [f"/search?{query(q=q)}" for q in SEARCHES],
        "coverage": [f"/coverage?{query(to=d)}" for d in days],
        "coverage_csv": [f"/coverage.csv?{query(to=d, part='languages')}" for d in days],
        "sources": ["/sources"],
        "sql": [f"/sql?{query(q='SELECT day, country, stories FROM coverage_daily WHERE topic = ' + repr('assembly') + ' AND day >= DATE ' + repr(d) + ' ORDER BY day DESC, country LIMIT 50')}" for d in days],
    }


def _plain(path: Path, text: str, params: dict) -> float:
    """One plain query as an analyst's tool runs it: a fresh read-only connection, the page's main
    query, every row fetched."""
    start = time.perf_counter()
    with db.reader(path) as con:
        con.execute(text, params).fetchall()
    return time.perf_counter() - start


def _baselines(path: Path, con) -> dict[str, tuple[str, dict]]:
    last = con.execute(sql.query("desk_coverage_last_day")).fetchone()[0]
    story = con.execute(_sql("desk_sample_stories"), {"n": 1}).fetchone()[0]
    cover = {"first_day": last - timedelta(days=29), "last_day": last,
             "countries": ["KZ", "KG", "UZ", "TJ", "TM", "AM", "AZ", "GE", "BY", "RU", "UA"], "topics": ["lgbt", "assembly"]}
    today = {"threshold": 0.5, "limit": 50, "offset": 0, "since": last - timedelta(days=1),
             "countries": cover["countries"], "topics": cover["topics"]}
    named = {"today": ("desk_today", today), "story": ("desk_story_articles", {"cluster_id": story}),
             "evidence": ("desk_article", {"article_id": "0"}), "coverage": ("desk_coverage_topics", cover),
             "coverage_csv": ("desk_coverage_languages", cover), "sources": ("alert_sources", {}),
             "sql": ("desk_coverage_topics", cover)}
    found = {page: (f"{name}.sql", sql.query(name), params) for page, (name, params) in named.items()}
    found["search"] = ("an ILIKE scan of the texts", _sql("search_ilike"),
                       {"p": "%митинг%"})
    return found


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.status == 200, url
    return time.perf_counter() - start


def run(results: list[Figure]) -> None:
    import uvicorn

    kept = os.environ.get("RIGHTSWATCH_BENCH_DESK_HOME")  # a home to fill once and time again
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(kept or tmp)
        if not (home / "warehouse.duckdb").exists():
            home.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            _prepare(home)
            results.append(Figure("desk_fill_warehouse", time.perf_counter() - start,
                                  f"s for {ARTICLES:,} articles with texts and the search index"))
        settings = Settings(home=home)
        with db.reader(settings.warehouse) as con:  # closed before the desk keeps its own
            pages, baselines = _pages(con), _baselines(settings.warehouse, con)
        sock = _bind("127.0.0.1", 0)
        server = uvicorn.Server(uvicorn.Config(create_app(settings, load_config(None)), log_level="warning",
                                               lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        desk_pages.start(settings, load_config(None))  # as `serve` does once it listens
        threading.Thread(target=render.warm, daemon=True).start()
        thread.start()
        while not server.started:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        try:
            time.sleep(FIRST_AFTER)
            results.append(Figure("desk_first_page", _get(base + pages["today"][0]) * 1000,
                                  f"ms (Today, {FIRST_AFTER:g} s after the server listens)"))
            with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as plain_runner:
                for name, urls in pages.items():
                    _get(base + urls[0])  # warm: templates compiled, letter tables read
                    seconds = [_get(base + urls[n % len(urls)]) for n in range(REQUESTS)]
                    what, text, params = baselines[name]
                    plain = statistics.median(plain_runner.submit(_plain, settings.warehouse, text, params).result()
                                              for _ in range(5)) * 1000
                    for share, label in ((0.5, "p50"), (0.95, "p95")):
                        results.append(Figure(f"desk_{name}_{label}", _ms(seconds, share),
                                              f"ms ({REQUESTS} requests)", plain, f"{what} alone"))
            time.sleep(IDLE_SECONDS + 1)
            results.append(Figure("desk_page_after_idle", _get(base + pages["today"][1]) * 1000,
                                  f"ms (Today, its connection closed after {IDLE_SECONDS:g} s idle)"))
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            desk_pages.stop()
