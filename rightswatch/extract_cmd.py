"""`rightswatch extract`: documents in (HTML or PDF, plain or gzipped), one JSON object a line out,
in the order given. A bad file is flagged, not fatal; a page without an article (section front,
episode list) is reported with "article": false and is not an error."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from pipelines import clean, language
from pipelines.extract import ExtractError, NotAnArticle, extract


def extract_one(path: str, url: str) -> dict:
    try:
        body = Path(path).read_bytes()
    except OSError as exc:
        return {"file": path, "error": f"cannot read: {exc.strerror or exc}"}
    try:
        found = extract(body, url=url or Path(path).name)
    except NotAnArticle as exc:
        return {"file": path, "title": "", "text": "", "published": None, "language": "und",
                "article": False, "reason": str(exc)}
    except ExtractError as exc:
        return {"file": path, "error": str(exc)}
    text = clean.clean_text(found.text)
    return {
        "file": path,
        "title": clean.clean_title(found.title),
        "text": text,
        "published": found.published.isoformat() if found.published else None,
        "language": language.detect(found.title + "\n" + text).lang,
    }


def extract_files(files: tuple[str, ...], url: str, echo: Callable[[str], None]) -> bool:
    """Print one line per file in the order given; True when any file was bad."""
    bad = False
    for path in files:
        record = extract_one(path, url)
        bad = bad or "error" in record
        echo(json.dumps(record, ensure_ascii=False))
    return bad
