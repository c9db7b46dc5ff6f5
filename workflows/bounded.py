"""Read input in bounded pieces: a line or a file longer than its cap is refused while it is
being read (never read whole first), naming the file, the line and the flag that raises the cap."""
from __future__ import annotations

from typing import BinaryIO, Iterator

from core.errors import BadInput

MiB = 1024 * 1024
# Default caps of the commands' --max-bytes / --max-line-bytes.
DOCUMENT_BYTES = 20 * MiB  # `extract`: a file, also once unpacked (pipelines.extract.MAX_DOCUMENT_BYTES)
INGEST_LINE_BYTES = 8 * MiB  # `ingest`: one record; a long report is a few hundred kB of text
LANGID_LINE_BYTES = MiB  # `langid`: one text


def size(value: int) -> str:
    return f"{value // MiB} MiB" if value % MiB == 0 else f"{value:,} bytes"


def lines(stream: BinaryIO, name: str, limit: int, flag: str) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its newline) for each line; BadInput at the first line
    longer than `limit` bytes, after reading at most `limit` + 1 bytes of it."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if line.endswith(b"\n"):
            line = line[:-1]
        elif len(line) > limit:
            raise BadInput(f"{name}:{number}: line longer than {size(limit)} ({flag} raises the cap)")
        yield number, line.removesuffix(b"\r")


def read(stream: BinaryIO, name: str, limit: int, flag: str) -> bytes:
    """The whole of a stream no longer than `limit` bytes, else BadInput."""
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise BadInput(f"{name}: larger than {size(limit)} ({flag} raises the cap)")
    return body
