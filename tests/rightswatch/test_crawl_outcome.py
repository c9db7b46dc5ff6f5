"""Exit codes that tell the truth and progress a person can see: a crawl where every source
failed exits 1; crawl and process show a progress bar at a terminal and nothing in a pipe."""
import os
import pty
import shutil
import sys

from scrapers import loopback
from tests.support.cli import run_cli
from tests.support.project import PROJECT


def registry(path, *entries: tuple[str, str]):
    path.write_text("".join(
        f'[[sources]]\nid = "{sid}"\nname = "{sid}"\nkind = "feed"\nurl = "{url}"\ncountry = "KZ"\n'
        f'languages = ["kk"]\ncategory = "news"\n\n' for sid, url in entries), encoding="utf-8")
    return path


def test_a_crawl_where_every_source_failed_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")
    with loopback.serve(routes={}) as site:  # every path answers 404
        sources = registry(tmp_path / "sources.toml", *[(f"gone-{n}", f"{site.base_url}/rss-{n}.xml") for n in (0, 1)])
        result = run_cli("crawl", "--sources", str(sources), home=tmp_path / "home")
    assert result.returncode == 1, (result.stdout, result.stderr)
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("rightswatch: CrawlFailed: every source failed: gone-0 (http_404)"), error
    assert "gone-1 (http_404)" in error and "Traceback" not in result.stderr
    assert "gone-0: 0 items, 1 errors (http_404 1) [failed]" in result.stdout
    assert list((tmp_path / "home" / "landing").glob("*/manifest.json"))  # the run is kept as evidence
    processed = run_cli("process", home=tmp_path / "home")
    assert processed.returncode == 0, processed.stderr
    health = run_cli("sql", "SELECT source_id, error_rate, failed_runs FROM source_health ORDER BY 1",
                     "--format", "csv", home=tmp_path / "home")
    assert health.stdout.splitlines()[1:] == ["gone-0,1.0,1", "gone-1,1.0,1"]


def at_terminal(*args: str) -> str:
    """The console script under a pseudo-terminal: everything it showed, bars included."""
    shown = []

    def read(fd):
        data = os.read(fd, 65536)
        shown.append(data)
        return data
    status = pty.spawn([sys.executable, "-m", "rightswatch.cli", *args], read)
    assert os.waitstatus_to_exitcode(status) == 0
    return b"".join(shown).decode("utf-8", "replace")


def test_progress_bars_at_a_terminal_and_silence_in_a_pipe(demo_sources, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")
    monkeypatch.chdir(PROJECT)
    shown = at_terminal("--home", str(tmp_path / "tty"), "crawl", "--sources", str(demo_sources))
    assert "waiting for" in shown and "/8" in shown and "documents landed" in shown
    shutil.copytree(tmp_path / "tty", tmp_path / "piped")  # the same landed run, processed twice
    piped = run_cli("process", home=tmp_path / "piped")
    assert piped.returncode == 0 and "new articles" in piped.stdout, piped.stderr
    assert "/66" not in piped.stderr + piped.stdout and "━" not in piped.stderr
    shown = at_terminal("--home", str(tmp_path / "tty"), "process")
    assert "/66" in shown and "━" in shown and "new articles" in shown
