"""Several landing runs of one crawl (as workers write them), an empty one first, load as one."""
import json

from scrapers.crawl import crawl
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from warehouse import query
from workflows.process import process_landed
from workflows.settings import Settings


def test_empty_first_run_then_a_full_one(tmp_path, demo_sources):
    source_home = tmp_path / "crawled"
    manifest = crawl(source_home, load_sources(demo_sources), overrides={**LOCAL_FAST, **LOOPBACK},
                     progress=lambda _: None)
    items = (source_home / "landing" / manifest["run_id"] / "items.jsonl").read_text(encoding="utf-8")
    home = tmp_path / "home"
    for worker, lines in (("w1", ""), ("w2", items)):
        run_id = f"{manifest['run_id']}-{worker}"
        run = home / "landing" / run_id
        run.mkdir(parents=True)
        (run / "items.jsonl").write_text(lines, encoding="utf-8")
        (run / "manifest.json").write_text(json.dumps({**manifest, "run_id": run_id,
                                                       "items": lines.count("\n")}), encoding="utf-8")
    summary = process_landed(Settings(home=home), progress=lambda _: None)
    assert summary.runs == 2 and summary.articles == manifest["items"]
    _, rows = query.run(home / "warehouse.duckdb", "SELECT count(*), count(DISTINCT cluster_id) FROM articles")
    assert rows[0][0] == manifest["items"] and 0 < rows[0][1] < rows[0][0]
