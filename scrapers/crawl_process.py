"""Entry point of the crawl subprocess: one Scrapy reactor per process, one crawler per source.

Run as `python -m scrapers.crawl_process CONFIG.json`; prints one progress line per source and
publishes the landing run only when every spider has finished.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from scrapers import landing
from scrapers.settings import POLITE, user_agent
from scrapers.spiders import SPIDERS


class _Progress:
    def __init__(self):
        self.summaries: dict[str, dict] = {}

    def spider_closed(self, spider, reason):
        summary = spider.summary()
        summary["finish_reason"] = reason
        self.summaries[spider.source["id"]] = summary
        print(f"  {summary['source_id']}: {summary['items']} items, {summary['errors']} errors"
              f" ({summary['status']})", flush=True)


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

    settings = dict(POLITE)
    settings["USER_AGENT"] = user_agent(config.get("contact"))
    settings["LOG_FILE"] = str(stage / "crawl.log")
    settings.update(config.get("overrides") or {})
    process = CrawlerProcess(settings, install_root_handler=False)
    progress = _Progress()
    started = datetime.now(timezone.utc)
    parts = []
    for source in config["sources"]:
        part = stage / f"items-{source['id']}.jsonl"
        parts.append(part)
        crawler = process.create_crawler(SPIDERS[source["kind"]])
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        process.crawl(crawler, source=source, run_id=run_id, items_path=str(part),
                      warc_path=str(raw_stage / f"{source['id']}.warc.gz"), seen=seen)
    process.start()

    count = landing.merge_spools(stage, parts)
    manifest = {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "items": count,
        "source_configs": config["sources"],
        "sources": [progress.summaries.get(s["id"], {"source_id": s["id"], "items": 0, "errors": 1,
                    "status": "failed", "error_samples": [{"error": "spider did not finish"}]})
                    for s in config["sources"]],
    }
    landing.write_json(stage / "manifest.json", manifest)
    landing.publish(raw_stage, raw_root / run_id)
    landing.publish(stage, landing_root / run_id)
    with open(landing_root / run_id / "items.jsonl", encoding="utf-8") as fh:
        landing.add_seen(landing_root, [json.loads(line)["url"] for line in fh])
    return manifest


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    manifest = run(config)
    print("MANIFEST " + json.dumps(manifest, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
