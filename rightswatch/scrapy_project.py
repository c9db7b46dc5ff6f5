"""Scrapy's view of the project (scrapy.cfg): the polite defaults as its settings, the source
registry as its spiders, and a `crawl` command of its own (rightswatch/scrapy_commands) that lands
a run as `rightswatch crawl --only` does, so `scrapy list` and `scrapy crawl SOURCE_ID` work."""
from __future__ import annotations

from scrapers.registry import Source, load_sources, select
from scrapers.settings import POLITE
from scrapers.spiders import SPIDERS

globals().update(POLITE)  # Scrapy reads a settings module's upper-case names
SPIDER_LOADER_CLASS = "rightswatch.scrapy_project.RegistryLoader"
COMMANDS_MODULE = "rightswatch.scrapy_commands"


def registry() -> list[Source]:
    """The registry `rightswatch crawl` reads: $RIGHTSWATCH_SOURCES, else the project's sources.toml."""
    from workflows.settings import Settings
    return load_sources(Settings.resolve().sources)


class RegistryLoader:
    """Scrapy's spider loader over the registry: one spider per enabled source, named by its id."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = {s.id: s for s in select(sources)}

    @classmethod
    def from_settings(cls, settings) -> "RegistryLoader":
        return cls(registry())

    def list(self) -> list[str]:
        return sorted(self.sources)

    def load(self, spider_name: str):
        """The kind's spider class, named for the source (it still takes the source as its argument)."""
        if spider_name not in self.sources:
            raise KeyError(f"Spider not found: {spider_name}")
        base = SPIDERS[self.sources[spider_name].kind]
        return type(base.__name__, (base,), {"name": spider_name})

    def find_by_request(self, request) -> list[str]:
        return [s.id for s in self.sources.values() if request.url.startswith(s.url)]
