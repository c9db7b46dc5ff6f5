"""`rightswatch search` and `rightswatch watches list|test` as an analyst runs them, on a warehouse
whose stories are known (tests/support/known_warehouse.py), and `ingest` keeping the index current."""
import csv
import io
import json

import pytest

from tests.support import known_warehouse as kw
from tests.support.cli import run_cli

WATCHES = """
[[watches]]
name = "almaty-rallies"
query = '(митинг OR пикет*) Алматы'
countries = ["KZ"]

[[watches]]
name = "tbilisi-march"
query = 'Tbilisi NEAR/3 march'
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("search") / "home"
    home.mkdir()
    kw.build(home / "warehouse.duckdb")
    return home


def search(home, *args):
    result = run_cli("search", *args, home=home)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_one_line_per_story_best_first_with_the_match_marked(home):
    out = search(home, "митинг").splitlines()
    assert len(out) == 3 and out[-1].startswith("(2 stories")
    assert "[митинга]" in out[0] or "[митинги]" in out[0]  # forms of the word, marked
    assert "[en kk ru]" in out[0] or "[ky ru]" in out[0]  # the story's languages


def test_json_and_csv_hold_every_field(home):
    rows = json.loads(search(home, "Алматы", "--format", "json"))
    assert [r["cluster_id"] for r in rows][:1] and len({r["cluster_id"] for r in rows}) == len(rows)
    first = rows[0]
    assert set(first) >= {"title", "url", "languages", "first_reported", "first_source", "snippet", "marks"}
    start, end = first["marks"][0]
    assert first["snippet"][start:end].lower().startswith(("алмат", "almat"))
    table = list(csv.DictReader(io.StringIO(search(home, "Алматы", "--format", "csv"))))
    assert [r["cluster_id"] for r in table] == [r["cluster_id"] for r in rows]


def test_script_and_filters(home):
    latin = json.loads(search(home, "Almaty", "--format", "json"))
    cyrillic = json.loads(search(home, "Алматы", "--format", "json"))
    assert {r["cluster_id"] for r in latin} == {r["cluster_id"] for r in cyrillic} >= {"s1", "s6"}
    only_kk = json.loads(search(home, "Алматы", "--lang", "kk", "--format", "json"))
    assert [r["cluster_id"] for r in only_kk] == ["s1"] and only_kk[0]["language"] == "kk"
    kg = json.loads(search(home, "митинг", "--country", "KG", "--format", "json"))
    assert [r["cluster_id"] for r in kg] == ["s3"]
    late = json.loads(search(home, "Алматы", "--since", kw.DAY4, "--format", "json"))
    assert [r["cluster_id"] for r in late] == ["s6"]


@pytest.mark.parametrize("query, position", [("(митинг", 1), ("митинг OR", 8), ("a NEAR/99 b", 3)])
def test_a_bad_query_is_exit_2_with_the_position(home, query, position):
    result = run_cli("search", query, home=home)
    assert result.returncode == 2 and f"(at position {position})" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_watches_list_and_test(home, tmp_path):
    watches = tmp_path / "watches.toml"
    watches.write_text(WATCHES, encoding="utf-8")
    listed = run_cli("watches", "list", "--watches", str(watches), home=home)
    assert listed.returncode == 0 and "almaty-rallies" in listed.stdout and "(2 watches)" in listed.stdout
    tried = run_cli("watches", "test", "almaty-rallies", "--watches", str(watches), "--format", "json", home=home)
    assert tried.returncode == 0, tried.stderr
    assert {r["cluster_id"] for r in json.loads(tried.stdout)} == {"s1", "s6"}
    march = run_cli("watches", "test", "tbilisi-march", "--watches", str(watches), home=home)
    assert "[Tbilisi] city hall refuses equality [march]" in march.stdout
    assert "watch tbilisi-march: 1 story in the last 30 days, 0 already alerted" in march.stdout
    missing = run_cli("watches", "test", "nobody", "--watches", str(watches), home=home)
    assert missing.returncode == 2 and "watch 'nobody' not found" in missing.stderr


def test_a_bad_watch_query_names_the_watch_and_the_position(home, tmp_path):
    watches = tmp_path / "watches.toml"
    watches.write_text(WATCHES.replace("'Tbilisi NEAR/3 march'", "'Tbilisi AND (march'"), encoding="utf-8")
    for args in (["watches", "list"], ["report"]):
        result = run_cli(*args, "--watches", str(watches), home=home)
        assert result.returncode == 2, result.stderr
        assert "watch 'tbilisi-march'" in result.stderr and "(at position 13)" in result.stderr
        assert str(watches) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_ingest_keeps_the_index_current(tmp_path):
    home = tmp_path / "home"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"url": "https://dala.example/kk/1", "title": "Шымкентте жиын өтті",
                                 "text": "Шымкентте белсенділер жиынға шықты. Полиция жиынды таратты.",
                                 "language": "kk", "published": "2026-03-02"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    assert run_cli("ingest", str(first), home=home).returncode == 0
    assert "Шымкентте" in search(home, "jiyn")  # Latin query, Kazakh Cyrillic forms
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"url": "https://dala.example/uz/2", "title": "Toshkentda yigʻin boʻldi",
                                  "text": "Toshkentda faollar yigʻinga chiqdi.", "language": "uz",
                                  "published": "2026-03-03"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_cli("ingest", str(second), home=home).returncode == 0
    state = json.loads((home / "search" / "state.json").read_text(encoding="utf-8"))
    assert state["articles"] == 2
    assert "Toshkentda" in search(home, "йиғин")  # Uzbek Cyrillic query, Latin text
