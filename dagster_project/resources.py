"""Resources chosen in one place: the rightswatch home and the DuckDB warehouse inside it."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from workflows import sources as registry_file
from workflows.crawl import SNAPSHOT
from workflows.settings import DEFAULT_SOURCES, Settings
from workflows.sources import Source


class RightswatchHome(dg.ConfigurableResource):
    """Where landing, archive and reports live, which registry to crawl, and how politely."""

    home: str
    sources: str = str(DEFAULT_SOURCES)
    local_fast: bool = False  # loopback snapshot sites only: no throttling, loopback allowed
    contact: str = ""
    watches: str = ""  # a watches file; empty: the project's watches.toml, if any

    def settings(self) -> Settings:
        return Settings.resolve(self.home).ensure()

    def enabled_sources(self, only: list[str] | tuple[str, ...] = ()) -> list[Source]:
        return registry_file.enabled(self.sources, tuple(only))

    def crawl_overrides(self) -> dict:
        return dict(SNAPSHOT) if self.local_fast else {}


def registry() -> list[Source]:
    """The registry the schedules are built from: $RIGHTSWATCH_SOURCES, else sources.toml."""
    return registry_file.registry(Settings.resolve().sources)


def default_resources() -> dict:
    settings = Settings.resolve()
    return {
        "rightswatch": RightswatchHome(home=str(settings.home), sources=str(settings.sources),
                                       contact=settings.contact or ""),
        "duckdb": DuckDBResource(database=str(settings.warehouse)),
    }
