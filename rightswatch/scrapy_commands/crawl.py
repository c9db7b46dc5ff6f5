"""`scrapy crawl SOURCE_ID...`: the rightswatch crawl of these sources (one run in the landing
zone of the rightswatch home, WARC, seen-URL state, manifest), exactly as `rightswatch crawl
--only SOURCE_ID` lands it; `-s NAME=VALUE` and the log options reach the crawl's Scrapy settings."""
from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import arglist_to_dict


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # the crawl runs in its own process, as rightswatch runs it

    def syntax(self) -> str:
        return "[options] <source id> [<source id>...]"

    def short_desc(self) -> str:
        return "Crawl registry sources into the rightswatch landing zone (as `rightswatch crawl --only`)"

    def run(self, args: list[str], opts) -> None:
        if not args:
            raise UsageError("name at least one source id (`scrapy list` shows them)")
        from core.errors import BadInput
        from scrapers.crawl import CrawlFailed
        from scrapers.registry import load_sources, select
        from workflows.crawl import crawl_sources
        from workflows.settings import Settings
        settings = Settings.resolve()
        overrides = arglist_to_dict(opts.set)
        if opts.logfile:
            overrides["LOG_FILE"] = opts.logfile
        if opts.loglevel:
            overrides["LOG_LEVEL"] = opts.loglevel
        try:
            chosen = select(load_sources(settings.sources), tuple(args))
            print(f"crawling {len(chosen)} sources into {settings.landing}")
            manifest = crawl_sources(settings, chosen, overrides=overrides, contact=settings.contact)
        except BadInput as exc:
            print(f"rightswatch: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        except CrawlFailed as exc:
            print(f"rightswatch: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        print(f"run {manifest['run_id']}: {manifest['items']} documents landed")
