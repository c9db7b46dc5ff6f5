"""An analyst's `rightswatch sql` while a writer works: it waits and answers, never a lock error."""
import json
import subprocess
import sys
import time

from scrapers.crawl import crawl
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.cli import run_cli
from tests.support.project import PROJECT
from warehouse import db

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
con.close()
"""


def test_sql_waits_for_a_busy_writer_then_answers(tmp_path):
    path = tmp_path / "home" / "warehouse.duckdb"
    db.ensure(path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), "3"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    result = run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=tmp_path / "home")
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 0}]
    assert "Traceback" not in result.stderr and "lock" not in result.stderr.lower()
    assert waited < 30


def test_sql_during_process_always_answers(tmp_path, demo_sources):
    home = tmp_path / "home"
    crawl(home, load_sources(demo_sources), overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    db.ensure(home / "warehouse.duckdb")
    writer = subprocess.Popen([sys.executable, "-m", "rightswatch.cli", "--home", str(home), "process"],
                              cwd=str(PROJECT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers = []
    while writer.poll() is None or len(answers) < 3:
        result = run_cli("sql", "SELECT count(*) AS n FROM articles", "--format", "json", home=home)
        assert result.returncode == 0, result.stderr
        answers.append(json.loads(result.stdout)[0]["n"])
    assert writer.wait(timeout=120) == 0, writer.stderr.read()
    assert answers == sorted(answers) and answers[-1] >= 55


ROUNDS = 20


def _start(home, *args):
    return subprocess.Popen([sys.executable, "-m", "rightswatch.cli", "--home", str(home), *args], cwd=str(PROJECT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc):
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def _article(n: int, lang_text: str) -> dict:
    return {"url": f"https://vesti.example/kg/2026/11/miting-{n}.html", "source": "vesti-kg", "language": "ru",
            "title": f"Митинг в Бишкеке №{n}: задержаны {n + 2} участника",
            "text": f"В Бишкеке у здания парламента милиция задержала {n + 2} участников митинга №{n}. {lang_text}"}


def _landing_run(home, run_id: str, numbers: list[int]) -> None:
    """A published landing run of already-fetched pages, written as the crawler writes one."""
    import base64
    folder = home / "landing" / run_id
    folder.mkdir(parents=True)
    items = []
    for n in numbers:
        a = _article(n, "Правозащитники назвали задержания нарушением права на мирные собрания.")
        body = f"<html><body><article><h1>{a['title']}</h1><p>{a['text'] * 3}</p></article></body></html>"
        items.append({"url": a["url"], "source_id": "vesti-kg", "fetched_at": "2026-11-20T08:00:00+00:00",
                      "status": 200, "content_type": "text/html; charset=utf-8",
                      "body_b64": base64.b64encode(body.encode("utf-8")).decode("ascii"), "hints": {}})
    (folder / "items.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
                                        encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "run_id": run_id, "started_at": "2026-11-20T08:00:00+00:00", "finished_at": "2026-11-20T08:01:00+00:00",
        "items": len(items), "sources": [{"source_id": "vesti-kg", "items": len(items), "errors": 0, "status": "ok"}],
        "source_configs": [{"id": "vesti-kg", "name": "Vesti KG", "kind": "feed", "url": "https://vesti.example/rss",
                            "country": "KG", "languages": ["ru"], "category": "news"}]}), encoding="utf-8")


def _rows(home, query):
    result = run_cli("sql", query, "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_two_process_at_once_take_turns_for_20_rounds(tmp_path):
    """Both exit 0 every round, every run is loaded once with its own counts, the story index
    is never half-written (no `index.new/ids.npy` race), and loaded_runs counts are never
    overwritten by the second writer."""
    home = tmp_path / "home"
    db.ensure(home / "warehouse.duckdb")
    for r in range(ROUNDS):
        _landing_run(home, f"20261120T08{r:02d}00Z-aaaa{r:02d}", [3 * r, 3 * r + 1])
        _landing_run(home, f"20261120T08{r:02d}00Z-bbbb{r:02d}", [3 * r + 2])
        results = [_finish(p) for p in (_start(home, "process"), _start(home, "process"))]
        for code, out, err in results:
            assert code == 0 and "Traceback" not in err, (r, out, err)
    runs = _rows(home, "SELECT run_id, status, items, articles FROM loaded_runs ORDER BY run_id")
    assert len(runs) == 2 * ROUNDS and {r["status"] for r in runs} == {"loaded"}
    assert [r["articles"] for r in runs] == [2, 1] * ROUNDS == [r["items"] for r in runs]
    assert _rows(home, "SELECT count(*) AS n, count(DISTINCT url) AS urls FROM articles") == [{"n": 60, "urls": 60}]


def test_two_ingest_at_once_take_turns_for_20_rounds(tmp_path):
    home = tmp_path / "home"
    waited = 0
    for r in range(ROUNDS):
        files = []
        for side in (0, 1):
            path = tmp_path / f"in-{r}-{side}.jsonl"
            path.write_text("".join(json.dumps(_article(100 * side + 4 * r + k, "Источник: пресс-служба."),
                                               ensure_ascii=False) + "\n" for k in range(2)), encoding="utf-8")
            files.append(path)
        results = [_finish(p) for p in [_start(home, "ingest", str(f)) for f in files]]
        for code, out, err in results:
            assert code == 0 and "Traceback" not in err, (r, out, err)
            waited += "waiting for" in err
    assert _rows(home, "SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM articles") == [{"n": 80, "runs": 40}]
    assert _rows(home, "SELECT sum(articles) AS n FROM loaded_runs") == [{"n": 80}]


def test_a_writer_waits_for_a_long_query_and_says_for_whom(tmp_path):
    home = tmp_path / "home"
    record = tmp_path / "one.jsonl"
    record.write_text(json.dumps(_article(1, "Задержанных отпустили."), ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_cli("ingest", str(record), home=home).returncode == 0
    query = _start(home, "sql", "SELECT count(*) FROM range(1e14::BIGINT)", "--timeout", "12")
    time.sleep(3)  # the query holds the warehouse open
    record.write_text(json.dumps(_article(2, "Задержанных отпустили."), ensure_ascii=False) + "\n", encoding="utf-8")
    writer = run_cli("ingest", str(record), home=home)
    code, _, err = _finish(query)
    assert code == 1 and "query stopped after 12 s" in err
    assert writer.returncode == 0, writer.stderr
    assert "waiting for PID" in writer.stderr and "(rightswatch sql)" in writer.stderr
    assert _rows(home, "SELECT count(*) AS n FROM articles") == [{"n": 2}]
