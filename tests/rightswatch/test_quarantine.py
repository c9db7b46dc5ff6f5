"""One hostile document is set aside, never the run: the documents of issue 21 (a PDF whose
page tree trips pypdf's limits, legacy bytes behind `charset="undefined"` or `punycode`, JSON-LD
nested 50,000 deep, a broken landed line) beside good articles. `process` exits 0 on every run,
the good articles load, and each hostile one is kept with its reason, counted in crawl_runs,
loaded_runs and source_health. A run that fails as a whole is retried a few times, then set aside."""
import json

from tests.support.cli import run_cli
from tests.support.hostile_documents import GOOD, SOURCE, fanout_pdf, good_items, item, landing_run, page

CP1251 = "Участники митинга у парламента требовали отменить закон о свободе собраний. " * 12
HOSTILE = [
    item("https://fuzz.example/r/tree.pdf", fanout_pdf(), "application/pdf"),
    item("https://fuzz.example/a/undefined.html",
         page("В Бишкеке прошёл митинг", CP1251, '<meta charset="undefined">').encode("cp1251"),
         "text/html; charset=utf-8"),
    item("https://fuzz.example/a/punycode.html",
         page("Six activists detained at an Almaty picket", "Police detained six activists at a single-person "
              "picket near the akimat on Saturday. " * 12, '<meta charset="punycode">').encode("ascii"), "text/html"),
    item("https://fuzz.example/a/deep-ld.html",
         page("Алматыда алты белсенді ұсталды", "Алматыда бейбіт пикетке шыққан алты белсенді ұсталды. " * 12,
              '<script type="application/ld+json">' + "[" * 50000 + "]" * 50000 + "</script>").encode("utf-8"),
         "text/html"),
]


def rows(home, query):
    result = run_cli("sql", query, "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_hostile_documents_are_set_aside_and_the_run_loads(tmp_path):
    home = tmp_path / "home"
    good = [json.dumps(i) for i in good_items()]
    lines = [good[0], *map(json.dumps, HOSTILE[:2]), "{not a landed item", good[1], *map(json.dumps, HOSTILE[2:]),
             good[2]]
    landing_run(home, "20261120T080000Z-hostile", lines)
    first = run_cli("process", home=home)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr and "2 unreadable documents" in first.stdout
    assert "unreadable (extract): https://fuzz.example/r/tree.pdf: broken PDF: Maximum page tree" in first.stdout
    again = run_cli("process", home=home)
    assert again.returncode == 0 and "processed 0 runs" in again.stdout

    urls = {r["url"] for r in rows(home, "SELECT url FROM articles")}
    assert {u for u, _, _ in GOOD} <= urls  # the good ones, whatever stood between them
    # the lying charsets and the deep JSON-LD are read as the articles they are
    assert {h["url"] for h in HOSTILE[1:]} <= urls
    unreadable = rows(home, "SELECT url, stage, reason, source_id, bytes, sha256 FROM unreadable_documents ORDER BY url")
    assert [(r["url"], r["stage"]) for r in unreadable] == [
        ("https://fuzz.example/r/tree.pdf", "extract"),
        ("landing:20261120T080000Z-hostile/items.jsonl:4", "read")]
    assert "LimitReached" not in unreadable[0]["reason"] and "page tree" in unreadable[0]["reason"]
    assert unreadable[0]["source_id"] == SOURCE and unreadable[0]["bytes"] == len(fanout_pdf())
    assert len(unreadable[0]["sha256"]) == 64 and unreadable[1]["reason"].startswith("JSONDecodeError")
    assert rows(home, "SELECT items, failures, status FROM loaded_runs") == [
        {"items": len(lines), "failures": 2, "status": "loaded"}]
    assert rows(home, f"SELECT unreadable FROM crawl_runs WHERE source_id = '{SOURCE}'") == [{"unreadable": 1}]
    assert rows(home, f"SELECT unreadable FROM source_health WHERE source_id = '{SOURCE}'") == [{"unreadable": 1}]


def test_a_run_failing_as_a_whole_is_retried_three_times_then_set_aside(tmp_path):
    home = tmp_path / "home"
    landing_run(home, "20261120T080000Z-broken", [json.dumps(good_items()[0])])
    (home / "landing" / "20261120T080000Z-broken" / "manifest.json").write_text('{"run_id": ', encoding="utf-8")
    landing_run(home, "20261120T090000Z-good", [json.dumps(good_items()[1])])
    for attempt in (1, 2, 3):
        result = run_cli("process", home=home)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"failed (attempt {attempt} of 3)" in result.stdout
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "set aside, not retried" in result.stdout
    last = run_cli("process", home=home)
    assert last.returncode == 0 and "processed 0 runs" in last.stdout
    assert rows(home, "SELECT run_id, status, attempts, last_error FROM loaded_runs ORDER BY run_id") == [
        {"run_id": "20261120T080000Z-broken", "status": "quarantined", "attempts": 3,
         "last_error": "JSONDecodeError: Expecting value: line 1 column 12 (char 11)"},
        {"run_id": "20261120T090000Z-good", "status": "loaded", "attempts": 1, "last_error": None}]
    assert rows(home, "SELECT count(*) AS n FROM articles") == [{"n": 1}]
