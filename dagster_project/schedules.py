"""Jobs, the daily schedule, and the sensor that processes new landing runs."""

import dagster as dg

from dagster_project.assets import PROCESS_ASSETS, landing_run
from dagster_project.resources import RightswatchHome
from scrapers.landing import published_runs

daily_job = dg.define_asset_job("daily_crawl_and_process", selection=dg.AssetSelection.all(),
                                description="Crawl every enabled source, then process and report.")
process_job = dg.define_asset_job("process_landed", selection=dg.AssetSelection.assets(*PROCESS_ASSETS),
                                  description="Process landing runs not yet loaded.")

daily_schedule = dg.ScheduleDefinition(job=daily_job, cron_schedule="0 5 * * *",
                                       execution_timezone="UTC", name="daily_crawl")


@dg.sensor(job=process_job, minimum_interval_seconds=60,
           description="A run request for each landing run published since the last one seen.")
def new_landing_runs(context: dg.SensorEvaluationContext, rightswatch: RightswatchHome):
    newest = context.cursor or ""
    fresh = [run.name for run in published_runs(rightswatch.settings().landing) if run.name > newest]
    if not fresh:
        return dg.SkipReason("no new landing runs")
    context.update_cursor(fresh[-1])
    return [dg.RunRequest(run_key=fresh[-1])]


__all__ = ["daily_job", "process_job", "daily_schedule", "new_landing_runs", "landing_run"]
