"""Scrapy users' entry (scrapy.cfg): `scrapy list` shows the registry's sources and `scrapy crawl
SOURCE_ID` lands a run exactly as `rightswatch crawl --only SOURCE_ID` does."""
import json
import os
import subprocess
import sys

from tests.support.cli import run_cli
from tests.support.project import PROJECT

SOURCE = "alatoo-post"


def scrapy(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], capture_output=True, text=True,
                          cwd=str(PROJECT), env={**os.environ, **env}, timeout=600)


def landed(home) -> tuple[dict, list[str]]:
    (run,) = [p for p in (home / "landing").iterdir() if (p / "manifest.json").exists()]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    urls = sorted(json.loads(line)["url"] for line in (run / "items.jsonl").read_text(encoding="utf-8").splitlines())
    return manifest, urls


def test_scrapy_list_shows_the_registry(demo_sources):
    result = scrapy("list", env={"RIGHTSWATCH_SOURCES": str(demo_sources)})
    assert result.returncode == 0, result.stderr
    assert SOURCE in result.stdout.split() and len(result.stdout.split()) == 8


def test_scrapy_crawl_lands_as_rightswatch_crawl_only(demo_sources, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")
    by_scrapy = scrapy("crawl", SOURCE, env={"RIGHTSWATCH_SOURCES": str(demo_sources),
                                            "RIGHTSWATCH_HOME": str(tmp_path / "scrapy")})
    assert by_scrapy.returncode == 0, by_scrapy.stderr[-2000:]
    by_cli = run_cli("crawl", "--sources", str(demo_sources), "--only", SOURCE, home=tmp_path / "cli")
    assert by_cli.returncode == 0, by_cli.stderr
    (scrapy_manifest, scrapy_urls), (cli_manifest, cli_urls) = landed(tmp_path / "scrapy"), landed(tmp_path / "cli")
    assert scrapy_urls == cli_urls and len(scrapy_urls) >= 5
    assert scrapy_manifest["source_configs"] == cli_manifest["source_configs"]
    for key in ("items", "errors", "errors_by_kind", "status"):
        assert scrapy_manifest["sources"][0][key] == cli_manifest["sources"][0][key]
    for home in ("scrapy", "cli"):
        run_id = landed(tmp_path / home)[0]["run_id"]
        assert (tmp_path / home / "raw" / run_id / f"{SOURCE}.warc.gz").exists()
    again = scrapy("crawl", SOURCE, env={"RIGHTSWATCH_SOURCES": str(demo_sources),
                                        "RIGHTSWATCH_HOME": str(tmp_path / "scrapy")})
    assert again.returncode == 0 and "0 documents landed" in again.stdout  # incremental, like rightswatch


def test_scrapy_crawl_of_an_unknown_source_is_bad_input(demo_sources):
    result = scrapy("crawl", "no-such-source", env={"RIGHTSWATCH_SOURCES": str(demo_sources)})
    assert result.returncode == 2 and "no-such-source" in result.stderr and "Traceback" not in result.stderr
