"""Decide what became of stored articles the crawler fetched again: changed, gone (404/410) or back.

Pure: what is stored comes in as `Known` (canonical URLs, content hashes, and `latest`, the
newest version of each article that has versions). The articles row itself is never
replaced: the evidence is a new version beside it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipelines import clean
from pipelines.models import Article, Batch, LandedItem
from pipelines.stories.dedup import Known

GONE_STATUSES = (404, 410)


@dataclass
class ArticleVersion:
    article_id: str
    url: str
    canonical_url: str
    status: str  # changed | gone | restored
    http_status: int
    fetched_at: datetime
    run_id: str = ""
    title: str | None = None
    text: str | None = None
    content_hash: str | None = None
    published_at: datetime | None = None


def is_gone(item: LandedItem) -> bool:
    return item.status in GONE_STATUSES


def gone(item: LandedItem) -> ArticleVersion:
    """A landed 404/410; it counts only if the article is stored (decided in `record_changes`).

    Its canonical URL comes from the URL alone: there is no page to declare one."""
    canonical = clean.canonical_url(item.url)
    return ArticleVersion(article_id=clean.article_id(canonical), url=item.url, canonical_url=canonical,
                          status="gone", http_status=item.status, fetched_at=item.fetched_at,
                          run_id=item.run_id)


def record_changes(batch: Batch, known: Known) -> list[ArticleVersion]:
    """Set `batch.versions` to the evidence this batch holds about stored articles.

    A stored article fetched with another content hash than its latest is 'changed'
    ('restored' after a gone); the same hash is nothing new (dedup drops it as a copy); a
    404/410 on a stored article not already gone is 'gone'; one on an unknown URL is dropped.
    `known.latest` is updated so later batches compare against the newest version."""
    found: list[ArticleVersion] = []
    for version in batch.versions:
        state = known.latest.get(version.article_id)
        if version.canonical_url in known.canonical_urls and (state is None or state[0] != "gone"):
            found.append(version)
            known.latest[version.article_id] = ("gone", None)
    for article in batch.articles:
        if article.canonical_url not in known.canonical_urls:
            continue  # new, or a copy of one new in this batch: dedup's business
        state = known.latest.get(article.article_id)
        if state is None:
            if known.hashes.get(article.content_hash) == article.article_id:
                continue
            status = "changed"
        elif state[0] != "gone" and state[1] == article.content_hash:
            continue
        else:
            status = "restored" if state[0] == "gone" else "changed"
        found.append(_changed(article, status, batch.run_id))
        known.latest[article.article_id] = (status, article.content_hash)
    batch.versions = found
    return found


def _changed(article: Article, status: str, run_id: str) -> ArticleVersion:
    return ArticleVersion(article_id=article.article_id, url=article.url, canonical_url=article.canonical_url,
                          status=status, http_status=200, fetched_at=article.first_seen_at,
                          run_id=article.run_id or run_id, title=article.title, text=article.text,
                          content_hash=article.content_hash, published_at=article.published_at)
