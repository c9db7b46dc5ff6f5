"""Find the package's .sql files by name."""
from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@cache
def query(name: str) -> str:
    """Text of warehouse/queries/<name>.sql."""
    return (HERE / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def migrations() -> list[Path]:
    return sorted((HERE / "migrations").glob("*.sql"))


def views() -> list[Path]:
    return sorted((HERE / "views").glob("*.sql"))
