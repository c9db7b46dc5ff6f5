"""The whole demo graph as one job on the multiprocess executor; rebuilt from the environment in
every step process (so `reconstructable` can find it), pointed at a test home and the demo site."""
import os

import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import ALL_CHECKS
from tests.support.dagster import resources


def demo_graph_job() -> dg.JobDefinition:
    from pathlib import Path
    home, sources = Path(os.environ["RW_PG_TEST_HOME"]), Path(os.environ["RW_PG_TEST_SOURCES"])
    job = dg.define_asset_job("demo_graph", selection=dg.AssetSelection.all(),
                              executor_def=dg.multiprocess_executor)
    defs = dg.Definitions(assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=[job],
                          resources=resources(home, sources))
    return defs.resolve_job_def("demo_graph")
