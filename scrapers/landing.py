"""The landing zone: per-run folders that appear atomically, and the seen-URL state."""
from __future__ import annotations

import json
import os
import secrets
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

SEEN_FILE = "seen-urls.txt"
TMP_PREFIX = ".tmp-"


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def staging_dir(root: Path, run_id: str) -> Path:
    path = root / f"{TMP_PREFIX}{run_id}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def publish(staging: Path, final: Path) -> Path:
    """fsync every file, then rename the staging folder to its final name in one step."""
    for child in staging.iterdir():
        if child.is_file():
            _fsync_file(child)
    os.replace(staging, final)
    dir_fd = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return final


def merge_spools(staging: Path, parts: list[Path]) -> int:
    """Concatenate per-source spool files into items.jsonl; return the line count."""
    count = 0
    with open(staging / "items.jsonl", "w", encoding="utf-8") as out:
        for part in parts:
            if part.exists():
                with open(part, encoding="utf-8") as fh:
                    for line in fh:
                        out.write(line)
                        count += 1
                part.unlink()
    return count


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def clean_stale(root: Path) -> None:
    """Staging folders left by a killed crawl are never published: remove them."""
    if root.exists():
        for child in root.iterdir():
            if child.name.startswith(TMP_PREFIX):
                shutil.rmtree(child, ignore_errors=True)


def load_seen(landing: Path) -> dict[str, str]:
    """URL -> the lastmod (feed `updated`, sitemap `lastmod`) it had when last landed, "" when unknown.

    One `url<TAB>lastmod` line per landing; a later line for the same URL wins."""
    path = landing / SEEN_FILE
    seen: dict[str, str] = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                url, _, lastmod = line.rstrip("\n").partition("\t")
                if url.strip():
                    seen[url.strip()] = lastmod.strip()
    return seen


def add_seen(landing: Path, entries: Iterable[str | tuple[str, str | None]]) -> None:
    """Appended after a run is published; a crash before this only means a refetch, never a loss."""
    lines = []
    for entry in entries:
        url, lastmod = (entry, None) if isinstance(entry, str) else entry
        lines.append(f"{url}\t{lastmod}\n" if lastmod else url + "\n")
    if lines:
        with open(landing / SEEN_FILE, "a", encoding="utf-8") as fh:
            fh.write("".join(lines))
            fh.flush()
            os.fsync(fh.fileno())


def published_runs(landing: Path) -> list[Path]:
    """Completed runs in the order they were made (run ids sort by time)."""
    if not landing.exists():
        return []
    return sorted(p for p in landing.iterdir()
                  if p.is_dir() and not p.name.startswith(TMP_PREFIX) and (p / "manifest.json").exists())
