"""Tagging on one core, next to the other per-article steps of `process`: articles per second
of `pipelines.tagging.tag` against `pipelines.extract.extract_html` and `pipelines.language.detect`.

Extraction runs on the demo site's article pages. Tagging and language identification run on
article-length texts (about 4,000 characters: the demo site's articles of one language joined
three to five at a time), once from a cold start (nothing remembered) and once warm. A ratio
above 1 means tagging is faster than that step: it must never be the slowest."""
from __future__ import annotations

import os
import time
from collections import defaultdict

from bench import Figure, pin_one_core
from workflows.settings import PROJECT_ROOT

SITE = PROJECT_ROOT / "scrapers" / "demo_site" / "site"
MIN_SECONDS = 2.0
ARTICLE_CHARS = 4000


def _pages() -> list[bytes]:
    """The demo site's article pages (listings and other pages without an article left out)."""
    from pipelines.extract.extract import extract_html
    from pipelines.extract.extract_errors import NotAnArticle

    pages = []
    for path in sorted(SITE.rglob("*.html")):
        try:
            extract_html(path.read_bytes())
        except NotAnArticle:
            continue
        pages.append(path.read_bytes())
    return pages


def _articles(extracted: list) -> list[tuple[str, str]]:
    """(title, text) pairs of about ARTICLE_CHARS, each from pages of one language."""
    from pipelines.language import language

    by_language = defaultdict(list)
    for e in extracted:
        if e.text:
            by_language[language.detect(e.title + "\n" + e.text).lang].append(e)
    articles = []
    for pages in by_language.values():
        title, parts = pages[0].title, []
        for page in pages:
            parts.append(page.text)
            if sum(map(len, parts)) >= ARTICLE_CHARS:
                articles.append((title, "\n".join(parts)))
                title, parts = page.title, []
        if parts:
            articles.append((title, "\n".join(parts)))
    return articles


def _rate(func, items: list, cold=None) -> float:
    """Items per second, repeating the list until MIN_SECONDS have passed; ``cold`` runs
    before every item when given (and is not timed apart: it is cheap)."""
    done, start = 0, time.perf_counter()
    while True:
        for item in items:
            if cold:
                cold()
            func(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            return done / elapsed


def run(results: list[Figure]) -> None:
    from pipelines.extract.extract import extract_html
    from pipelines.language import language
    from pipelines.tagging import tagging

    pages = _pages()
    cores = pin_one_core()
    try:
        extract_rate = _rate(extract_html, pages)
        articles = _articles([extract_html(p) for p in pages])
        chars = sum(len(t) + len(x) for t, x in articles) / len(articles)
        print(f"tagging bench: {len(pages)} demo pages; {len(articles)} articles of "
              f"{chars:,.0f} characters on average; one core")
        texts = [t + "\n" + x for t, x in articles]
        langid_rate = _rate(language.detect, texts)
        tagging.vocabulary()  # load the vocabulary before timing
        cold = _rate(lambda a: tagging.tag(*a), articles, cold=tagging.forget)
        warm = _rate(lambda a: tagging.tag(*a), articles)
    finally:
        if cores:
            os.sched_setaffinity(0, cores)
    results.append(Figure("tagging_cold_vs_extract", cold, "articles/s", extract_rate,
                          "extract_html, demo site pages"))
    results.append(Figure("tagging_cold_vs_langid", cold, "articles/s", langid_rate,
                          "language.detect, same articles"))
    results.append(Figure("tagging_warm_vs_langid", warm, "articles/s", langid_rate,
                          "language.detect, same articles"))
