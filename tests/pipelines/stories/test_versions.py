"""What became of stored articles fetched again: changed, gone, restored; unknown 404s and unchanged
re-fetches record nothing."""
from datetime import datetime, timezone

from pipelines.clean import article_id, canonical_url, content_hash
from pipelines.models import Article, Batch, LandedItem
from pipelines.stories.dedup import Known
from pipelines.stories.versions import gone, is_gone, record_changes

T0 = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)
URL = "https://www.svaboda.org/a/minsk-piket/33120001.html"
TEXT = "У Менску затрымалі пяць удзельнікаў пікету ў падтрымку палітвязняў."


def article(text: str, url: str = URL) -> Article:
    canonical = canonical_url(url)
    return Article(article_id=article_id(canonical), url=url, canonical_url=canonical, source_id="svaboda-be",
                   title="Пікет", text=text, published_at=T0, first_seen_at=T0, language="be", script="Cyrl",
                   language_score=1.0, topics=[], countries=[], organizations=[], relevance=0.0,
                   content_hash=content_hash(text))


def stored(*articles: Article) -> Known:
    known = Known()
    for a in articles:
        known.remember(a)
    return known


def landed(status: int, url: str = URL) -> LandedItem:
    return LandedItem(url=url, source_id="svaboda-be", fetched_at=T0, body=b"", status=status, run_id="r2")


def test_unchanged_refetch_and_new_articles_record_nothing():
    known = stored(article(TEXT))
    batch = Batch(run_id="r2", items=2, articles=[article(TEXT), article("Іншы тэкст.", URL + "?x")])
    assert record_changes(batch, known) == []


def test_changed_then_gone_then_restored():
    known = stored(article(TEXT))
    edited = TEXT + " Пазней іх адпусцілі."
    first = record_changes(Batch(run_id="r2", items=1, articles=[article(edited)]), known)
    assert [(v.status, v.content_hash) for v in first] == [("changed", content_hash(edited))]
    assert record_changes(Batch(run_id="r3", items=1, articles=[article(edited)]), known) == []
    assert is_gone(landed(410)) and not is_gone(landed(200))
    batch = Batch(run_id="r4", items=1, versions=[gone(landed(410))])
    assert [(v.status, v.http_status, v.text) for v in record_changes(batch, known)] == [("gone", 410, None)]
    again = Batch(run_id="r5", items=1, versions=[gone(landed(404))])
    assert record_changes(again, known) == []  # already gone
    back = record_changes(Batch(run_id="r6", items=1, articles=[article(TEXT)]), known)
    assert [v.status for v in back] == ["restored"]


def test_a_404_on_an_unknown_url_is_not_evidence():
    batch = Batch(run_id="r2", items=1, versions=[gone(landed(404, "https://www.svaboda.org/a/33129999.html"))])
    assert record_changes(batch, stored(article(TEXT))) == []
