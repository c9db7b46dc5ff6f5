"""The publication date of a page: its own structured claim first, then the byline, the URL,
and only then htmldate's whole-page guess (which can take a header's "today" for the date)."""
from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone

import htmldate

from core.dates import parse_iso, text_date
from pipelines.extract.html_page import RULES, Page, patterns
from pipelines.extract.structured_data import PageMeta

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|\d{0,9}[/_.-]|$)")
_NEAR = 60  # elements scanned on either side of the title for a written date
EXCLUDE = patterns(RULES["date"]["exclude"])
# tagDiv and hAtom themes mark the publication time 'updated' too: allowed when nothing else is there
RELAXED = patterns([p for p in RULES["date"]["exclude"] if p not in ("updated", "modified")])


def published(page: Page, meta: PageMeta, url: str, title_element=None, body_element=None) -> datetime | None:
    """Best publication date, or None. Only the article's own scope (the smallest element holding
    both its title and its text) is searched before the title, so a header's "today" is not read."""
    scope = page.shared(title_element, body_element) if title_element is not None else None
    claimed = _plausible(parse_iso(meta.published))
    byline = _byline_time(page, title_element, body_element, scope)
    if claimed:
        if byline and abs((byline - claimed).total_seconds()) < 120:
            return byline  # same moment, but with the page's own offset, so the local day is right
        return claimed
    if byline:
        return byline
    from_url = _url_date(url)
    if from_url:
        return from_url
    written = _written_date(page, title_element, body_element, scope)
    if written:
        return written
    return _htmldate(scope if scope is not None else page.tree, url)


def _plausible(moment: datetime | None) -> datetime | None:
    if moment is None or moment.year < 1990:
        return None
    if moment > datetime.now(timezone.utc) + timedelta(days=2):
        return None
    return moment


def _byline_time(page: Page, title_element, body_element, scope) -> datetime | None:
    """A <time datetime> of the byline: between the title and the text first, then anywhere in the
    article's scope, outside lists and chrome; one marked 'updated' only when nothing else is there."""
    candidates = page.body.xpath(".//time[@datetime] | .//*[@itemprop='datePublished'][@datetime or @content]")
    if not candidates:
        return None
    start = page.order.get(title_element, 0) if title_element is not None else 0
    end = page.order.get(body_element, start) if body_element is not None else start
    within = set(scope.iter()) if scope is not None else None
    for patterns in (EXCLUDE, RELAXED):
        near, elsewhere = None, None
        for element in candidates:
            if page.in_zone(element, patterns, stop=page.shared(element, body_element)):
                continue
            moment = _plausible(parse_iso(element.get("datetime") or element.get("content")))
            if moment is None:
                continue
            position = page.order.get(element, 0)
            if start <= position <= end and near is None:
                near = moment
            elif elsewhere is None and (within is None or element in within):
                elsewhere = moment
        if near or elsewhere:
            return near or elsewhere
    return None


def _url_date(url: str) -> datetime | None:
    found = _URL_DATE.search(url or "")
    if not found:
        return None
    try:
        return _plausible(datetime(*map(int, found.groups()), tzinfo=timezone.utc))
    except ValueError:
        return None


def _written_date(page: Page, title_element, body_element, scope) -> datetime | None:
    """A date in the text next to the title (the byline), nearest first, after before before."""
    if title_element is None:
        return None
    order = page.order
    elements = list(order)
    start = order.get(title_element)
    if start is None:
        return None
    end = order.get(body_element, start + _NEAR) if body_element is not None else start + _NEAR
    after = elements[start + 1:max(start + 1, min(end, start + _NEAR))]
    within = set(scope.iter()) if scope is not None else set()
    before = [e for e in elements[max(0, start - _NEAR):start][::-1] if e in within]
    for element in after + before:
        if not isinstance(element.tag, str):
            continue
        whole = page.text(element)  # a short line whole: '<b>12</b> ноября 2026' is one date
        own = whole if len(whole) <= 100 else " ".join(filter(None, [element.text, *(c.tail for c in element)]))
        if not own.strip() or \
                page.in_zone(element, EXCLUDE, stop=page.shared(element, body_element)):
            continue
        found = text_date(own)
        if found and _plausible(datetime(found.year, found.month, found.day, tzinfo=timezone.utc)):
            return datetime(found.year, found.month, found.day, tzinfo=timezone.utc)
    return None


def _htmldate(tree, url: str) -> datetime | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = htmldate.find_date(tree, url=url or None, original_date=True,
                                       outputformat="%Y-%m-%dT%H:%M:%S%z")
        except Exception:  # htmldate raises on odd trees; a missing date is not an error
            return None
    moment = _plausible(parse_iso(found))
    if moment and (moment.month, moment.day, moment.hour, moment.minute) == (1, 1, 0, 0):
        return None  # htmldate's year-only guess, usually the copyright line
    return moment
