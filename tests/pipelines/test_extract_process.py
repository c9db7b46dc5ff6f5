"""Pages without an article go through processing as "not an article": counted, never a crash,
and a feed's full text still makes an article of an item whose page is only a teaser list."""
from datetime import datetime, timezone

from pipelines import process
from pipelines.models import LandedItem
from tests.support.project import FIXTURES

PAGES = FIXTURES / "extract"


def landed(name: str, hints: dict | None = None) -> LandedItem:
    return LandedItem(url=f"https://fixture.example/{name}", source_id="fixture",
                      fetched_at=datetime(2026, 11, 25, tzinfo=timezone.utc),
                      body=(PAGES / name).read_bytes(), content_type="text/html", hints=hints or {})


def test_section_front_is_counted_not_failed():
    batch = process.extract_batch("run-1", [landed("pangea-ru-section-front.html"), landed("kk-detention.html"),
                                            LandedItem(url="https://x/bin", source_id="fixture",
                                                       fetched_at=datetime(2026, 11, 25, tzinfo=timezone.utc),
                                                       body=b"\x00\x01" * 100)])
    assert [a.title for a in batch.articles] == ["Алматыда пикетке шыққан үш белсенді ұсталды"]
    assert [url for url, _ in batch.not_articles] == ["https://fixture.example/pangea-ru-section-front.html"]
    assert "no article" in batch.not_articles[0][1]
    assert [f.url for f in batch.failures] == ["https://x/bin"]


def test_feed_full_text_rescues_a_page_without_an_article():
    content = "<p>" + "Полиция задержала участников пикета у здания суда в воскресенье утром. " * 4 + "</p>"
    item = landed("pangea-ru-episode-list.html", {"content": content, "title": "Пикет у суда",
                                                  "published": "2026-11-22T10:00:00+03:00"})
    article = process.from_landed(item)
    assert article.title == "Пикет у суда" and "задержала участников пикета" in article.text
    assert article.published_at.date().isoformat() == "2026-11-22"


def test_a_short_feed_text_is_kept_when_the_page_holds_no_article():
    item = landed("custom-uz-podcast-episodes.html", {"content": "<p>Пикет у суда: задержаны двое.</p>"})
    assert process.from_landed(item).text == "Пикет у суда: задержаны двое."
