"""The whole pipeline on the demo site: crawl, extract, language, tagging and load, each against a
simple baseline doing the least the step must do, run in the same process."""
from __future__ import annotations

import json
import re
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lxml import html as lxml_html

from bench import Figure
from pipelines import process
from pipelines.language import language
from pipelines.models import Batch, LandedItem
from pipelines.tagging import tagging
from scrapers.crawl import crawl
from scrapers.demo_site import server
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from warehouse import db, load

REPEAT = 5


def _rate(func, items, repeat=REPEAT) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            func(item)
    return repeat * len(items) / (time.perf_counter() - start)


def _landed(home: Path) -> list[LandedItem]:
    run = sorted(p for p in (home / "landing").iterdir() if not p.name.startswith(".") and p.is_dir())[-1]
    with open(run / "items.jsonl", encoding="utf-8") as fh:
        return [process.parse_landed_line(line) for line in fh]


def bench_crawl(home: Path, results: list) -> list[LandedItem]:
    with server.serve() as site:
        registry = home / "sources.toml"
        registry.write_text(server.sources_toml(site.base_url), encoding="utf-8")
        start = time.perf_counter()
        manifest = crawl(home, load_sources(registry), overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
        crawl_rate = manifest["items"] / (time.perf_counter() - start)
        items = _landed(home)
        fetch = lambda item: urllib.request.urlopen(item.url, timeout=10).read()
        start = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(fetch, items))
        baseline = len(items) / (time.perf_counter() - start)
    results.append(("crawl_demo_site", crawl_rate, "docs/s", baseline, "urllib, 8 threads, same URLs"))
    return items


def bench_stages(items: list[LandedItem], results: list) -> list:
    html_items = [i for i in items if not i.url.endswith(".pdf")]
    extract = _rate(process.from_landed, html_items)
    parse = _rate(lambda i: lxml_html.fromstring(i.body).text_content(), html_items)
    results.append(("extract_html", extract, "docs/s", parse, "lxml parse + text_content"))
    articles = [process.from_landed(i) for i in items]
    texts = [a.title + "\n" + a.text for a in articles]
    region = _rate(language.detect, texts)
    plain = _rate(lambda t: language.detect(t, backend="py3langid"), texts)
    results.append(("langid_region", region, "docs/s", plain, "py3langid unrestricted"))
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    tag_seconds = 1 / _rate(lambda _: [tagging.tag("", t) for t in texts], [0])
    token_seconds = 1 / _rate(lambda _: [re.findall(r"\w+", t.casefold()) for t in texts], [0])
    results.append(("tagging", megabytes / tag_seconds, "MB/s", megabytes / token_seconds,
                    "regex tokenising only"))
    return articles


def bench_load(articles: list, results: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        batch = Batch(run_id="bench", items=len(articles), articles=articles)
        process.detect_languages(articles)
        process.tag_articles(articles)
        with db.writer(Path(tmp) / "w.duckdb") as con:
            process.deduplicate([batch], load.known_state(con))
            start = time.perf_counter()
            load.load_batch(con, batch)
            rate = len(batch.articles) / (time.perf_counter() - start)
            start = time.perf_counter()
            rows = [json.dumps(load._article_row(a, load.now()), default=str) for a in batch.articles]
            (Path(tmp) / "rows.jsonl").write_text("\n".join(rows), encoding="utf-8")
            baseline = len(rows) / (time.perf_counter() - start)
    results.append(("load_duckdb", rate, "rows/s", baseline, "JSON lines to a file"))


def run(results: list[Figure]) -> None:
    raw: list = []
    with tempfile.TemporaryDirectory() as home:
        items = bench_crawl(Path(home), raw)
    articles = bench_stages(items, raw)
    bench_load(articles, raw)
    results += [Figure(name, value, unit, baseline, what) for name, value, unit, baseline, what in raw]
