"""Entry point of one crawl worker on a shared Redis frontier: `python -m scrapers.worker_process CONFIG`.

Each worker stages into its own folder (`landing/.tmp-<run>-w<k>/`, raw likewise) and publishes it
by rename as `landing/<run>-w<k>/`, so no two workers ever write one file; `process` loads every
published folder with the same idempotent load. Claims are acknowledged only after publishing.
"""
from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from scrapers import frontier, landing
from scrapers.crawl_process import (_failed_summary, _Progress, add_crawlers, crawl_settings, exit_now,
                                     new_process, source_configs)


def run(config: dict) -> dict:
    home = Path(config["home"])
    landing_root, raw_root = home / "landing", home / "raw"
    run_id, url = config["run_id"], config["frontier"]
    ids = [s["id"] for s in config["sources"]]
    stage = landing.staging_dir(landing_root, run_id)
    raw_stage = landing.staging_dir(raw_root, run_id)
    seen = landing.load_seen(landing_root)
    settings = crawl_settings(config, home, stage / "crawl.log")
    ttl = float(settings.get("FRONTIER_HEARTBEAT_TTL", frontier.HEARTBEAT_TTL))
    heartbeat = frontier.Heartbeat(url, run_id, ttl).start()
    settings.update(frontier.scrapy_settings(url, run_id))
    process = new_process(settings)
    progress = _Progress()
    started = datetime.now(timezone.utc)
    parts = add_crawlers(process, config, stage, raw_stage, seen, progress)
    reactor_started = time.time()
    process.start()
    reactor_stopped = time.time()

    count = landing.merge_spools(stage, parts)
    manifest = {
        "run_id": run_id,
        "worker": config.get("worker"),
        "frontier": "redis",
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "items": count,
        "since": config.get("since"),
        "source_configs": source_configs(config, progress.outlets_named),
        "sources": [progress.summaries.get(s["id"]) or _failed_summary(s["id"], "spider did not finish")
                    for s in config["sources"]],
        "not_documents": progress.seen_without_item,
        # Epoch seconds around the crawl itself (after start-up, before publishing): the benches'
        # crawl-phase throughput across workers.
        "reactor": {"started": reactor_started, "stopped": reactor_stopped},
    }
    landing.write_json(stage / "manifest.json", manifest)
    landing.publish(raw_stage, raw_root / run_id)
    landing.publish(stage, landing_root / run_id)
    frontier.acknowledge(url, run_id, ids)
    heartbeat.stop()
    return manifest


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    print(f"WORKER {config.get('worker')} pid {os.getpid()}", flush=True)
    manifest = run(config)
    print("MANIFEST " + json.dumps(manifest, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    exit_now(main(sys.argv))
