"""Progress on long work for a person at a terminal: a bar on stderr (rich) with a count, the
elapsed time and what is being worked on; silent when stderr is not a terminal (cron, pipes,
tests). Lines the command prints meanwhile appear above the bar."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn,
                           TimeElapsedColumn)

MAX_NAMED = 3  # sources named in a "waiting for" description


class Bar:
    """One task of the display: `advance` it, `describe` what it is doing now."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress, self._task = progress, task

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._task, steps)

    def describe(self, text: str) -> None:
        self._progress.update(self._task, description=text)

    def restart(self, text: str, total: int | None) -> None:
        self._progress.reset(self._task, total=total, description=text)


@contextmanager
def bar(description: str, total: int | None = None) -> Iterator[Bar]:
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        yield Bar(progress, progress.add_task(description, total=total))


def waiting_for(names: list[str]) -> str:
    """'waiting for a, b, c +2': the sources a crawl still runs."""
    shown = ", ".join(names[:MAX_NAMED])
    return f"waiting for {shown}" + (f" +{len(names) - MAX_NAMED}" if len(names) > MAX_NAMED else "")
