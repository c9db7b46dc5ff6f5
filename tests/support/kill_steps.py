"""One step of the pipeline as its own process, so the kill harness can SIGKILL it:
`python -m tests.support.kill_steps crawl|process|dagster HOME SOURCES`.

crawl and dagster aim at the loopback demo site, so they turn loopback on explicitly;
process is the real console script's code path (`rightswatch process`)."""
from __future__ import annotations

import sys
from pathlib import Path


def crawl(home: Path, sources: Path) -> None:
    from scrapers.registry import load_sources
    from scrapers.settings import LOCAL_FAST, LOOPBACK
    from workflows.crawl import crawl_sources
    from workflows.settings import Settings
    settings = Settings(home=home, sources=sources, allow_loopback=True)
    crawl_sources(settings, load_sources(sources), overrides={**LOCAL_FAST, **LOOPBACK},
                       progress=lambda _: None)


def process(home: Path, sources: Path) -> None:
    from rightswatch.cli import main
    sys.argv = ["rightswatch", "--home", str(home), "process"]
    main()


def dagster(home: Path, sources: Path) -> None:
    import dagster as dg
    from dagster_duckdb import DuckDBResource

    from dagster_project.assets import ALL_ASSETS
    from dagster_project.partitions import today
    from dagster_project.resources import RightswatchHome
    resources = {"rightswatch": RightswatchHome(home=str(home), sources=str(sources), local_fast=True),
                 "duckdb": DuckDBResource(database=str(home / "warehouse.duckdb"))}
    with dg.instance_for_test() as instance:
        result = dg.materialize(ALL_ASSETS, resources=resources, instance=instance, partition_key=today())
    if not result.success:
        raise SystemExit(1)


STEPS = {"crawl": crawl, "process": process, "dagster": dagster}

if __name__ == "__main__":
    step, home, sources = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    STEPS[step](home, sources)
