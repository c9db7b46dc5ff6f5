"""The one Definitions object: `dagster dev` in the project root loads it via [tool.dagster]."""
import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import ALL_CHECKS
from dagster_project.resources import default_resources
from dagster_project.schedules import daily_job, daily_schedule, new_landing_runs, process_job

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[daily_job, process_job],
    schedules=[daily_schedule],
    sensors=[new_landing_runs],
    resources=default_resources(),
)
