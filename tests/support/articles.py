"""A stored-shaped article and a landing run's manifest, for loading tests."""
from __future__ import annotations

from datetime import datetime, timezone

from pipelines.clean import article_id, content_hash
from pipelines.models import Article

SEEN = datetime(2026, 11, 20, 6, tzinfo=timezone.utc)


def make_article(n: int, cluster: str | None = None, lang: str = "ru", published=None) -> Article:
    """The n-th article of one outlet, tagged as the warehouse stores it."""
    url = f"https://outlet.example/a/{n}.html"
    aid = article_id(url)
    text = f"Статья номер {n} о пикете в Бишкеке."
    return Article(article_id=aid, url=url, canonical_url=url, source_id="outlet", title=f"Заголовок {n}",
                   text=text, published_at=published or SEEN, first_seen_at=SEEN, language=lang,
                   script="Cyrl", language_score=0.99, topics=["assembly", "detention"], countries=["KG"],
                   organizations=[], relevance=0.8, content_hash=content_hash(text),
                   cluster_id=cluster or aid)


MANIFEST = {
    "run_id": "20261120T060000Z-abc123", "started_at": "2026-11-20T06:00:00+00:00",
    "finished_at": "2026-11-20T06:01:00+00:00", "items": 2,
    "source_configs": [{"id": "outlet", "name": "Outlet", "kind": "feed", "url": "https://outlet.example/rss",
                        "country": "KG", "languages": ["ru"], "category": "news"}],
    "sources": [{"source_id": "outlet", "items": 2, "errors": 0, "status": "ok"}],
}
