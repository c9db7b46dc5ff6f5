"""End to end: `rightswatch demo` in a temporary home, then the analyst's first questions."""
import json
import re
import shlex
import subprocess

from tests.support.cli import run_cli
from tests.support.cli import sql_json
from tests.support.project import PROJECT


def test_demo_prints_where_things_are_and_a_summary(demo_home):
    home, out, _ = demo_home
    for word in ("warehouse:", "report:", "new articles", "languages:", "rightswatch"):
        assert word in out
    assert str(home) in out


def test_demo_fills_the_warehouse(demo_home):
    home, _, _ = demo_home
    row = sql_json(home, "SELECT count(*) AS articles, count(DISTINCT language) AS languages, "
                         "count(DISTINCT source_id) AS sources FROM articles")[0]
    assert row["articles"] >= 55 and row["languages"] >= 8 and row["sources"] >= 6
    clusters = sql_json(home, "SELECT count(*) AS n FROM clusters WHERE size > 1")[0]["n"]
    assert clusters >= 3
    health = sql_json(home, "SELECT source_id, runs, articles FROM source_health")
    assert len(health) >= 6 and all(h["articles"] > 0 for h in health)


def test_demo_rerun_changes_nothing(demo_home):
    home, _, second = demo_home
    assert "new articles: 0" in second
    dupes = sql_json(home, "SELECT count(*) AS n FROM (SELECT canonical_url FROM articles "
                           "GROUP BY 1 HAVING count(*) > 1)")[0]["n"]
    assert dupes == 0


def test_demo_report_lists_each_relevant_story_once_by_country(demo_home):
    home, _, second = demo_home
    reports = sorted((home / "reports").glob("report-*.json"))
    assert len(reports) == 1, "the rerun found nothing new and wrote no second report"
    assert "nothing new" in second
    first = json.loads(reports[0].read_text(encoding="utf-8"))
    assert len(first["stories"]) >= 5 and len(first["stories"]) == first["counts"]["new_story"]
    for ext in ("json", "md", "html"):
        latest = home / "reports" / f"latest.{ext}"
        assert latest.read_text(encoding="utf-8") == reports[0].with_suffix(f".{ext}").read_text(encoding="utf-8")
    md = (home / "reports" / "latest.md").read_text(encoding="utf-8")
    assert "## Kazakhstan" in md
    html = (home / "reports" / "latest.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li class="story" data-cluster="([^"]+)"', html)
    assert sorted(listed) == sorted(s["cluster_id"] for s in first["stories"])  # one entry per story


def test_demo_closing_hint_runs_as_printed(demo_home):
    home, out, _ = demo_home
    hint = next(line for line in out.splitlines() if line.startswith("try:  "))[len("try:  "):]
    words = shlex.split(hint)
    assert words[words.index("--home") + 1] == str(home)
    result = subprocess.run(words, capture_output=True, text=True, timeout=120, cwd=PROJECT)  # where the demo ran
    assert result.returncode == 0, result.stderr
    assert "stories" in result.stdout and "KZ" in result.stdout


def test_export_writes_parquet_by_day(demo_home, tmp_path):
    home, _, _ = demo_home
    result = run_cli("export", "--out", str(tmp_path / "x"), home=home)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "x" / "articles").glob("day=*/*.parquet"))
