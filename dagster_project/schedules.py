"""One crawl schedule per enabled source (its `schedule` key), and the sensor that processes
each new landing run in its day's partition."""
import dagster as dg

from dagster_project.assets import PROCESS_ASSETS, alert_report, crawl
from dagster_project.partitions import daily, partition_of, today
from dagster_project.resources import RightswatchHome
from workflows.process import landed_runs
from workflows.sources import Source

CRONS = {"hourly": "0 * * * *", "daily": "0 5 * * *", "weekly": "0 5 * * 1"}

crawl_job = dg.define_asset_job("crawl_sources", selection=dg.AssetSelection.assets(crawl),
                                partitions_def=daily, description="Crawl into today's partition.")
process_job = dg.define_asset_job("process_landed", selection=dg.AssetSelection.assets(*PROCESS_ASSETS),
                                  partitions_def=daily,
                                  description="Process a day's landing runs, load, cluster, report.")
daily_job = dg.define_asset_job("daily_pipeline", selection=dg.AssetSelection.all(), partitions_def=daily,
                                description="Everything for one day: crawl, process, load, report.")


alert_job = dg.define_asset_job("morning_digest", selection=dg.AssetSelection.assets(alert_report),
                                partitions_def=daily, description="Alert rules, digest and delivery.")
daily_alerts = dg.ScheduleDefinition(name="daily_alerts", job=alert_job, cron_schedule="0 6 * * *",
                                     execution_timezone="UTC",
                                     description="The morning digest, after the night's crawls.")
# A ScheduleDefinition on a partitioned job picks the partition of the tick's day.


def cron_of(source: Source) -> str:
    """`daily`, `hourly`, `weekly`, or a cron expression as written."""
    return CRONS.get(source.schedule, source.schedule)


def source_schedule(source: Source) -> dg.ScheduleDefinition:
    @dg.schedule(name=f"crawl_{source.id.replace('-', '_')}", cron_schedule=cron_of(source),
                 job=crawl_job, execution_timezone="UTC",
                 description=f"Crawl {source.name} ({source.schedule}).")
    def _schedule(context: dg.ScheduleEvaluationContext):
        return dg.RunRequest(partition_key=today(),
                             run_config={"ops": {"crawl": {"config": {"only": [source.id]}}}},
                             tags={"source": source.id})
    return _schedule


def source_schedules(sources: list[Source]) -> list[dg.ScheduleDefinition]:
    return [source_schedule(s) for s in sources if s.enabled]


@dg.sensor(job=process_job, minimum_interval_seconds=60,
           description="A run of the day's partition for each landing run published since the last one seen.")
def new_landing_runs(context: dg.SensorEvaluationContext, rightswatch: RightswatchHome):
    newest = context.cursor or ""
    fresh = [run for run in landed_runs(rightswatch.settings()) if run > newest]
    if not fresh:
        return dg.SkipReason("no new landing runs")
    context.update_cursor(fresh[-1])
    return [dg.RunRequest(run_key=run_id, partition_key=partition_of(run_id)) for run_id in fresh]
