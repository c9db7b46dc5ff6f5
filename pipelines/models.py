"""Records that flow between the layers: what the crawler landed and what the warehouse stores."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class LandedItem:
    """One fetched response as the crawler wrote it to the landing zone."""

    url: str
    source_id: str
    fetched_at: datetime
    body: bytes
    content_type: str = ""
    status: int = 200
    run_id: str = ""
    hints: dict = field(default_factory=dict)  # feed title/published/summary, report index


@dataclass(frozen=True)
class Extracted:
    """Title, text and date pulled out of one document."""

    title: str
    text: str
    published: datetime | None = None
    canonical_url: str | None = None
    report_index: str | None = None


@dataclass(frozen=True)
class LangResult:
    lang: str  # ISO 639-1, else 639-3, else "und"
    script: str  # ISO 15924: Cyrl, Latn, Armn, Geor, Arab, or "" when unknown
    score: float

    def as_dict(self) -> dict:
        return {"lang": self.lang, "script": self.script, "score": round(self.score, 4)}


@dataclass(frozen=True)
class Tags:
    topics: list[str]
    countries: list[str]
    organizations: list[str]
    relevance: float
    relevance_terms: list[str] = field(default_factory=list)  # "lgbt: трансгендер", "KZ: Алматы": why


@dataclass
class Article:
    """One distinct article, shaped like a row of the warehouse's `articles` table."""

    article_id: str
    url: str
    canonical_url: str
    source_id: str
    title: str
    text: str
    published_at: datetime | None
    first_seen_at: datetime
    language: str
    script: str
    language_score: float
    topics: list[str]
    countries: list[str]
    organizations: list[str]
    relevance: float
    content_hash: str
    cluster_id: str = ""
    report_index: str | None = None
    run_id: str = ""
    relevance_terms: list[str] = field(default_factory=list)  # the words behind topics and countries


@dataclass(frozen=True)
class Unreadable:
    """A document set aside (quarantined) with its reason, so the rest of its run goes on."""

    url: str
    reason: str  # the exception's type and first line
    source_id: str = ""
    stage: str = "extract"  # read | extract | language | tagging | dedup
    content_type: str = ""
    size: int | None = None  # bytes of the landed body
    sha256: str | None = None  # of the landed body: find it again in landing/ and raw/


@dataclass
class Batch:
    """One landing run (or ingest file) on its way through processing to the warehouse."""

    run_id: str
    items: int
    articles: list[Article] = field(default_factory=list)
    failures: list[Unreadable] = field(default_factory=list)  # quarantined documents
    not_articles: list[tuple[str, str]] = field(default_factory=list)  # (url, why): fronts, lists, menus
    duplicates: int = 0
    manifest: dict | None = None
    merges: dict[str, str] = field(default_factory=dict)  # stored cluster_id -> the one it joined
    versions: list = field(default_factory=list)  # pipelines.versions.ArticleVersion: changed/gone evidence

    @property
    def sources(self) -> list[dict]:
        return (self.manifest or {}).get("source_configs", [])
