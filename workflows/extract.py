"""`rightswatch extract`: documents in (HTML or PDF, plain or gzipped), one JSON object a line out,
in the order given. A bad file is flagged, not fatal: whatever it raises, its line gets an
`error` field, stderr gets one line naming it, and the next file is read. A page without an
article (section front, episode list) is reported with "article": false and is not an error.
Each file is read with a size cap (also once unpacked), never whole before it is refused."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from core.errors import BadInput
from pipelines import clean
from pipelines.extract.extract import NotAnArticle, extract
from pipelines.language import language
from pipelines.process import reason
from workflows import bounded, langid_cache
from workflows.settings import Settings

FLAG = "--max-bytes"


def extract_one(path: str, url: str, max_bytes: int = bounded.DOCUMENT_BYTES) -> dict:
    try:
        with open(path, "rb") as fh:
            body = bounded.read(fh, path, max_bytes, FLAG)
    except BadInput as exc:
        return {"file": path, "error": str(exc).removeprefix(f"{path}: ")}
    except OSError as exc:
        return {"file": path, "error": f"cannot read: {exc.strerror or exc}"}
    try:
        found = extract(body, url=url or Path(path).name, max_bytes=max_bytes)
        text = clean.clean_text(found.text)
        return {
            "file": path,
            "title": clean.clean_title(found.title),
            "text": text,
            "published": found.published.isoformat() if found.published else None,
            "language": language.detect(found.title + "\n" + text).lang,
        }
    except NotAnArticle as exc:
        return {"file": path, "title": "", "text": "", "published": None, "language": "und",
                "article": False, "reason": str(exc)}
    except Exception as exc:  # one hostile file is that file's error, never the others'
        return {"file": path, "error": reason(exc)}


def extract_files(settings: Settings, files: tuple[str, ...], url: str, echo: Callable[[str], None],
                  warn: Callable[[str], None], max_bytes: int = bounded.DOCUMENT_BYTES) -> int:
    """Print one line per file in the order given, and one line on `warn` per bad file;
    returns how many were bad."""
    langid_cache.install(settings)
    bad = 0
    for path in files:
        record = extract_one(path, url, max_bytes)
        if "error" in record:
            bad += 1
            warn(f"{path}: {record['error']}")
        echo(json.dumps(record, ensure_ascii=False))
    return bad
