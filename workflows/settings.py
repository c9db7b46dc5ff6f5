"""One frozen Settings object: where the home directory is and what lives inside it."""
from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from core.errors import BadInput

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "sources.toml"
HOME_OPTION, HOME_VARIABLE = "--home", "$RIGHTSWATCH_HOME"
CACHE_ENV = "RIGHTSWATCH_CACHE_DIR"  # where the unpacked language-id model is kept; empty: kept nowhere


@dataclass(frozen=True)
class Settings:
    home: Path
    sources: Path = DEFAULT_SOURCES  # $RIGHTSWATCH_SOURCES, else the project's sources.toml
    contact: str | None = None  # $RIGHTSWATCH_CONTACT: how site owners reach the crawler's operator
    allow_loopback: bool = False  # $RIGHTSWATCH_ALLOW_LOOPBACK=1: crawl 127.0.0.1 (tests, snapshots)
    home_from: str = ""  # HOME_OPTION or HOME_VARIABLE; empty for the default ./var
    program: str = "rightswatch"  # how to start rightswatch again from here (see `_program`)
    model_cache: Path | None = None  # $RIGHTSWATCH_CACHE_DIR, else the user cache (see `_model_cache`)

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> "Settings":
        """`--home`, else $RIGHTSWATCH_HOME, else ./var; the environment is read here and only here."""
        variable = os.environ.get("RIGHTSWATCH_HOME")
        chosen = home or variable or "var"
        sources = os.environ.get("RIGHTSWATCH_SOURCES")
        return cls(Path(chosen).expanduser().resolve(),
                   Path(sources).expanduser().resolve() if sources else DEFAULT_SOURCES,
                   os.environ.get("RIGHTSWATCH_CONTACT") or None,
                   os.environ.get("RIGHTSWATCH_ALLOW_LOOPBACK", "") == "1",
                   HOME_OPTION if home else (HOME_VARIABLE if variable else ""),
                   _program(), _model_cache())

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

    def command(self, *words: str) -> str:
        """A command line that works when pasted here: this program, `--home` when it was given."""
        home = [HOME_OPTION, shlex.quote(str(self.home))] if self.home_from == HOME_OPTION else []
        return " ".join([self.program, *home, *words])

    def require_warehouse(self) -> Path:
        """The warehouse, which a reader (report, sql, export) never creates: an empty one made in
        the wrong directory would answer every question with nothing."""
        if not self.warehouse.is_file():
            raise BadInput(f"no warehouse in {self.home}; run `{self.command('demo')}` or "
                           f"`{self.command('crawl')}` then `{self.command('process')}`")
        return self.warehouse


def _model_cache() -> Path | None:
    """$RIGHTSWATCH_CACHE_DIR (empty: none), else $XDG_CACHE_HOME/rightswatch, else ~/.cache/rightswatch."""
    base = os.environ.get(CACHE_ENV)
    if base == "":
        return None
    if base is None:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "rightswatch")
    return Path(base)


def _program() -> str:
    """`rightswatch` when that is on PATH, else the console script's path (relative to the
    working directory when inside it, e.g. `.venv/bin/rightswatch` after `make demo`), else
    `python -m rightswatch.cli`."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    script = started if started.name == "rightswatch" else Path(sys.executable).parent / "rightswatch"
    if not script.is_file():
        return f"{shlex.quote(sys.executable)} -m rightswatch.cli"
    found = shutil.which("rightswatch")
    if found and Path(found).resolve() == script.resolve():
        return "rightswatch"
    script = script.absolute()
    try:
        return shlex.quote(str(script.relative_to(Path.cwd())))
    except ValueError:
        return shlex.quote(str(script))
