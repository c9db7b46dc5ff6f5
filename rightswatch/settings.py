"""One frozen Settings object: where the home directory is and what lives inside it."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "sources.toml"


@dataclass(frozen=True)
class Settings:
    home: Path
    sources: Path = DEFAULT_SOURCES  # $RIGHTSWATCH_SOURCES, else the project's sources.toml
    contact: str | None = None  # $RIGHTSWATCH_CONTACT: how site owners reach the crawler's operator
    allow_loopback: bool = False  # $RIGHTSWATCH_ALLOW_LOOPBACK=1: crawl 127.0.0.1 (tests, snapshots)

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> "Settings":
        """`--home`, else $RIGHTSWATCH_HOME, else ./var; the environment is read here and only here."""
        chosen = home or os.environ.get("RIGHTSWATCH_HOME") or "var"
        sources = os.environ.get("RIGHTSWATCH_SOURCES")
        return cls(Path(chosen).expanduser().resolve(),
                   Path(sources).expanduser().resolve() if sources else DEFAULT_SOURCES,
                   os.environ.get("RIGHTSWATCH_CONTACT") or None,
                   os.environ.get("RIGHTSWATCH_ALLOW_LOOPBACK", "") == "1")

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def raw(self) -> Path:
        return self.home / "raw"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def exports(self) -> Path:
        return self.home / "exports"

    def ensure(self) -> "Settings":
        for path in (self.home, self.landing, self.raw, self.reports, self.exports):
            path.mkdir(parents=True, exist_ok=True)
        return self
