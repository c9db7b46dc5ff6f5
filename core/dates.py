"""Dates, parsed in one place: how the region's publishers write them (ISO 8601 in their many
forms, numeric day.month.year, day-month-year in twelve languages with case endings), the
timestamps the crawler compares, and a day given on the command line. Month names are data
(`months.toml`), read here and only here."""
from __future__ import annotations

import re
import time
import tomllib
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from core.errors import BadInput

MONTHS_FILE = Path(__file__).with_name("months.toml")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?!\d)")
_WORD = r"([^\W\d_]{3,})"
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:-?[^\W\d_]{0,3})?[\s.-]+" + _WORD + r"[,.]?\s+((?:19|20)\d{2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(_WORD + r"\s+(\d{1,2}),?\s+((?:19|20)\d{2})(?!\d)")
_YEAR_DAY_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[^\W\d]{0,8}[\s,-]+(\d{1,2})[-\s]+" + _WORD)


@cache
def _months() -> dict[str, list[tuple[str, int]]]:
    data = tomllib.loads(MONTHS_FILE.read_text(encoding="utf-8"))
    found: dict[str, list[tuple[str, int]]] = {}
    for month, stems in data["months"].items():
        for stem in stems:
            found.setdefault(stem[:3], []).append((stem, int(month)))
    return found


def month_of(word: str) -> int | None:
    """The month a word names (a stem of months.toml and at most six more letters), or None."""
    word = word.casefold()
    for stem, month in _months().get(word[:3], ()):
        if word.startswith(stem) and len(word) - len(stem) <= 6:
            return month
    return None


def parse_iso(value: str | None) -> datetime | None:
    """ISO 8601 as publishers write it: 'Z', '+0500', a space for 'T', fractions, a bare date."""
    found = _ISO.search(value or "")
    if not found:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return moment.replace(tzinfo=timezone(sign * offset))
    return moment.replace(tzinfo=timezone.utc)


def text_date(text: str) -> date | None:
    """A full date written in text: 12.11.2026, 2026-11-12, '12 ноября 2026', 'Noyabr 14, 2026'."""
    for pattern, order in ((_NUMERIC, "dmy"), (_DAY_MONTH_YEAR, "dwy"), (_MONTH_DAY_YEAR, "wdy"),
                           (_YEAR_DAY_MONTH, "ydw")):
        for found in pattern.finditer(text):
            parts = dict(zip(order, found.groups()))
            month = int(parts["m"]) if "m" in parts else month_of(parts["w"])
            if not month:
                continue
            try:
                return date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
    iso = _ISO.search(text)
    if iso:
        try:
            return date(*map(int, iso.groups()[:3]))
        except ValueError:
            return None
    return None


def iso_utc(value) -> str | None:
    """A date or timestamp as `YYYY-MM-DDTHH:MM:SSZ` (UTC), the form seen-state compares; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_day(value: str, option: str = "--since") -> datetime:
    """A YYYY-MM-DD option value as midnight of that day; BadInput naming the option otherwise."""
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    except ValueError:
        raise BadInput(f"{option}: not a date (expected YYYY-MM-DD): {value!r}") from None
