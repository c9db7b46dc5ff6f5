"""`rightswatch eval <name>`: each module here defines one click command named `command`.

Every evaluation reads labelled data (defaults under the shared folder beside the project,
or the project's own fixtures), prints its tables, and prints its headline figures last."""
from __future__ import annotations

import importlib
import pkgutil

import click


def commands() -> list[click.Command]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            found.append(command)
    return found
