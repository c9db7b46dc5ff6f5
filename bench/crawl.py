"""Crawl speed: the real sitemap spider (robots.txt, onsite and retry middlewares, WARC archive,
landing spool, seen-state, conditional cache) against a bare Scrapy spider fetching the same
generated site of 2,000 article pages, same concurrency, same process start-up, in the same run.

Each crawler runs in its own process (Scrapy's reactor cannot restart) and is timed wall to
wall; the best of ROUNDS is kept for each, alternating so neither gets the warmer machine."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Figure
from scrapers import loopback
from scrapers.crawl import crawl
from scrapers.registry import Source
from scrapers.settings import LOCAL_FAST, LOOPBACK

PAGES = 2000
PER_SITEMAP = 500
CONCURRENCY = 32
ROUNDS = 2
SETTINGS = {**LOCAL_FAST, **LOOPBACK, "CONCURRENT_REQUESTS": CONCURRENCY, "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY}

PARAGRAPHS = (
    "Полиция задержала участников пикета у здания городской администрации; правозащитники требуют "
    "их немедленного освобождения и называют задержание незаконным.",
    "Бейбіт жиналысқа қатысқан белсенділер сотқа шағымданатынын мәлімдеді, ал әкімдік ресми түсініктеме бермеді.",
    "Ուղիղ եթերում իրավապաշտպանները ներկայացրել են տարեկան զեկույցը հավաքների ազատության մասին։",
    "Tinch namoyish ishtirokchilari so'z va yig'ilishlar erkinligini hurmat qilishni talab qilishdi.",
)

BARE_SPIDER = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.sitemap import Sitemap


class Bare(scrapy.Spider):
    name = "bare"

    async def start(self):
        yield scrapy.Request(self.url, self.parse_sitemap)

    def parse_sitemap(self, response):
        sitemap = Sitemap(response.body)
        for entry in sitemap:
            callback = self.parse_sitemap if sitemap.type == "sitemapindex" else self.parse_page
            yield scrapy.Request(entry["loc"], callback)

    def parse_page(self, response):
        pass


process = CrawlerProcess({"CONCURRENT_REQUESTS": %(c)d, "CONCURRENT_REQUESTS_PER_DOMAIN": %(c)d,
                          "LOG_LEVEL": "INFO", "LOG_FILE": sys.argv[2], "TELNETCONSOLE_ENABLED": False,
                          "REMOTE_CONTROL_ENABLED": False})
process.crawl(Bare, url=sys.argv[1])
process.start()
""" % {"c": CONCURRENCY}


def build_site(root: Path, pages: int = PAGES) -> None:
    """A news site: robots.txt, a sitemap index of PER_SITEMAP-URL sitemaps, article pages of ~6 KB."""
    (root / "news").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    index = []
    for start in range(0, pages, PER_SITEMAP):
        name = f"sitemap-{start // PER_SITEMAP + 1}.xml"
        index.append(f"<sitemap><loc>{{{{BASE}}}}/{name}</loc></sitemap>")
        urls = "".join(f"<url><loc>{{{{BASE}}}}/news/{n}.html</loc><lastmod>2026-11-{1 + n % 28:02d}</lastmod></url>"
                       for n in range(start, min(start + PER_SITEMAP, pages)))
        (root / name).write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                                 f'sitemap/0.9">{urls}</urlset>', encoding="utf-8")
    (root / "sitemap.xml").write_text('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                                      f'schemas/sitemap/0.9">{"".join(index)}</sitemapindex>', encoding="utf-8")
    for n in range(pages):
        body = "".join(f"<p>{PARAGRAPHS[(n + i) % len(PARAGRAPHS)]} ({n}.{i})</p>" for i in range(16))
        (root / "news" / f"{n}.html").write_text(
            f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Новость {n}</title></head>'
            f"<body><nav><a href='/'>Главная</a></nav><article><h1>Новость {n}</h1>{body}</article></body></html>",
            encoding="utf-8")


def real_rate(base_url: str, work: Path, round_no: int) -> float:
    source = Source(id="bench", name="Bench", kind="sitemap", url=base_url + "/sitemap.xml", country="KZ",
                    languages=("ru",), category="news")
    start = time.perf_counter()
    manifest = crawl(work / f"home-{round_no}", [source], overrides=SETTINGS, progress=lambda _: None)
    elapsed = time.perf_counter() - start
    if manifest["items"] != PAGES:
        raise RuntimeError(f"real crawl landed {manifest['items']} of {PAGES} pages: {manifest['sources']}")
    return PAGES / elapsed


def bare_rate(base_url: str, work: Path, round_no: int) -> float:
    script, log = work / "bare_spider.py", work / f"bare-{round_no}.log"
    script.write_text(BARE_SPIDER, encoding="utf-8")  # a file: Scrapy inspects callbacks' source
    start = time.perf_counter()
    subprocess.run([sys.executable, str(script), base_url + "/sitemap.xml", str(log)], check=True,
                   capture_output=True)
    elapsed = time.perf_counter() - start
    found = re.search(r"'downloader/response_status_count/200': (\d+)", log.read_text(encoding="utf-8"))
    fetched = int(found.group(1)) if found else 0
    if fetched < PAGES:
        raise RuntimeError(f"bare crawl fetched {fetched} of {PAGES} pages")
    return PAGES / elapsed


def run(results: list[Figure]) -> None:
    with tempfile.TemporaryDirectory(prefix="rightswatch-bench-crawl-") as tmp:
        work = Path(tmp)
        build_site(work / "site")
        real, bare = [], []
        with loopback.serve(work / "site", record=False) as site:
            for round_no in range(ROUNDS):
                bare.append(bare_rate(site.base_url, work, round_no))
                real.append(real_rate(site.base_url, work, round_no))
    results.append(Figure("crawl_sitemap_2000_pages", max(real), "pages/s", max(bare),
                          f"bare Scrapy spider, concurrency {CONCURRENCY}, same site"))
