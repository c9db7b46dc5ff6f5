"""The landing zone: a run appears whole or not at all; stale staging from a killed crawl is dropped."""
import json

from scrapers import landing


def test_publish_is_one_rename_and_staging_is_never_listed(tmp_path):
    root = tmp_path / "landing"
    stage = landing.staging_dir(root, "20261120T000000Z-aaaaaa")
    (stage / "items.jsonl").write_text('{"url": "https://x"}\n', encoding="utf-8")
    assert landing.published_runs(root) == []  # no manifest, staging name: invisible
    landing.write_json(stage / "manifest.json", {"run_id": "20261120T000000Z-aaaaaa"})
    assert landing.published_runs(root) == []
    final = landing.publish(stage, root / "20261120T000000Z-aaaaaa")
    assert landing.published_runs(root) == [final] and not stage.exists()


def test_killed_crawl_leaves_only_staging_which_is_cleaned(tmp_path):
    root = tmp_path / "landing"
    landing.staging_dir(root, "20261121T000000Z-bbbbbb")
    landing.clean_stale(root)
    assert list(root.iterdir()) == []


def test_spools_merge_in_order_and_disappear(tmp_path):
    parts = [tmp_path / "items-a.jsonl", tmp_path / "items-b.jsonl", tmp_path / "items-c.jsonl"]
    parts[0].write_text('{"n": 1}\n{"n": 2}\n', encoding="utf-8")
    parts[2].write_text('{"n": 3}\n', encoding="utf-8")
    assert landing.merge_spools(tmp_path, parts) == 3
    lines = (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["n"] for x in lines] == [1, 2, 3]
    assert not any(p.exists() for p in parts)


def test_seen_urls_accumulate(tmp_path):
    assert landing.load_seen(tmp_path) == {}
    landing.add_seen(tmp_path, ["https://a", "https://b"])
    landing.add_seen(tmp_path, ["https://c"])
    assert set(landing.load_seen(tmp_path)) == {"https://a", "https://b", "https://c"}


def test_run_ids_sort_by_time():
    from datetime import datetime, timezone
    early = landing.new_run_id(datetime(2026, 1, 2, tzinfo=timezone.utc))
    late = landing.new_run_id(datetime(2026, 11, 2, tzinfo=timezone.utc))
    assert early < late
