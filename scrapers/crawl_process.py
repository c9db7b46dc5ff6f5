"""Entry point of the crawl subprocess: one Scrapy reactor per process, one crawler per source.

Run as `python -m scrapers.crawl_process CONFIG.json`; prints one progress line per source and
publishes the landing run only when every spider has finished. A source that fails (refused
connection, bad config, a crashing parser) is reported in the manifest and never stops the others.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from scrapers import landing
from scrapers.crawl import DONE
from scrapers.settings import POLITE, user_agent
from scrapers.spiders import SPIDERS


class _Progress:
    def __init__(self):
        self.summaries: dict[str, dict] = {}
        self.seen_without_item: list[str] = []
        self.outlets_named: set[str] = set()  # outlets a Telegram post's link was fetched for

    def spider_closed(self, spider, reason):
        self.seen_without_item += spider.not_documents
        self.outlets_named |= getattr(spider, "outlets_named", set())
        summary = spider.summary()
        summary["finish_reason"] = reason
        self.summaries[spider.source["id"]] = summary
        kinds = ", ".join(f"{k} {v}" for k, v in summary["errors_by_kind"].items())
        print(f"  {summary['source_id']}: {summary['items']} items, {summary['errors']} errors"
              f"{f' ({kinds})' if kinds else ''} [{summary['status']}]", flush=True)
        print(f"{DONE}{summary['source_id']}", flush=True)

    def failed(self, source_id: str, error: str) -> None:
        if source_id not in self.summaries:
            self.summaries[source_id] = _failed_summary(source_id, error)
            print(f"  {source_id}: failed to start ({error})", flush=True)
            print(f"{DONE}{source_id}", flush=True)


def _failed_summary(source_id: str, error: str) -> dict:
    return {"source_id": source_id, "items": 0, "pages": 0, "errors": 1,
            "errors_by_kind": {"spider_failed": 1}, "status": "failed",
            "error_samples": [{"url": "", "kind": "spider_failed", "error": error[:300]}]}


def crawl_settings(config: dict, home: Path, log_file: Path) -> dict:
    settings = dict(POLITE)
    settings["USER_AGENT"] = user_agent(config.get("contact"))
    settings["LOG_FILE"] = str(log_file)
    settings["HTTPCACHE_DIR"] = str(home / "httpcache")
    settings.update(config.get("overrides") or {})
    return _without_switched_off(settings)


# Components Scrapy lists by default that a setting can switch off: Scrapy still imports each one
# it lists, even to learn it is off (a None in EXTENSIONS imports it too), and these two pull in
# aiohttp and tldextract, a fifth of a second of every crawl process's start-up.
_SWITCHED_OFF = (("EXTENSIONS_BASE", "scrapy.extensions.remote_control.RemoteControl", "REMOTE_CONTROL_ENABLED"),
                 ("DOWNLOADER_MIDDLEWARES_BASE", "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
                  "COOKIES_ENABLED"))


def _without_switched_off(settings: dict) -> dict:
    """`settings` whose base component lists leave out the components their switch turns off."""
    from scrapy.settings import default_settings
    for base, component, switch in _SWITCHED_OFF:
        if settings.get(switch, True) is False:
            listed = settings.get(base) or getattr(default_settings, base)
            settings[base] = {k: v for k, v in listed.items() if k != component}
    return settings


def new_process(settings: dict) -> CrawlerProcess:
    """Scrapy's process for these settings, its log going to LOG_FILE at LOG_LEVEL.

    Scrapy leaves the root logger at NOTSET and filters in its handler, so every page's debug lines
    ("Crawled", "Scraped from") were built as records only to be dropped: the `scrapy` loggers now
    stop them at LOG_LEVEL, which the handler applies anyway (the log does not change)."""
    process = CrawlerProcess(settings, install_root_handler=True)
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL") or "DEBUG")
    return process


def add_crawlers(process: CrawlerProcess, config: dict, stage: Path, raw_stage: Path,
                 seen: frozenset[str], progress: "_Progress") -> list[Path]:
    """One crawler per source, each with its own spool file and WARC; returns the spool paths.
    A source whose spider cannot even start is reported failed and never stops the others."""
    parts = []
    outlets = config.get("outlets") or config["sources"]  # whom a Telegram post's links may name
    for source in config["sources"]:
        part = stage / f"items-{source['id']}.jsonl"
        parts.append(part)
        try:
            crawler = process.create_crawler(SPIDERS[source["kind"]])
            crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
            done = process.crawl(crawler, source=source, run_id=config["run_id"], items_path=str(part),
                                 warc_path=str(raw_stage / f"{source['id']}.warc.gz"), seen=seen,
                                 since=config.get("since"),
                                 **({"outlets": outlets} if source["kind"] == "telegram" else {}))
        except Exception as exc:
            progress.failed(source["id"], f"{type(exc).__name__}: {exc}")
            continue
        done.addErrback(lambda failure, sid=source["id"]: progress.failed(
            sid, f"{failure.type.__name__}: {failure.getErrorMessage()}"))
    return parts


def run(config: dict) -> dict:
    home = Path(config["home"])
    landing_root, raw_root = home / "landing", home / "raw"
    run_id = config["run_id"]
    for root in (landing_root, raw_root):
        root.mkdir(parents=True, exist_ok=True)
        landing.clean_stale(root)
    stage = landing.staging_dir(landing_root, run_id)
    raw_stage = landing.staging_dir(raw_root, run_id)
    seen = landing.load_seen(landing_root)

    process = new_process(crawl_settings(config, home, stage / "crawl.log"))
    progress = _Progress()
    started = datetime.now(timezone.utc)
    parts = add_crawlers(process, config, stage, raw_stage, seen, progress)
    process.start()

    count = landing.merge_spools(stage, parts)
    manifest = {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "items": count,
        "since": config.get("since"),
        "source_configs": source_configs(config, progress.outlets_named),
        "sources": [progress.summaries.get(s["id"]) or _failed_summary(s["id"], "spider did not finish")
                    for s in config["sources"]],
    }
    landing.write_json(stage / "manifest.json", manifest)
    landing.publish(raw_stage, raw_root / run_id)
    landing.publish(stage, landing_root / run_id)
    landing.add_seen(landing_root, [*_landed(landing_root / run_id / "items.jsonl"),
                                    *progress.seen_without_item])
    return manifest


def source_configs(config: dict, outlets_named: set[str]) -> list[dict]:
    """The run's sources, and the outlets whose articles came in through a Telegram post's link."""
    crawled = {s["id"] for s in config["sources"]}
    extra = [o for o in config.get("outlets") or () if o["id"] in outlets_named - crawled]
    return [*config["sources"], *extra]


def _landed(items_path: Path):
    """(url, lastmod) of each landed item: the seen-state lines this run adds."""
    decoder = json.JSONDecoder()
    with open(items_path, encoding="utf-8") as fh:
        for line in fh:
            item = decoder.decode(line)
            yield item["url"], item.get("lastmod")


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    manifest = run(config)
    print("MANIFEST " + json.dumps(manifest, ensure_ascii=False), flush=True)
    return 0


def exit_now(code: int) -> None:
    """End a crawl process once its run is published and its manifest printed: flush the log and
    the pipes, then skip the interpreter's teardown of every object (0.15-0.3 s after a 2,000-page
    crawl, a quarter of a crawl's fixed cost); the OS frees the memory at once. Only for `__main__`."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main(sys.argv))
