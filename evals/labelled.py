"""Reading labelled JSON-lines files for the evaluations: any bad line is BadInput naming the
file and line (this module defines no command)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator

from core.errors import BadInput


def json_lines(path: Path, missing_hint: str = "") -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file{' (' + missing_hint + ')' if missing_hint else ''}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: unreadable ({exc.__class__.__name__})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise BadInput(f"{path}:{number}: expected a JSON object")
        yield number, row


def require(path: Path, number: int, ok: bool, what: str) -> None:
    if not ok:
        raise BadInput(f"{path}:{number}: {what}")


Check = Callable[[Path, int, dict], None]
