"""Read already-extracted articles from JSONL; any bad line rejects the whole file."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from rightswatch.errors import BadInput

FIELDS = {"url", "title", "text", "published", "source", "language"}


def parse_published(value, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadInput(f"{where}: 'published' must be an ISO date string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"{where}: 'published' is not an ISO date: {value!r}") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def read_jsonl(path: str | Path) -> list[dict]:
    """Validated records; raises BadInput naming the file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a directory, not a JSONL file") from None
    if not raw.strip():
        raise BadInput(f"{path}: empty file")
    if b"\x00" in raw[:4096]:
        raise BadInput(f"{path}: binary file, expected JSON lines")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 (byte {exc.start})") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{where}: invalid JSON ({exc.msg})") from None
        records.append(_validate(obj, where))
    return records


def _validate(obj, where: str) -> dict:
    if not isinstance(obj, dict):
        raise BadInput(f"{where}: expected a JSON object")
    for key in ("url", "title", "text"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise BadInput(f"{where}: missing or empty '{key}'")
    if not obj["url"].startswith(("http://", "https://")):
        raise BadInput(f"{where}: 'url' must be an http(s) URL")
    for key in ("source", "language"):
        if key in obj and obj[key] is not None and not isinstance(obj[key], str):
            raise BadInput(f"{where}: '{key}' must be a string")
    return {
        "url": obj["url"].strip(), "title": obj["title"], "text": obj["text"],
        "published": parse_published(obj.get("published"), where),
        "source": obj.get("source") or "ingest", "language": obj.get("language") or None,
    }
