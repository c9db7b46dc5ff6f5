"""Resources chosen in one place: the rightswatch home and the DuckDB warehouse inside it."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from rightswatch.settings import DEFAULT_SOURCES, Settings
from scrapers.registry import Source, load_sources, select
from scrapers.settings import LOCAL_FAST, LOOPBACK


class RightswatchHome(dg.ConfigurableResource):
    """Where landing, archive and reports live, which registry to crawl, and how politely."""

    home: str
    sources: str = str(DEFAULT_SOURCES)
    local_fast: bool = False  # loopback snapshot sites only: no throttling, loopback allowed
    contact: str = ""

    def settings(self) -> Settings:
        return Settings.resolve(self.home).ensure()

    def enabled_sources(self, only: list[str] | tuple[str, ...] = ()) -> list[Source]:
        return select(load_sources(self.sources), tuple(only))

    def crawl_overrides(self) -> dict:
        return {**LOCAL_FAST, **LOOPBACK} if self.local_fast else {}


def registry() -> list[Source]:
    """The registry the schedules are built from: $RIGHTSWATCH_SOURCES, else sources.toml."""
    return load_sources(Settings.resolve().sources)


def default_resources() -> dict:
    settings = Settings.resolve()
    return {
        "rightswatch": RightswatchHome(home=str(settings.home), sources=str(settings.sources),
                                       contact=settings.contact or ""),
        "duckdb": DuckDBResource(database=str(settings.warehouse)),
    }
