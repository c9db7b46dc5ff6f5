"""`rightswatch crawl --workers 2 --frontier redis://...` on the demo site, then `process` and `export`:
each worker publishes its own landing folder, process loads them all once, Parquet has each article once."""
import json

import duckdb

from tests.support.cli import run_cli
from warehouse import query


def test_two_workers_land_per_worker_and_process_loads_each_article_once(redis_url, demo_sources, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")  # the demo site lives on 127.0.0.1
    home = tmp_path / "home"
    alone = run_cli("crawl", "--workers", "2", "--sources", str(demo_sources), home=home)
    assert alone.returncode == 2 and "--frontier" in alone.stderr + alone.stdout

    crawled = run_cli("crawl", "--workers", "2", "--frontier", redis_url, "--reset-frontier",
                      "--sources", str(demo_sources), home=home)
    assert crawled.returncode == 0, crawled.stderr[-2000:]
    assert "frontier reset" in crawled.stdout and "by 2 workers" in crawled.stdout
    runs = sorted(p for p in (home / "landing").iterdir() if p.is_dir())
    assert [p.name[-3:] for p in runs] == ["-w1", "-w2"]
    landed = []
    for run in runs:
        assert json.loads((run / "manifest.json").read_text(encoding="utf-8"))["run_id"] == run.name
        landed += [json.loads(line)["url"] for line in (run / "items.jsonl").open(encoding="utf-8")]
    assert landed and len(landed) == len(set(landed)), "no item landed by both workers"

    processed = run_cli("process", home=home)
    assert processed.returncode == 0, processed.stderr[-2000:]
    assert "processed 2 runs" in processed.stdout
    _, rows = query.run(home / "warehouse.duckdb",
                        "SELECT count(*), count(DISTINCT url), count(DISTINCT run_id) FROM articles")
    count, distinct, run_ids = rows[0]
    assert count == distinct and 0 < count <= len(landed) and 1 <= run_ids <= 2  # a small site may all go to one worker

    out = tmp_path / "exports"
    assert run_cli("export", "--out", str(out), home=home).returncode == 0
    exported = duckdb.connect().execute(
        "SELECT count(*), count(DISTINCT article_id), count(DISTINCT day) "
        "FROM read_parquet(?, hive_partitioning = true)", [str(out / "articles" / "*" / "*.parquet")]).fetchone()
    assert exported[0] == exported[1] == count and exported[2] >= 1
