"""Run a crawl in a subprocess (Scrapy's reactor cannot restart) and return its manifest."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from core.dates import iso_utc
from scrapers.landing import new_run_id
from scrapers.registry import Source


DONE = "DONE "  # the crawl process's machine line after each source's progress line


class CrawlFailed(RuntimeError):
    pass


def crawl(home: Path, sources: list[Source], *, contact: str | None = None,
          overrides: dict | None = None, progress: Callable[[str], None] = print,
          since: date | datetime | str | None = None, outlets: list[Source] | None = None,
          finished: Callable[[str], None] | None = None) -> dict:
    """Crawl `sources` into `home/landing/<run_id>`; progress lines are passed to `progress`,
    the id of each source done to `finished`.

    `since` limits the crawl to entries dated on or after it (sitemap lastmod, feed dates);
    `outlets` (default: `sources`) are the registry entries a Telegram post's links are matched to."""
    run_id = new_run_id()
    config = {
        "home": str(home), "run_id": run_id, "contact": contact, "overrides": overrides or {},
        "sources": [s.as_dict() for s in sources], "since": iso_utc(since),
        "outlets": [s.as_dict() for s in outlets] if outlets else None,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(config, fh)
        config_path = fh.name
    manifest = None
    try:
        proc = subprocess.Popen([sys.executable, "-m", "scrapers.crawl_process", config_path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8")
        for line in proc.stdout:
            if line.startswith("MANIFEST "):
                manifest = json.loads(line[len("MANIFEST "):])
            elif line.startswith(DONE):
                if finished is not None:
                    finished(line[len(DONE):].strip())
            else:
                progress(line.rstrip("\n"))
        stderr = proc.stderr.read()
        code = proc.wait()
    finally:
        Path(config_path).unlink(missing_ok=True)
    if code != 0 or manifest is None:
        tail = stderr.strip().splitlines()[-1:] or ["no output"]
        raise CrawlFailed(f"crawl process exited with {code}: {tail[0]}")
    return manifest
