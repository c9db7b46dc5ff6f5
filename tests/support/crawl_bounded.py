"""Run one crawl subprocess and measure it: wall time and the peak memory of that very process
(read from /proc while it runs: Linux only)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapers.landing import new_run_id
from scrapers.registry import Source


def high_water_kib(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM; getrusage would also count the
    pages a forked child shares with its parent before exec)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def measured_crawl(home: Path, sources: list[Source], overrides: dict, limit: float = 120) -> tuple[dict, float, int]:
    """(manifest, seconds, peak RSS in MiB) of `scrapers.crawl_process` run on `sources`."""
    config = {"home": str(home), "run_id": new_run_id(), "contact": None, "overrides": overrides,
              "sources": [s.as_dict() for s in sources], "since": None}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(config, fh)
    started = time.monotonic()
    with open(home.parent / "crawl.out", "w+", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "scrapers.crawl_process", fh.name], stdout=out,
                                stderr=subprocess.STDOUT)
        deadline, peak = started + limit, 0
        while True:
            peak = max(peak, high_water_kib(proc.pid))
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"the crawl did not finish within {limit} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        text = out.read()
    os.unlink(fh.name)
    assert proc.returncode == 0, text[-3000:]
    manifest = next(json.loads(line[9:]) for line in text.splitlines() if line.startswith("MANIFEST "))
    return manifest, seconds, peak // 1024
