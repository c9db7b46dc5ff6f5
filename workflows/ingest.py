"""`rightswatch ingest FILE.jsonl`: already-extracted articles through the same chain as landed
runs. The file is read with a cap per line and every line checked before anything is stored;
one bad line rejects the whole file."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from core.errors import BadInput
from pipelines import process as chain
from pipelines.extract import ingest
from pipelines.models import Batch
from warehouse import db, locks
from workflows import bounded
from workflows.process import Progress, ProcessSummary, process_batch
from workflows.search import refresh_index
from workflows.settings import Settings

MAX_LINE_BYTES = bounded.INGEST_LINE_BYTES


def read_jsonl(path: str | Path, max_line_bytes: int = MAX_LINE_BYTES) -> list[dict]:
    """Validated records; raises BadInput naming the file and line."""
    path = Path(path)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a directory, not a JSONL file") from None
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    records = []
    with fh:
        if b"\x00" in fh.peek(4096)[:4096]:
            raise BadInput(f"{path}: binary file, expected JSON lines")
        for number, raw in bounded.lines(fh, str(path), max_line_bytes, "--max-line-bytes"):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise BadInput(f"{where}: not UTF-8 (byte {exc.start + 1} of the line)") from None
            if line.strip():
                records.append(ingest.record(line, where))
    if not records:
        raise BadInput(f"{path}: empty file")
    return records


def ingest_file(settings: Settings, path: Path, progress: Progress = print,
                max_line_bytes: int = MAX_LINE_BYTES) -> ProcessSummary:
    """Already-extracted articles through the same chain; a bad line rejects the whole file."""
    records = read_jsonl(path, max_line_bytes)
    settings.ensure()
    with locks.writer(settings.home, "ingest"):
        db.ensure(settings.warehouse)
        seen = datetime.now(timezone.utc)
        batch = Batch(run_id=f"ingest-{seen.strftime('%Y%m%dT%H%M%S%fZ')}", items=len(records),
                      articles=[chain.from_record(r, seen) for r in records])
        for article in batch.articles:
            article.run_id = batch.run_id
        inserted = process_batch(settings, batch)
        refresh_index(settings)
    progress(f"  {path}: {batch.items} records, {inserted} new articles, {batch.duplicates} duplicates"
             + (f", {len(batch.failures)} set aside as unreadable" if batch.failures else ""))
    summary = ProcessSummary()
    summary.add(batch, inserted)
    return summary
