"""One record per story: drop exact copies (canonical URL, content hash), then place each kept
article in a story through the story index (near-duplicates in one language by MinHash/LSH,
translations and rewrites by signals that survive translation; see pipelines/story_index.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.models import Article
from pipelines.stories.story_index import StoryIndex


@dataclass
class Known:
    """What is already stored: for exact copies, and the story index for clustering."""

    canonical_urls: set[str] = field(default_factory=set)
    hashes: dict[str, str] = field(default_factory=dict)  # content_hash -> article_id
    index: StoryIndex = field(default_factory=StoryIndex)
    latest: dict[str, tuple] = field(default_factory=dict)  # changed articles: id -> (status, hash), see versions.py

    def remember(self, article: Article) -> None:
        """Count a kept article as stored, so the next batch is deduplicated against it."""
        self.canonical_urls.add(article.canonical_url)
        self.hashes[article.content_hash] = article.article_id
        if article.article_id not in self.index:
            self.index.add([article], [article.cluster_id or article.article_id])


@dataclass
class Duplicate:
    url: str
    reason: str  # "canonical_url" or "content_hash"
    of: str  # the kept article's canonical URL or id


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


def assign_clusters(articles: list[Article], known: Known) -> dict[str, str]:
    """Set `cluster_id` on each new article (joining a stored story or starting one); returns
    the stored stories merged into others, as {old cluster_id: cluster_id it joined}."""
    placed = known.index.add(articles)
    for article, cluster_id in zip(articles, placed.cluster_ids):
        article.cluster_id = cluster_id
    return placed.merges
