"""Extraction speed: pages/second of `pipelines.extract.extract` next to plain trafilatura (which runs
htmldate for its date) on the same pages in the same run. Contenders take turns page by page, in
rotating order, and are timed in CPU seconds of this process, so other work on a shared machine
does not favour either side.

Pages: the labelled extraction fixtures plus every HTML page of the bundled demo site."""
from __future__ import annotations

import gzip
import time
import warnings

from bench import Figure
from workflows.settings import PROJECT_ROOT

ROUNDS = 6
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "extract"
DEMO_SITE = PROJECT_ROOT / "scrapers" / "demo_site" / "site"


def pages() -> list[tuple[bytes, str]]:
    """(body, url) of every HTML page: fixtures (gzipped ones unpacked) and the demo site."""
    found = []
    for path in sorted(FIXTURES.glob("*.htm*")) + sorted(DEMO_SITE.rglob("*.html")):
        body = path.read_bytes()
        if path.name.endswith(".gz"):
            body = gzip.decompress(body)
        found.append((body, f"https://bench.example/{path.name}"))
    return found


def ours(body: bytes, url: str) -> None:
    from pipelines.extract.extract import ExtractError, extract
    try:
        extract(body, url=url)
    except ExtractError:
        pass


def trafilatura_with_metadata(body: bytes, url: str) -> None:
    import trafilatura
    trafilatura.bare_extraction(body, url=url, with_metadata=True)


def trafilatura_and_htmldate(body: bytes, url: str) -> None:
    import htmldate
    import trafilatura
    trafilatura.extract(body, url=url)
    htmldate.find_date(body, url=url, original_date=True)


def run(results: list[Figure]) -> None:
    items = pages()
    contenders = {"ours": ours, "bare": trafilatura_with_metadata, "pair": trafilatura_and_htmldate}
    names = list(contenders)
    spent = dict.fromkeys(contenders, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for func in contenders.values():  # warm-up: imports, caches, lazy loads
            for body, url in items[:10]:
                func(body, url)
        for turn in range(ROUNDS * len(items)):
            body, url = items[turn % len(items)]
            for name in names[turn % 3:] + names[:turn % 3]:
                start = time.process_time()
                contenders[name](body, url)
                spent[name] += time.process_time() - start
    rate = {name: ROUNDS * len(items) / seconds for name, seconds in spent.items()}
    results.append(Figure("extract_pages", rate["ours"], "pages/CPU-s", rate["bare"],
                          f"trafilatura.bare_extraction with metadata (htmldate date), {len(items)} pages"))
    results.append(Figure("extract_pages_vs_pair", rate["ours"], "pages/CPU-s", rate["pair"],
                          "trafilatura.extract + htmldate.find_date, same pages"))
