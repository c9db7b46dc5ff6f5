"""The processing chain over records: landed item -> Article -> language -> tags -> dedup/cluster.

Each step is a plain function over a list so the CLI and each Dagster asset call the same code."""
from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime, timezone
from typing import Callable

from core.report_index import report_index
from pipelines import clean
from pipelines.extract.extract import ExtractError, NotAnArticle, extract, fragment_text
from pipelines.extract.ingest import parse_published
from pipelines.language import language
from pipelines.models import Article, Batch, Extracted, LandedItem, Unreadable
from pipelines.stories import dedup, minhash, story_link, versions
from pipelines.tagging import tagging

REASON_CHARS = 300


LANDED_FIELDS = {"url": str, "source_id": str, "fetched_at": str, "body_b64": str, "content_type": str,
                 "status": int, "run_id": str, "hints": dict}


def parse_landed_line(line: str, run_id: str = "") -> LandedItem:
    """One line of a run's items.jsonl; ValueError when it is not what the crawler writes."""
    obj = json.loads(line)
    if not isinstance(obj, dict) or not isinstance(obj.get("url"), str) or not obj["url"]:
        raise ValueError("not a landed item (no url)")
    for key, kind in LANDED_FIELDS.items():
        if obj.get(key) is not None and not isinstance(obj[key], kind):
            raise ValueError(f"landed item: '{key}' is not {kind.__name__}")
    fetched = datetime.fromisoformat(obj["fetched_at"])
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=timezone.utc)
    return LandedItem(
        url=obj["url"], source_id=obj["source_id"], fetched_at=fetched,
        body=base64.b64decode(obj.get("body_b64") or "", validate=True), content_type=obj.get("content_type") or "",
        status=obj.get("status") or 200, run_id=obj.get("run_id") or run_id, hints=obj.get("hints") or {},
    )


def _blank(url: str, canonical: str, source_id: str, title: str, text: str,
           published: datetime | None, seen: datetime, run_id: str = "",
           report_index: str | None = None, lang: str = "") -> Article:
    text = clean.clean_text(text)
    return Article(
        article_id=clean.article_id(canonical), url=url, canonical_url=canonical,
        source_id=source_id, title=clean.clean_title(title), text=text, published_at=published,
        first_seen_at=seen, language=lang, script="", language_score=0.0, topics=[],
        countries=[], organizations=[], relevance=0.0, content_hash=clean.content_hash(text),
        report_index=report_index, run_id=run_id,
    )


def from_landed(item: LandedItem) -> Article:
    """Extract one landed document; feed hints fill what the page lacks (or all of it, when the
    page itself holds no article but the feed carried the full text)."""
    hints = item.hints
    try:
        found = extract(item.body, url=item.url, content_type=item.content_type)
    except NotAnArticle:
        if not hints.get("content"):
            raise
        found = Extracted(title="", text="")
    text = found.text
    if len(text) < 80 and hints.get("content"):
        text = _hint_text(hints["content"], item.url) or text
    if not text.strip():
        raise NotAnArticle("no article text found")
    published = found.published or _hint_date(hints.get("published"))
    canonical = clean.canonical_url(item.url, found.canonical_url)
    return _blank(item.url, canonical, item.source_id, found.title or hints.get("title") or "",
                  text, published, item.fetched_at.astimezone(timezone.utc), item.run_id,
                  hints.get("report_index") or found.report_index)


def _hint_text(content: str, url: str) -> str:
    """The feed's own copy of the text: an article by definition, even when short."""
    try:
        return extract(content.encode("utf-8"), url=url, content_type="text/html").text
    except NotAnArticle:
        return fragment_text(content)
    except ExtractError:
        return ""


def _hint_date(value: str | None) -> datetime | None:
    try:
        return parse_published(value, "hint")
    except Exception:
        return None


def from_record(record: dict, seen: datetime) -> Article:
    """An already-extracted article from `rightswatch ingest`."""
    canonical = clean.canonical_url(record["url"])
    lang = record.get("language") or ""
    return _blank(record["url"], canonical, record["source"], record["title"], record["text"],
                  record["published"], seen, lang=lang,
                  report_index=report_index(record["text"]))


def reason(exc: BaseException) -> str:
    """One line saying why a document was set aside: the extractor's own words, else the
    exception's type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else ""
    if not isinstance(exc, ExtractError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text[:REASON_CHARS]


def unreadable_item(item: LandedItem, exc: BaseException, stage: str = "extract") -> Unreadable:
    return Unreadable(url=item.url, reason=reason(exc), source_id=item.source_id, stage=stage,
                      content_type=item.content_type, size=len(item.body),
                      sha256=hashlib.sha256(item.body).hexdigest())


def extract_batch(run_id: str, items: list[LandedItem], manifest: dict | None = None,
                  unreadable: list[Unreadable] | None = None,
                  starting: Callable[[int, LandedItem], None] | None = None) -> Batch:
    """Extract every landed document of one run. Whatever one document raises sets that
    document aside (quarantined with its reason) and the run goes on; `unreadable` holds
    documents already set aside while reading the run; `starting(n, item)` hears each
    document (1-based) as its turn comes: a progress display."""
    batch = Batch(run_id=run_id, items=len(items) + len(unreadable or []), manifest=manifest,
                  failures=list(unreadable or []))
    for n, item in enumerate(items, 1):
        if starting is not None:
            starting(n, item)
        try:
            if versions.is_gone(item):  # a known article re-fetched and gone: evidence, not a document
                batch.versions.append(versions.gone(item))
                continue
            batch.articles.append(from_landed(item))
        except NotAnArticle as exc:
            batch.not_articles.append((item.url, str(exc)))
        except Exception as exc:  # any failure of one document is that document's, never the run's
            batch.failures.append(unreadable_item(item, exc))
    return batch


def quarantine(batch: Batch, stage: str, step: Callable[[Article], object]) -> Batch:
    """Apply `step` to each article; one that raises moves from the batch's articles to its
    unreadable documents, with its reason and the stage that failed."""
    kept = []
    for article in batch.articles:
        try:
            step(article)
        except Exception as exc:
            batch.failures.append(Unreadable(url=article.url, reason=reason(exc), source_id=article.source_id,
                                             stage=stage))
            continue
        kept.append(article)
    batch.articles = kept
    return batch


def detect_language(article: Article, backend: str = language.DEFAULT_BACKEND) -> Article:
    """Fill language and script from the cleaned body (the title only when there is no body:
    headlines quote and name things); a language given by the record is kept, its script detected."""
    result = language.detect_document(article.text or article.title, backend=backend)
    if article.language and article.language != result.lang:
        article.script = language.detect_script(article.text)
        article.language_score = 1.0
    else:
        article.language, article.script, article.language_score = result.lang, result.script, result.score
    return article


def detect_languages(articles: list[Article], backend: str = language.DEFAULT_BACKEND) -> list[Article]:
    return [detect_language(article, backend) for article in articles]


def tag_article(article: Article) -> Article:
    tags = tagging.tag(article.title, article.text, article.language)
    article.topics, article.countries = tags.topics, tags.countries
    article.organizations, article.relevance = tags.organizations, tags.relevance
    article.relevance_terms = tags.relevance_terms
    return article


def tag_articles(articles: list[Article]) -> list[Article]:
    return [tag_article(article) for article in articles]


def identify(batch: Batch) -> Batch:
    """Language and script of each article of the batch; a failing one is quarantined."""
    return quarantine(batch, "language", detect_language)


def tag(batch: Batch) -> Batch:
    """Topics, countries, organisations and relevance of each article; a failing one is quarantined."""
    return quarantine(batch, "tagging", tag_article)


def dedup_ready(article: Article) -> None:
    """What the story index computes of an article, computed alone first: an article that cannot be
    fingerprinted is quarantined here rather than failing the whole batch's clustering."""
    minhash.signatures([article.text or article.title])
    story_link.encode([story_link.features(article.title, article.text, article.language, article.organizations,
                                           article.countries, article.report_index,
                                           article.published_at or article.first_seen_at)])


def drop_copies(batches: list[Batch], known: dedup.Known) -> list[Batch]:
    """Batch after batch, each seeing what the earlier kept: quarantine an article that cannot be
    fingerprinted, record what became of stored articles fetched again, drop exact copies
    (canonical URL, content hash). `known` needs no story index for this."""
    for batch in batches:
        quarantine(batch, "dedup", dedup_ready)
        versions.record_changes(batch, known)
        kept, duplicates = dedup.drop_duplicates(batch.articles, known)
        for article in kept:  # stored, as far as the next batch's copies are concerned
            known.canonical_urls.add(article.canonical_url)
            known.hashes[article.content_hash] = article.article_id
        batch.articles, batch.duplicates = kept, len(duplicates)
    return batches


def place_stories(batches: list[Batch], known: dedup.Known) -> list[Batch]:
    """Give each kept article its story through `known.index`, batch after batch; the stored
    stories the batch merged are in `batch.merges`."""
    for batch in batches:
        batch.merges = dedup.assign_clusters(batch.articles, known)
        for article in batch.articles:
            known.remember(article)
    return batches


def deduplicate(batches: list[Batch], known: dedup.Known) -> list[Batch]:
    """Drop copies, then place stories: what the warehouse's load is given."""
    return place_stories(drop_copies(batches, known), known)


def run(batch: Batch, known: dedup.Known) -> Batch:
    """language -> tags -> dedup/cluster for one batch of extracted articles; an article failing
    any step is quarantined and the others go on."""
    identify(batch)
    tag(batch)
    return deduplicate([batch], known)[0]
