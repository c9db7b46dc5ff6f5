"""The source registry: read and validate `sources.toml` into Source records.

Kinds (DESIGN.md): feed (RSS/Atom), sitemap (index, news, gzip), listing (paginated HTML),
reports (a listing of PDF reports), telegram (a public channel read through its web preview,
`https://t.me/s/<channel>`, see scrapers/telegram.py). `cms` names a publishing engine shared by many outlets
(see scrapers/cms.py): `cms = "pangea"` for every RFE/RL service gives any kind the Pangea
article pattern, its "more" pagination and AMP-twin folding, so one parser covers them all.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from parsel.csstranslator import HTMLTranslator

from core.errors import BadInput
from scrapers.cms import PROFILES

KINDS = ("feed", "sitemap", "listing", "reports", "telegram")
CATEGORIES = ("news", "ngo")
REQUIRED = ("id", "name", "kind", "url", "country", "languages", "category")
OPTIONAL = ("enabled", "max_items", "article_pattern", "next_page", "schedule", "notes", "cms",
            "verified", "unverified")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# t.me/s/<channel>: Telegram's public names are 5-32 letters, digits and underscores
TELEGRAM_URL = re.compile(r"^https://t\.me/s/([A-Za-z][A-Za-z0-9_]{3,31})/?$")
VERIFIED = re.compile(r"^(\d{4}-\d{2}-\d{2}): \S")
EVIDENCE_CLASSES = ("verified", "unverified", "none")


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
    verified: str | None = None  # "YYYY-MM-DD: how" — a public check or the outlet's own page
    unverified: str | None = None  # why the URL is believed without such evidence
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def evidence(self) -> str:
        """The evidence class: verified, unverified, or none (an analyst's entry that says nothing)."""
        return "verified" if self.verified else "unverified" if self.unverified else "none"

    @property
    def evidence_note(self) -> str:
        return self.verified or self.unverified or ""

    def as_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "url": self.url,
            "country": self.country, "languages": list(self.languages),
            "category": self.category, "enabled": self.enabled, "max_items": self.max_items,
            "article_pattern": self.article_pattern, "next_page": self.next_page,
            "schedule": self.schedule, "cms": self.cms, "evidence": self.evidence,
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
    problem = url_problem(entry["url"])
    if problem:
        raise BadInput(f"{where}: key 'url': {problem}")
    if entry["kind"] == "telegram" and not TELEGRAM_URL.match(entry["url"]):
        raise BadInput(f"{where}: key 'url': a telegram source is https://t.me/s/<channel>")
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
    verified, unverified = _evidence(where, entry)
    return Source(
        id=entry["id"], name=entry["name"], kind=entry["kind"], url=entry["url"],
        country=entry["country"], languages=tuple(langs), category=entry["category"],
        enabled=enabled, max_items=max_items, article_pattern=pattern,
        next_page=next_page, schedule=entry.get("schedule", "daily"),
        cms=cms, notes=str(entry.get("notes", "")), verified=verified, unverified=unverified,
    )


def url_problem(url: str) -> str | None:
    """Why a source URL cannot be fetched as written, or None: http(s), a host, a numeric port,
    no user name or password (`http://a:1@b/` names host b, not a, and is refused as a trap)."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "must not contain spaces or control characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https://"
    if "@" in parts.netloc:
        return "must not carry a user name or password (user@host)"
    if not parts.hostname:
        return "has no host"
    try:
        parts.port
    except ValueError:
        return "has a port that is not a number from 0 to 65535"
    return None


def _evidence(where: str, entry: dict) -> tuple[str | None, str | None]:
    """`verified = "YYYY-MM-DD: how"` or `unverified = "why"`, never both."""
    verified, unverified = entry.get("verified"), entry.get("unverified")
    if verified is not None and unverified is not None:
        raise BadInput(f"{where}: keys 'verified' and 'unverified' exclude each other")
    if unverified is not None and (not isinstance(unverified, str) or not unverified.strip()):
        raise BadInput(f"{where}: key 'unverified' must say why the URL is believed")
    if verified is not None:
        found = VERIFIED.match(verified) if isinstance(verified, str) else None
        try:
            date.fromisoformat(found.group(1)) if found else None
        except ValueError:
            found = None
        if not found:
            raise BadInput(f"{where}: key 'verified' must read \"YYYY-MM-DD: how it was verified\"")
    return verified, unverified


def select(sources: list[Source], only: tuple[str, ...] | list[str] = ()) -> list[Source]:
    """Enabled sources, or exactly the ids in `only` (unknown ids are bad input)."""
    if not only:
        return [s for s in sources if s.enabled]
    known = {s.id: s for s in sources}
    missing = [i for i in only if i not in known]
    if missing:
        raise BadInput(f"--only: unknown source id '{missing[0]}'")
    return [known[i] for i in only]
