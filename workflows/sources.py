"""The source registry for its commands: `sources list`, `sources check`, and the choice of
sources a crawl, Dagster's schedules and `scrapy crawl` take from it."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from reports.rows import FORMATTERS
from scrapers.check import CheckResult, check_all, summarise
from scrapers.registry import Source, load_sources, select  # Source: a registry entry, for callers' types
from workflows.settings import Settings

LIST_COLUMNS = ["id", "kind", "cms", "country", "languages", "category", "enabled", "evidence", "url"]


def registry(path: str | Path) -> list[Source]:
    """Every entry of the registry file, enabled or not; BadInput names a bad file, line or key."""
    return load_sources(path)


def chosen(sources: list[Source], only: tuple[str, ...] = ()) -> list[Source]:
    """The enabled sources, or the ones named in `only` (disabled ones too)."""
    return select(sources, tuple(only))


def enabled(path: str | Path, only: tuple[str, ...] = ()) -> list[Source]:
    """`chosen` of the registry at `path`."""
    return chosen(registry(path), only)


def listing(path: str | Path, fmt: str) -> str:
    """The registry as a table, CSV or JSON, with each entry's evidence class."""
    columns = LIST_COLUMNS + ([] if fmt == "table" else ["evidence_note"])
    rows = [tuple({**s.as_dict(), "evidence_note": s.evidence_note}[c] for c in columns) for s in registry(path)]
    return FORMATTERS[fmt](columns, rows)


def check(settings: Settings, path: str | Path, only: tuple[str, ...], timeout: float,
          progress: Callable[[CheckResult], None] | None = None) -> tuple[list[CheckResult], dict]:
    """Fetch each chosen source once; the results and their summary (counts per outcome and evidence)."""
    results = check_all(enabled(path, only), timeout=timeout, contact=settings.contact,
                        allow_loopback=settings.allow_loopback, progress=progress)
    return results, summarise(results)
