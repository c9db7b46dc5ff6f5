"""The article the pipeline exists to catch, through `rightswatch ingest` like any analyst's file."""
import json

from tests.support.cli import run_cli
from tests.support.project import shared_path


def test_reference_article_comes_out_kazakh_lgbt_four_countries_amnesty(tmp_path):
    source = shared_path("data", "reference", "azattyq-kk-amnesty-lgbt-2017.txt")
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    record = {"url": "https://www.azattyq.org/a/amnesty-lgbt-report/28933011.html",
              "title": lines[0], "text": "\n".join(lines[1:]), "published": "2017-12-22",
              "source": "azattyq-kk"}
    path = tmp_path / "reference.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    result = run_cli("ingest", str(path), home=home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(run_cli("sql", "SELECT language, script, topics, countries, organizations, "
                                     "relevance FROM articles", "--format", "json", home=home).stdout)
    assert len(rows) == 1
    row = rows[0]
    assert (row["language"], row["script"]) == ("kk", "Cyrl")
    assert "lgbt" in row["topics"]
    assert {"KZ", "AM", "BY", "KG"} <= set(row["countries"])
    assert "Amnesty International" in row["organizations"]
    again = run_cli("ingest", str(path), home=home)
    assert again.returncode == 0 and "0 new articles" in again.stdout
