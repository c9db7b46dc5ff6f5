"""Dagster resources pointed at a test home and a registry, with loopback snapshot crawling on."""
from __future__ import annotations

from dagster_duckdb import DuckDBResource

from dagster_project.resources import RightswatchHome


def resources(home, sources, watches=None):
    """The resources of the graph for `home`, crawling the registry file `sources` (and running the
    watches of the file `watches`, when given)."""
    return {"rightswatch": RightswatchHome(home=str(home), sources=str(sources), local_fast=True,
                                           watches=str(watches or "")),
            "duckdb": DuckDBResource(database=str(home / "warehouse.duckdb"))}
