"""Run N crawl worker processes on one shared Redis frontier and gather what they landed.

Every worker publishes its own landing folder (`<run>-w<k>`); this driver only starts them, relays
their progress lines, and records the seen-URL state once all have exited (it is the single writer
of `seen-urls.txt`). A worker that dies leaves its URLs in the frontier: the others or the next run
fetch them, and its unpublished staging folder is never loaded.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from core.dates import iso_utc
from scrapers import frontier, landing
from scrapers.crawl import CrawlFailed
from scrapers.registry import Source


def worker_configs(home: Path, sources: list[Source], workers: int, url: str, *, contact: str | None,
                   overrides: dict | None, since) -> tuple[str, list[dict]]:
    run_id = landing.new_run_id()
    base = {"home": str(home), "contact": contact, "overrides": overrides or {}, "frontier": url,
            "sources": [s.as_dict() for s in sources], "since": iso_utc(since)}
    return run_id, [{**base, "run_id": f"{run_id}-w{k}", "worker": k} for k in range(1, workers + 1)]


def _relay(proc: subprocess.Popen, k: int, progress: Callable[[str], None], out: dict) -> None:
    for line in proc.stdout:
        if line.startswith("MANIFEST "):
            out[k] = json.loads(line[len("MANIFEST "):])
        else:
            progress(f"[w{k}] {line.rstrip()}" if not line.startswith("WORKER ") else line.rstrip())


def crawl_workers(home: Path, sources: list[Source], *, workers: int, frontier_url: str,
                  reset: bool = False, contact: str | None = None, overrides: dict | None = None,
                  progress: Callable[[str], None] = print,
                  since: date | datetime | str | None = None) -> dict:
    """Crawl `sources` with `workers` processes sharing the frontier at `frontier_url`."""
    home = Path(home)
    for root in (home / "landing", home / "raw"):
        root.mkdir(parents=True, exist_ok=True)
        landing.clean_stale(root)  # before any worker starts: never another worker's live staging
    ids = [s.id for s in sources]
    if reset:
        progress(f"frontier reset: {frontier.reset(frontier_url, ids)} keys deleted")
    run_id, configs = worker_configs(home, sources, workers, frontier_url, contact=contact,
                                     overrides=overrides, since=since)
    paths, procs, threads, manifests, errors = [], {}, [], {}, {}
    try:
        for config in configs:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
                json.dump(config, fh)
            paths.append(Path(fh.name))
            k = config["worker"]
            procs[k] = subprocess.Popen([sys.executable, "-m", "scrapers.worker_process", fh.name],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        encoding="utf-8")
            thread = threading.Thread(target=_relay, args=(procs[k], k, progress, manifests), daemon=True)
            thread.start()
            threads.append(thread)
        for k, proc in procs.items():
            stderr = proc.stderr.read()
            code = proc.wait()
            if code != 0:
                tail = stderr.strip().splitlines()[-1:] or ["no output"]
                errors[k] = f"worker {k} exited with {code}: {tail[0]}"
        for thread in threads:
            thread.join()
    finally:
        for path in paths:
            path.unlink(missing_ok=True)
    landed = [m for _, m in sorted(manifests.items())]
    _record_seen(home / "landing", landed)
    summary = {"run_id": run_id, "workers": workers, "items": sum(m["items"] for m in landed),
               "runs": [m["run_id"] for m in landed], "manifests": landed, "failed": sorted(errors.values()),
               "pending": frontier.pending(frontier_url, ids)}
    if errors:
        raise CrawlFailed("; ".join(summary["failed"]) + " (its URLs stay in the frontier: rerun to finish)")
    return summary


def _record_seen(landing_root: Path, manifests: list[dict]) -> None:
    entries = []
    for manifest in manifests:
        with open(landing_root / manifest["run_id"] / "items.jsonl", encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                entries.append((item["url"], item.get("lastmod")))
        entries += manifest.get("not_documents", [])
    landing.add_seen(landing_root, entries)
