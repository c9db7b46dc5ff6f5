"""`make bench`: each module here has `run(results)` appending Figure records; see bench/__main__.py."""
from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # same measure of the baseline, run in the same process
    baseline_is: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    def line(self) -> str:
        text = f"{self.name}: {self.value:,.2f} {self.unit}"
        if self.ratio is not None:
            text += f"  ratio {self.ratio:.3f} vs BASELINE ({self.baseline_is}: {self.baseline:,.2f} {self.unit})"
        return text


def modules(only: tuple[str, ...] = ()) -> list:
    """The bench modules (those with a `run`; others here are their helpers), all or the named."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    found = [importlib.import_module(f"{__name__}.{n}") for n in names if not only or n in only]
    return [module for module in found if hasattr(module, "run")]


def pin_one_core() -> set[int] | None:
    """Run the caller on one core (per-core figures); returns the cores to restore, if any."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    return cores
