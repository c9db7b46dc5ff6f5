"""The one Definitions object: `dagster dev` in the project root loads it via [tool.dagster]."""
import dagster as dg

from dagster_project.assets import ALL_ASSETS
from dagster_project.checks import ALL_CHECKS
from dagster_project.resources import default_resources, registry
from dagster_project.schedules import (alert_job, crawl_job, daily_alerts, daily_job, new_landing_runs,
                                       process_job, source_schedules)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[crawl_job, process_job, daily_job, alert_job],
    schedules=[*source_schedules(registry()), daily_alerts],
    sensors=[new_landing_runs],
    resources=default_resources(),
)
