"""The Dagster graph materializes in-process against the demo site, twice, without duplicating."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import ALL_CHECKS
from dagster_project.definitions import defs
from dagster_project.resources import RightswatchHome
from warehouse import db


def test_definitions_load():
    names = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"landing_run", "extracted", "identified", "tagged", "deduplicated", "articles", "report"} <= names
    assert defs.get_schedule_def("daily_crawl") and defs.get_sensor_def("new_landing_runs")


def materialize_all(home, sources):
    resources = {"rightswatch": RightswatchHome(home=str(home), sources=str(sources), local_fast=True),
                 "duckdb": DuckDBResource(database=str(home / "warehouse.duckdb"))}
    with dg.instance_for_test() as instance:
        result = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], resources=resources, instance=instance)
        assert result.success
        checks = result.get_asset_check_evaluations()
        assert len(checks) == 2 and all(c.passed for c in checks)
        return result


def test_whole_graph_materializes_and_reruns_idempotently(tmp_path, demo_sources):
    home = tmp_path / "home"
    materialize_all(home, demo_sources)
    with db.reader(home / "warehouse.duckdb") as con:
        first = con.execute("SELECT count(*), count(DISTINCT language) FROM articles").fetchone()
    assert first[0] >= 50 and first[1] >= 8
    assert list((home / "reports").glob("report-*.html"))
    materialize_all(home, demo_sources)
    with db.reader(home / "warehouse.duckdb") as con:
        assert con.execute("SELECT count(*), count(DISTINCT language) FROM articles").fetchone() == first


def test_sensor_requests_a_run_per_new_landing_run(tmp_path):
    from dagster_project.schedules import new_landing_runs
    home = tmp_path / "home"
    (home / "landing" / "20261120T000000Z-aaaaaa").mkdir(parents=True)
    (home / "landing" / "20261120T000000Z-aaaaaa" / "manifest.json").write_text("{}")
    (home / "landing" / ".tmp-20261121T000000Z-bbbbbb").mkdir()
    context = dg.build_sensor_context(resources={"rightswatch": RightswatchHome(home=str(home))})
    requests = new_landing_runs(context)
    assert [r.run_key for r in requests] == ["20261120T000000Z-aaaaaa"]
    context = dg.build_sensor_context(cursor="20261120T000000Z-aaaaaa",
                                      resources={"rightswatch": RightswatchHome(home=str(home))})
    assert isinstance(new_landing_runs(context), dg.SkipReason)
