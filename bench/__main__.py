"""`make bench`: speed and memory of each stage as ratios against baselines run in the same process.

Prints one `name: value unit  ratio X vs BASELINE` line per figure and writes bench-results.json.
`python -m bench NAME…` runs only the named modules of bench/."""
from __future__ import annotations

import json
import resource
import sys
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from bench import Figure, modules
from workflows import langid_cache
from workflows.settings import Settings


def main(argv: list[str]) -> int:
    langid_cache.install(Settings.resolve())  # the model read as a command reads it
    figures: list[Figure] = []
    for module in modules(tuple(argv)):
        start = len(figures)
        module.run(figures)
        for figure in figures[start:]:
            print(figure.line(), flush=True)
    peak = Figure("peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
    figures.append(peak)
    print(peak.line())
    out = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "python": sys.version.split()[0],
           "figures": [{**asdict(f), "ratio": f.ratio} for f in figures]}
    Path("bench-results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
