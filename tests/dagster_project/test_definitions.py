"""The Dagster graph: definitions load, a day materializes against the demo site, backfills are idempotent."""
from datetime import date, timedelta

import dagster as dg

from dagster_project.assets import ALL_ASSETS, PROCESS_ASSETS
from dagster_project.checks import ALL_CHECKS
from dagster_project.definitions import defs
from dagster_project.partitions import today
from dagster_project.resources import RightswatchHome
from scrapers.registry import load_sources, select
from tests.support.dagster import resources
from warehouse import db
from workflows.settings import DEFAULT_SOURCES

CHAIN = ["crawl", "landed", "extracted", "identified", "tagged", "deduplicated", "articles", "clusters", "alert_report"]


def test_definitions_load_with_a_schedule_per_enabled_source():
    graph = defs.resolve_asset_graph()
    assert {key.to_user_string() for key in graph.get_all_asset_keys()} == set(CHAIN) | {"search_index"}
    for upstream, downstream in [*zip(CHAIN, CHAIN[1:]), ("articles", "search_index"), ("search_index", "alert_report")]:
        assert dg.AssetKey(upstream) in graph.get(dg.AssetKey(downstream)).parent_keys
    names = {s.name for s in defs.schedules}
    enabled = select(load_sources(DEFAULT_SOURCES))
    assert names == {f"crawl_{s.id.replace('-', '_')}" for s in enabled} | {"daily_alerts"}
    assert [s.name for s in defs.sensors] == ["new_landing_runs"]


def snapshot(home):
    with db.reader(home / "warehouse.duckdb") as con:
        return {table: con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()  # test-only
                for table in ("articles", "clusters", "loaded_runs", "crawl_runs", "sources")}


def test_today_materializes_then_a_week_backfilled_twice_changes_nothing(tmp_path, demo_sources):
    home = tmp_path / "home"
    watches = tmp_path / "watches.toml"
    watches.write_text('[[watches]]\nname = "amnesty"\nquery = "Amnesty"\n', encoding="utf-8")
    with dg.instance_for_test() as instance:
        result = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], resources=resources(home, demo_sources, watches),
                                instance=instance, partition_key=today())
        assert result.success
        checks = {c.check_name: c.passed for c in result.get_asset_check_evaluations()}
        assert checks == {"unique_canonical_urls": True, "every_article_has_language": True,
                          "sources_produce_items": True, "articles_are_fresh": True}
        meta = result.asset_materializations_for_node("articles")[0].metadata
        assert meta["inserted"].value >= 55
        index = result.asset_materializations_for_node("search_index")[0].metadata
        assert index["articles"].value == meta["inserted"].value
        report = result.asset_materializations_for_node("alert_report")[0].metadata
        assert report["watch"].value >= 1 and (home / "reports" / "feeds" / "amnesty.xml").exists()
        first = snapshot(home)
        week = [(date.fromisoformat(today()) - timedelta(days=n)).isoformat() for n in range(7)]
        for _ in range(2):
            for day in week:
                run = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], selection=PROCESS_ASSETS,
                                     resources=resources(home, demo_sources), instance=instance,
                                     partition_key=day)
                assert run.success
            assert snapshot(home) == first


def test_sensor_requests_each_new_run_in_its_day(tmp_path):
    from dagster_project.schedules import new_landing_runs
    home = tmp_path / "home"
    for run_id in ("20261120T000000Z-aaaaaa", "20261121T090000Z-bbbbbb"):
        (home / "landing" / run_id).mkdir(parents=True)
        (home / "landing" / run_id / "manifest.json").write_text("{}")
    (home / "landing" / ".tmp-20261122T000000Z-cccccc").mkdir()
    res = {"rightswatch": RightswatchHome(home=str(home))}
    requests = new_landing_runs(dg.build_sensor_context(resources=res))
    assert [(r.run_key, r.partition_key) for r in requests] == [
        ("20261120T000000Z-aaaaaa", "2026-11-20"), ("20261121T090000Z-bbbbbb", "2026-11-21")]
    later = dg.build_sensor_context(cursor="20261121T090000Z-bbbbbb", resources=res)
    assert isinstance(new_landing_runs(later), dg.SkipReason)


def test_per_source_schedule_crawls_only_that_source_into_today():
    from dagster_project.schedules import cron_of, source_schedule
    source = next(s for s in load_sources(DEFAULT_SOURCES) if s.enabled)
    schedule = source_schedule(source)
    assert schedule.cron_schedule == cron_of(source)
    request = schedule(dg.build_schedule_context())
    assert request.partition_key == today()
    assert request.run_config == {"ops": {"crawl": {"config": {"only": [source.id]}}}}
