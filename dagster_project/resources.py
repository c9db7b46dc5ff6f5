"""Resources chosen in one place: the rightswatch home and the DuckDB warehouse inside it."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from rightswatch.settings import DEFAULT_SOURCES, Settings
from scrapers.registry import Source, load_sources, select
from scrapers.settings import LOCAL_FAST


class RightswatchHome(dg.ConfigurableResource):
    """Where landing, archive and reports live, which registry to crawl, and how politely."""

    home: str
    sources: str = str(DEFAULT_SOURCES)
    local_fast: bool = False  # loopback snapshot sites only: no throttling
    contact: str = ""

    def settings(self) -> Settings:
        return Settings.resolve(self.home).ensure()

    def enabled_sources(self) -> list[Source]:
        return select(load_sources(self.sources))

    def crawl_overrides(self) -> dict:
        return dict(LOCAL_FAST) if self.local_fast else {}


def default_resources() -> dict:
    settings = Settings.resolve()
    return {
        "rightswatch": RightswatchHome(home=str(settings.home)),
        "duckdb": DuckDBResource(database=str(settings.warehouse)),
    }
