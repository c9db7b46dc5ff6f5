"""Kill test: SIGKILL `crawl`, `process` and a Dagster run at seeded random points, rerun them,
and compare the warehouse with a clean run's: the same article ids, no duplicate, no partially
written landing run loaded, a DuckDB file that opens.

    python -m tests.support.kill_harness --kills 30 [--seed 11] [--sources all] [--per-round 3]

CI runs a smaller seeded round through tests/kill/test_kill.py. A kill is "tried" when the
process was still running at its kill point (a step that finished first is re-drawn), and
"survived" when the rerun's warehouse matches the clean one."""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scrapers.demo_site import server

PROJECT = Path(__file__).resolve().parents[2]
TARGETS = ("crawl", "process", "dagster")


@dataclass
class Tally:
    tried: dict = field(default_factory=lambda: dict.fromkeys(TARGETS, 0))
    survived: dict = field(default_factory=lambda: dict.fromkeys(TARGETS, 0))
    finished_first: int = 0
    failures: list = field(default_factory=list)

    def line(self) -> str:
        per = ", ".join(f"{t} {self.survived[t]}/{self.tried[t]}" for t in TARGETS)
        return (f"kills survived/tried: {sum(self.survived.values())}/{sum(self.tried.values())} "
                f"({per}); {self.finished_first} draws finished before their kill point")


def start(step: str, home: Path, sources: Path) -> subprocess.Popen:
    """The step in its own process group: a kill takes its crawl subprocess down with it."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    env.pop("RIGHTSWATCH_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "tests.support.kill_steps", step, str(home), str(sources)],
                            cwd=str(PROJECT), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def run(step: str, home: Path, sources: Path) -> float:
    began = time.monotonic()
    proc = start(step, home, sources)
    _, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{step} failed ({proc.returncode}): {err.decode(errors='replace')[-1500:]}")
    return time.monotonic() - began


def run_killed(step: str, home: Path, sources: Path, after: float) -> bool:
    """Run `step` and SIGKILL its whole process group `after` seconds in; False if it ended first."""
    proc = start(step, home, sources)
    try:
        proc.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def snapshot(home: Path) -> dict:
    """What must survive: article ids, duplicates, which landing runs are loaded and whether
    each was completely published; the DuckDB file must open."""
    from warehouse import db
    with db.reader(home / "warehouse.duckdb") as con:
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]  # test-only SQL
        urls = con.execute("SELECT count(*) - count(DISTINCT canonical_url) FROM articles").fetchone()[0]
        loaded = [r[0] for r in con.execute("SELECT run_id FROM loaded_runs").fetchall()]
        check = con.execute("PRAGMA database_size").fetchall()
    partial = []
    for run_id in loaded:
        run = home / "landing" / run_id
        manifest = run / "manifest.json"
        if not manifest.exists():
            partial.append(run_id)
            continue
        lines = sum(1 for line in open(run / "items.jsonl", encoding="utf-8") if line.strip())
        if lines != json.loads(manifest.read_text(encoding="utf-8"))["items"]:
            partial.append(run_id)
    return {"ids": sorted(set(ids)), "duplicate_ids": len(ids) - len(set(ids)), "duplicate_urls": urls,
            "partial_runs_loaded": partial, "opens": bool(check)}


def compare(got: dict, clean: dict) -> list[str]:
    problems = []
    if got["ids"] != clean["ids"]:
        missing, extra = set(clean["ids"]) - set(got["ids"]), set(got["ids"]) - set(clean["ids"])
        problems.append(f"article ids differ: {len(missing)} missing, {len(extra)} extra")
    for key in ("duplicate_ids", "duplicate_urls"):
        if got[key]:
            problems.append(f"{key}: {got[key]}")
    if got["partial_runs_loaded"]:
        problems.append(f"partially written runs loaded: {got['partial_runs_loaded']}")
    if not got["opens"]:
        problems.append("the DuckDB file does not open")
    return problems


def registry(folder: Path, base_url: str, sources: str) -> Path:
    """The demo registry, or its first N sources (`--sources 2`) for a quicker round."""
    text = server.sources_toml(base_url)
    if sources != "all":
        blocks = text.split("[[sources]]")
        text = "[[sources]]".join(blocks[: int(sources) + 1])
    path = folder / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def kill_test(kills: int, seed: int, sources: str = "all", per_round: int = 3,
              targets: tuple[str, ...] = TARGETS, dagster_clean: bool = True, echo=print) -> Tally:
    """`kills` SIGKILLs in rounds of `per_round` on one home: the step is killed that many times
    in a row at seeded random points, then rerun to the end (and processed) and compared."""
    rng = random.Random(seed)
    tally = Tally()
    work = Path(tempfile.mkdtemp(prefix="kill-"))
    started = time.monotonic()
    try:
        with server.serve() as site:
            reg = registry(work, site.base_url, sources)
            clean = work / "clean"
            durations = {"crawl": run("crawl", clean, reg)}
            landed_template = work / "landed"
            shutil.copytree(clean, landed_template)  # crawled, not processed: the process rounds start here
            durations["process"] = run("process", clean, reg)
            reference = snapshot(clean)
            if "dagster" in targets and dagster_clean:
                durations["dagster"] = run("dagster", work / "dagster-clean", reg)
                assert snapshot(work / "dagster-clean")["ids"] == reference["ids"], "dagster and CLI runs differ"
            elif "dagster" in targets:  # a quick round: kill points drawn over an estimated duration
                durations["dagster"] = 2.5 * (durations["crawl"] + durations["process"])
            echo(f"clean run: {len(reference['ids'])} articles; "
                 + ", ".join(f"{k} {v:.1f} s" for k, v in durations.items()))
            number, done = 0, 0
            while done < kills:
                target = targets[number % len(targets)]
                home = work / f"round-{number}"
                number += 1
                if target == "process":
                    shutil.copytree(landed_template, home)
                killed = 0
                for _ in range(min(per_round, kills - done) * 3):  # re-draw points the step outran
                    if killed == min(per_round, kills - done):
                        break
                    if run_killed(target, home, reg, rng.uniform(0.05, 1.0) * durations[target]):
                        killed += 1
                    else:
                        tally.finished_first += 1
                done += killed
                tally.tried[target] += killed
                if target == "crawl":
                    run("crawl", home, reg)
                run("dagster" if target == "dagster" else "process", home, reg)
                problems = compare(snapshot(home), reference)
                if problems:
                    tally.failures.append(f"round {number} ({target}, {killed} kills): {'; '.join(problems)}")
                else:
                    tally.survived[target] += killed
                shutil.rmtree(home, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    echo(f"{tally.line()} in {time.monotonic() - started:.0f} s (seed {seed})")
    for failure in tally.failures:
        echo(f"  FAILED {failure}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sources", default="all", help="'all' demo sources, or the first N")
    parser.add_argument("--per-round", type=int, default=3, help="kills in a row before a rerun")
    parser.add_argument("--targets", default=",".join(TARGETS))
    args = parser.parse_args(argv)
    tally = kill_test(args.kills, args.seed, args.sources, args.per_round, tuple(args.targets.split(",")))
    return 0 if not tally.failures and sum(tally.tried.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
