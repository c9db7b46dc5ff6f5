"""One record per story: drop exact copies (canonical URL, content hash), then cluster
near-duplicates in one language and documents citing the same report index across languages.

This is the first, exact-Jaccard version; MinHash/LSH and cross-language linking deepen it."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from pipelines.models import Article

SHINGLE_WORDS = 3
NEAR_DUPLICATE_JACCARD = 0.5  # republications with new boilerplate and a trimmed paragraph stay above


@dataclass
class ClusterRef:
    """What clustering needs to know of an article already stored."""

    article_id: str
    cluster_id: str
    language: str
    shingles: frozenset[int]
    report_index: str | None = None


@dataclass
class Known:
    canonical_urls: set[str] = field(default_factory=set)
    hashes: dict[str, str] = field(default_factory=dict)  # content_hash -> article_id
    recent: list[ClusterRef] = field(default_factory=list)

    def remember(self, article: Article) -> None:
        """Count a kept article as stored, so the next batch is deduplicated against it."""
        self.canonical_urls.add(article.canonical_url)
        self.hashes[article.content_hash] = article.article_id
        self.recent.append(ClusterRef(article.article_id, article.cluster_id, article.language,
                                      shingles(article.title + "\n" + article.text),
                                      article.report_index))


@dataclass
class Duplicate:
    url: str
    reason: str  # "canonical_url" or "content_hash"
    of: str  # the kept article's canonical URL or id


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < size:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def drop_duplicates(articles: list[Article], known: Known) -> tuple[list[Article], list[Duplicate]]:
    """Keep the first of each canonical URL and each content hash, here and in what is stored."""
    urls = set(known.canonical_urls)
    hashes = dict(known.hashes)
    kept, dropped = [], []
    for article in articles:
        if article.canonical_url in urls:
            dropped.append(Duplicate(article.url, "canonical_url", article.canonical_url))
            continue
        if article.content_hash in hashes:
            dropped.append(Duplicate(article.url, "content_hash", hashes[article.content_hash]))
            continue
        urls.add(article.canonical_url)
        hashes[article.content_hash] = article.article_id
        kept.append(article)
    return kept, dropped


def assign_clusters(articles: list[Article], recent: list[ClusterRef]) -> list[Article]:
    """Set `cluster_id` on each new article: join the best stored or earlier-new match, else start one."""
    pool = list(recent)
    for article in sorted(articles, key=_arrival):
        own = shingles(article.title + "\n" + article.text)
        article.cluster_id = _best_match(article, own, pool) or article.article_id
        pool.append(ClusterRef(article.article_id, article.cluster_id, article.language, own,
                               article.report_index))
    return articles


def _arrival(article: Article):
    return (article.published_at or article.first_seen_at, article.first_seen_at, article.article_id)


def _best_match(article: Article, own: frozenset[int], pool: list[ClusterRef]) -> str | None:
    best, best_score = None, NEAR_DUPLICATE_JACCARD
    for ref in pool:
        if article.report_index and ref.report_index == article.report_index:
            return ref.cluster_id
        if ref.language != article.language:
            continue
        score = jaccard(own, ref.shingles)
        if score >= best_score:
            best, best_score = ref.cluster_id, score
    return best
