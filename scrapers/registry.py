"""The source registry: read and validate `sources.toml` into Source records.

Kinds (DESIGN.md): feed (RSS/Atom), sitemap (index, news, gzip), listing (paginated HTML),
reports (a listing of PDF reports). `cms` names a publishing engine shared by many outlets
(see scrapers/cms.py): `cms = "pangea"` for every RFE/RL service gives any kind the Pangea
article pattern, its "more" pagination and AMP-twin folding, so one parser covers them all.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from parsel.csstranslator import HTMLTranslator

from rightswatch.errors import BadInput
from scrapers.cms import PROFILES

KINDS = ("feed", "sitemap", "listing", "reports")
CATEGORIES = ("news", "ngo")
REQUIRED = ("id", "name", "kind", "url", "country", "languages", "category")
OPTIONAL = ("enabled", "max_items", "article_pattern", "next_page", "schedule", "notes", "cms")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    url: str
    country: str
    languages: tuple[str, ...]
    category: str
    enabled: bool = True
    max_items: int | None = None
    article_pattern: str | None = None
    next_page: str | None = None
    schedule: str = "daily"
    cms: str | None = None
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "url": self.url,
            "country": self.country, "languages": list(self.languages),
            "category": self.category, "enabled": self.enabled, "max_items": self.max_items,
            "article_pattern": self.article_pattern, "next_page": self.next_page,
            "schedule": self.schedule, "cms": self.cms,
        }


@cache
def _iso_countries() -> frozenset[str]:
    return frozenset((Path(__file__).with_name("iso3166.txt")).read_text().split())


def load_sources(path: str | Path) -> list[Source]:
    """Parse and validate a registry file; any problem raises BadInput naming file and key."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: TOML syntax error: {exc}") from None
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise BadInput(f"{path}: no [[sources]] entries")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        source = _parse_entry(path, number, entry)
        if source.id in seen:
            raise BadInput(f"{path}: [[sources]] #{number}: duplicate id '{source.id}'")
        seen.add(source.id)
        sources.append(source)
    return sources


def _parse_entry(path: Path, number: int, entry: dict) -> Source:
    where = f"{path}: [[sources]] #{number}"
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: not a table")
    if isinstance(entry.get("id"), str):
        where += f" (id '{entry['id']}')"
    for key in REQUIRED:
        if key not in entry:
            raise BadInput(f"{where}: missing key '{key}'")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise BadInput(f"{where}: unknown key '{unknown[0]}'")
    for key in ("id", "name", "kind", "url", "country", "category"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise BadInput(f"{where}: key '{key}' must be a non-empty string")
    if not ID_PATTERN.match(entry["id"]):
        raise BadInput(f"{where}: key 'id' must match [a-z0-9-]+")
    if entry["kind"] not in KINDS:
        raise BadInput(f"{where}: key 'kind': unknown kind '{entry['kind']}' (expected {', '.join(KINDS)})")
    if entry["category"] not in CATEGORIES:
        raise BadInput(f"{where}: key 'category': '{entry['category']}' (expected {', '.join(CATEGORIES)})")
    if entry["country"] not in _iso_countries():
        raise BadInput(f"{where}: key 'country': '{entry['country']}' is not an ISO 3166-1 alpha-2 code")
    if not re.match(r"^https?://", entry["url"]):
        raise BadInput(f"{where}: key 'url' must start with http:// or https://")
    langs = entry["languages"]
    if not isinstance(langs, list) or not langs or not all(isinstance(x, str) and x for x in langs):
        raise BadInput(f"{where}: key 'languages' must be a non-empty list of language codes")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise BadInput(f"{where}: key 'enabled' must be true or false")
    max_items = entry.get("max_items")
    if max_items is not None and (not isinstance(max_items, int) or max_items < 1):
        raise BadInput(f"{where}: key 'max_items' must be a positive integer")
    pattern = entry.get("article_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise BadInput(f"{where}: key 'article_pattern' is not a valid regex ({exc})") from None
    next_page = entry.get("next_page")
    if next_page is not None:
        try:
            HTMLTranslator().css_to_xpath(next_page)
        except Exception as exc:  # cssselect's SelectorError, or not a string
            raise BadInput(f"{where}: key 'next_page' is not a valid CSS selector ({exc})") from None
    cms = entry.get("cms")
    if cms is not None and cms not in PROFILES:
        raise BadInput(f"{where}: key 'cms': unknown engine '{cms}' (expected {', '.join(PROFILES)})")
    if entry["kind"] == "listing" and not pattern and not cms:
        raise BadInput(f"{where}: key 'article_pattern' is required for kind 'listing'")
    return Source(
        id=entry["id"], name=entry["name"], kind=entry["kind"], url=entry["url"],
        country=entry["country"], languages=tuple(langs), category=entry["category"],
        enabled=enabled, max_items=max_items, article_pattern=pattern,
        next_page=next_page, schedule=entry.get("schedule", "daily"),
        cms=cms, notes=str(entry.get("notes", "")),
    )


def select(sources: list[Source], only: tuple[str, ...] | list[str] = ()) -> list[Source]:
    """Enabled sources, or exactly the ids in `only` (unknown ids are bad input)."""
    if not only:
        return [s for s in sources if s.enabled]
    known = {s.id: s for s in sources}
    missing = [i for i in only if i not in known]
    if missing:
        raise BadInput(f"--only: unknown source id '{missing[0]}'")
    return [known[i] for i in only]
