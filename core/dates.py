"""Dates, parsed in one place: a day given on the command line, and (below) dates as the
region's publishers write them."""
from __future__ import annotations

from datetime import date, datetime

from core.errors import BadInput


def parse_day(value: str, option: str = "--since") -> datetime:
    """A YYYY-MM-DD option value as midnight of that day; BadInput naming the option otherwise."""
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    except ValueError:
        raise BadInput(f"{option}: not a date (expected YYYY-MM-DD): {value!r}") from None
