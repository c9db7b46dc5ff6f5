"""`rightswatch langid`: one text a line in (a file or stdin), one language result a line out,
each line read with a cap and decoded as UTF-8, a bad one named by its line."""
from __future__ import annotations

import sys
from typing import Iterator

from core.errors import BadInput
from pipelines.language import language
from workflows import bounded, langid_cache
from workflows.settings import Settings


def identify_lines(settings: Settings, file: str, backend: str | None = None,
                   max_line_bytes: int = bounded.LANGID_LINE_BYTES) -> Iterator[dict]:
    """`{"lang", "script", "score"}` for each line of `file` ("-": stdin), as it is read."""
    backend = backend or language.DEFAULT_BACKEND
    if backend not in language.BACKENDS:
        raise BadInput(f"--backend: unknown backend '{backend}' (expected {', '.join(language.BACKENDS)})")
    langid_cache.install(settings)
    name = "stdin" if file == "-" else file
    try:
        stream = sys.stdin.buffer if file == "-" else open(file, "rb")
    except OSError as exc:
        raise BadInput(f"{file}: {exc.strerror or exc}") from None
    with stream:
        for number, raw in bounded.lines(stream, name, max_line_bytes, "--max-line-bytes"):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise BadInput(f"{name}:{number}: not UTF-8 text (byte {exc.start + 1} of the line)") from None
            yield language.detect(line, backend=backend).as_dict()
