"""The desk as an analyst starts it (`rightswatch serve` in a subprocess on a free loopback port, its
address read from what it prints), and the home its tests look at: the demo, then hostile names (a
title and a source name carrying <script>), a broken source with errors by kind, and two later
versions of one article (changed, then taken down)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from datetime import datetime, timedelta, timezone

from pipelines.models import Batch
from pipelines.stories.versions import ArticleVersion
from tests.support.cli import run_cli
from tests.support.project import PROJECT, free_port
from warehouse import db, load
from workflows.settings import Settings

ADDRESS = re.compile(r"(http://\S+/)")


@contextmanager
def serving(home: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL without a trailing slash, the process); the process ends with the block."""
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSWATCH_HOME"}
    command = [sys.executable, "-m", "rightswatch.cli", "--home", str(home), "serve"]
    if "--port" not in options:
        command += ["--port", str(free_port())]
    proc = subprocess.Popen(command + list(options), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=str(PROJECT))
    try:
        line = proc.stdout.readline()
        found = ADDRESS.search(line)
        assert found, f"serve printed no address: {line!r} {proc.stderr.read() if proc.poll() is not None else ''}"
        base = found.group(1).rstrip("/")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/desk.css", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(url: str, timeout: float = 60, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET (an error status is returned, not raised)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


HOSTILE_TITLE = '<script>document.title="pwned"</script>Алматыда пикетке шыққан ЛГБТ белсенділері ұсталды'
HOSTILE_SOURCE = '<script>alert(1)</script>Қара Жорға <img src=x onerror=alert(2)>'
HOSTILE_ID = "hostile-outlet"


def _hostile_records() -> str:
    text = ("Алматыда ЛГБТ құқықтарын қорғауға арналған бейбіт пикетке шыққан бес белсенді полиция "
            "тарапынан ұсталды. Құқық қорғаушылар Қазақстан билігінен белсенділерді босатуды талап етті. "
            "Пикет қатысушылары бейбіт жиналыс бостандығы туралы заңға сілтеме жасады.")
    return json.dumps({"url": "https://hostile.example.kz/news/1", "title": HOSTILE_TITLE, "text": text,
                       "published": datetime.now(timezone.utc).date().isoformat(), "source": HOSTILE_ID,
                       "language": "kk"}, ensure_ascii=False) + "\n"


def make_home(home: Path) -> tuple[Path, str]:
    """The demo home with hostile names, a broken source and two later versions of one article;
    returns it and that article's id."""
    demo = run_cli("demo", "--port", str(free_port()), home=home)
    assert demo.returncode == 0, demo.stderr[-2000:]
    records = home.parent / "hostile.jsonl"
    records.write_text(_hostile_records(), encoding="utf-8")
    assert run_cli("ingest", str(records), home=home).returncode == 0
    settings = Settings.resolve(home)
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    source = {"id": HOSTILE_ID, "name": HOSTILE_SOURCE, "kind": "feed", "url": "https://hostile.example.kz/rss",
              "country": "KZ", "languages": ["kk"], "category": "news"}
    with db.writer(settings.warehouse) as con:
        article = con.execute("SELECT article_id, url, canonical_url, run_id FROM articles "
                              "WHERE source_id = 'dala-times' AND language = 'kk' AND relevance >= 0.5 "
                              "ORDER BY article_id LIMIT 1").fetchone()
        for n in range(3):
            at = (now - timedelta(hours=3 - n)).isoformat()
            manifest = {"run_id": f"broken-{n}", "started_at": at, "finished_at": at, "items": 0,
                        "source_configs": [source],
                        "sources": [{"source_id": HOSTILE_ID, "items": 0, "errors": 3, "status": "failed",
                                     "errors_by_kind": {"http_404": 2, "timeout": 1},
                                     "error_samples": [{"url": "https://hostile.example.kz/rss", "error": "timeout"}]}]}
            load.load_batch(con, Batch(f"broken-{n}", 0, manifest=manifest))
        versions = [ArticleVersion(article[0], article[1], article[2], "changed", 200, now - timedelta(hours=2),
                                   run_id=article[3], title="edited", content_hash="x" * 16),
                    ArticleVersion(article[0], article[1], article[2], "gone", 404, now - timedelta(hours=1),
                                   run_id=article[3])]
        load.load_batch(con, Batch("versions-1", 0, versions=versions))
    return home, article[0]


@contextmanager
def requested_without_pause(base: str, paths: list[str]) -> Iterator[list[int]]:
    """Request `paths` in turn from another thread for as long as the block runs; yields the list
    their status codes are appended to."""
    statuses: list[int] = []
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            for path in paths:
                statuses.append(get(base + path)[0])
    reader = threading.Thread(target=hammer)
    reader.start()
    try:
        yield statuses
    finally:
        stop.set()
        reader.join()
