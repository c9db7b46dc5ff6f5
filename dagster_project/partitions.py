"""Daily partitions: a day's partition holds the landing runs crawled that day (UTC).

Today's partition exists before the day ends (end_offset=1) so the schedule can crawl into it.
The web cannot be crawled in the past: materializing a past day reprocesses what landed then."""
from datetime import datetime, timezone

import dagster as dg

daily = dg.DailyPartitionsDefinition(start_date="2026-01-01", timezone="UTC", end_offset=1)


def today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


def run_prefix(partition_key: str) -> str:
    """Landing run ids start with the crawl's UTC date: 2026-11-25 -> '20261125T'."""
    return partition_key.replace("-", "") + "T"


def partition_of(run_id: str) -> str:
    return f"{run_id[0:4]}-{run_id[4:6]}-{run_id[6:8]}"
