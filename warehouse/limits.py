"""What one analyst query may use; kept apart from the DuckDB code so the CLI can show the
defaults without loading DuckDB."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Seconds, DuckDB memory (it spills to disk beyond it), threads, the disk it may spill to, and
    how long to wait for a writer holding the warehouse (the CLI outwaits a load; a web page does not)."""

    timeout: float = 60.0
    memory: str = "256MB"
    threads: int = 2
    temp_space: str = "4GB"
    wait: float = 600.0


DEFAULT = Limits()
