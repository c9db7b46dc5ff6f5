"""Already-extracted articles, one JSON object a line; any bad line rejects the whole file.

Each line is checked before anything is stored: a URL with a host
(and a valid port), an ISO 639 language code, a date a calendar can hold, text without NULs or
lone surrogates. The error names the file, the line and the key."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

from core.errors import BadInput

FIELDS = {"url", "title", "text", "published", "source", "language"}
MAX_URL_CHARS = 4096
MAX_SOURCE_CHARS = 200
YEARS = (1900, 2100)  # a news date outside these is a broken field, not history
LANGUAGE = re.compile(r"[a-z]{2,3}")  # ISO 639-1, else 639-3 ('und' when unknown)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\s]")


def parse_published(value, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadInput(f"{where}: 'published' must be an ISO date string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        parsed = (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except ValueError:
        raise BadInput(f"{where}: 'published' is not an ISO date: {_shown(value)}") from None
    except OverflowError:
        raise BadInput(f"{where}: 'published' is out of range: {_shown(value)}") from None
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        raise BadInput(f"{where}: 'published' is out of range ({YEARS[0]}-{YEARS[1]}): {_shown(value)}")
    return parsed


def _shown(value: str, chars: int = 40) -> str:
    return repr(value if len(value) <= chars else value[:chars] + "…")


def record(line: str, where: str) -> dict:
    """One JSON line as a checked record; BadInput names `where` (file and line) and the key."""
    return _validate(_parse(line, where), where)


def _parse(line: str, where: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise BadInput(f"{where}: invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # a number past Python's digit limit, and the like
        raise BadInput(f"{where}: invalid JSON ({str(exc).split(';')[0]})") from None


def _validate(obj, where: str) -> dict:
    if not isinstance(obj, dict):
        raise BadInput(f"{where}: expected a JSON object")
    for key in ("url", "title", "text"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise BadInput(f"{where}: missing or empty '{key}'")
    for key in ("source", "language"):
        if key in obj and obj[key] is not None and not isinstance(obj[key], str):
            raise BadInput(f"{where}: '{key}' must be a string")
    for key in FIELDS:
        if isinstance(obj.get(key), str):
            _check_text(obj[key], key, where)
    language = obj.get("language") or None
    if language is not None and not LANGUAGE.fullmatch(language):
        raise BadInput(f"{where}: 'language' is not an ISO 639 code (two or three lowercase letters, "
                       f"'und' when unknown): {_shown(language, 20)}")
    source = obj.get("source") or "ingest"
    if len(source) > MAX_SOURCE_CHARS or _CONTROL.search(source.strip()):
        raise BadInput(f"{where}: 'source' must be a short name without spaces or control characters")
    return {
        "url": _check_url(obj["url"].strip(), where), "title": obj["title"], "text": obj["text"],
        "published": parse_published(obj.get("published"), where),
        "source": source.strip(), "language": language,
    }


def _check_text(value: str, key: str, where: str) -> None:
    if "\x00" in value:
        raise BadInput(f"{where}: '{key}' contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f"{where}: '{key}' contains a lone surrogate (\\u{ord(value[exc.start]):04x}) "
                       f"at character {exc.start + 1}") from None


def _check_url(url: str, where: str) -> str:
    if len(url) > MAX_URL_CHARS:
        raise BadInput(f"{where}: 'url' is longer than {MAX_URL_CHARS} characters")
    if _CONTROL.search(url):
        raise BadInput(f"{where}: 'url' contains spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # raises on a port out of range or not a number
    except ValueError as exc:
        raise BadInput(f"{where}: 'url' is not a valid URL ({exc}): {_shown(url)}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadInput(f"{where}: 'url' must be an http(s) URL")
    if not parts.hostname:
        raise BadInput(f"{where}: 'url' has no host: {_shown(url)}")
    return url
