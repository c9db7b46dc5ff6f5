"""A warehouse whose stories, articles, languages and outlets per day and country are known:
loaded through the real migrations and the real batch loader, so views and cookbook queries can
be checked against numbers counted by hand (tests/warehouse/test_known_counts.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipelines.models import Article, Batch
from warehouse import db, load

DAY1, DAY2, DAY3, DAY4 = "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-10"  # DAY4: the next week
NOW = "now"  # first seen when the test runs: the morning digest's stories

OUTLETS = {  # id: (name, country, languages, category)
    "dala": ("Dala Times", "KZ", ["kk", "ru"], "news"),
    "wire": ("Eurasia Wire", "KZ", ["en", "ru"], "news"),
    "alatoo": ("Ala-Too Post", "KG", ["ky", "ru"], "news"),
    "mtats": ("Mtatsminda Courier", "GE", ["ka", "en"], "news"),
    "obs": ("Rights Observatory", "AM", ["en", "ru"], "ngo"),
}


@dataclass(frozen=True)
class Row:
    article_id: str
    story: str
    outlet: str
    language: str
    day: str
    hour: int
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    relevance: float
    title: str
    seen: str = ""  # NOW, else an hour after publication
    organizations: tuple[str, ...] = ()
    report_index: str | None = None


# s1: an Almaty rally with detentions, in three languages and two outlets over two days;
# s2: an NGO review of four countries (Kazakhstan among them) and two of its write-ups;
# s3: a Bishkek court bans rallies; s4: Tbilisi refuses a march (found today);
# s5: flour prices (no topic); s6: another Almaty detention, the next week (found today);
# s7: rugby, about no region country and no topic.
ROWS = [
    Row("a01", "s1", "dala", "kk", DAY1, 6, ("KZ",), ("assembly", "detention"), 0.75,
        "Алматыда митингке шыққан белсенділер ұсталды"),
    Row("a02", "s1", "dala", "ru", DAY1, 7, ("KZ",), ("assembly", "detention"), 0.75,
        "В Алматы задержаны участники митинга"),
    Row("a03", "s1", "wire", "en", DAY1, 9, ("KZ",), ("assembly", "detention"), 0.7,
        "Activists detained at Almaty rally"),
    Row("a04", "s1", "wire", "ru", DAY2, 8, ("KZ",), ("assembly", "detention"), 0.7,
        "Задержанных в Алматы активистов оштрафовали"),
    Row("a05", "s2", "obs", "en", DAY1, 10, ("AM", "BY", "KG", "KZ"), ("assembly", "lgbt"), 0.9,
        "Rights defenders under pressure in four countries", organizations=("Rights Observatory",),
        report_index="RO 01/2026"),
    Row("a06", "s2", "alatoo", "ky", DAY2, 5, ("KG", "KZ"), ("lgbt",), 0.65,
        "Укук коргоочулар төрт өлкөдө басымга кабылууда", organizations=("Rights Observatory",)),
    Row("a07", "s2", "dala", "kk", DAY2, 6, ("KZ",), ("lgbt",), 0.6,
        "Құқық қорғаушылар төрт елде қысымға ұшырап отыр", organizations=("Rights Observatory",)),
    Row("a08", "s3", "alatoo", "ky", DAY2, 9, ("KG",), ("assembly", "ban"), 0.8,
        "Сот парламенттин алдында митингге тыюу салды"),
    Row("a09", "s3", "alatoo", "ru", DAY2, 10, ("KG",), ("assembly", "ban"), 0.8,
        "Суд запретил митинги у парламента"),
    Row("a10", "s4", "mtats", "ka", DAY3, 8, ("GE",), ("ban", "lgbt", "pride"), 0.85,
        "თბილისის მერიამ მარშზე უარი თქვა", seen=NOW),
    Row("a11", "s4", "mtats", "en", DAY3, 9, ("GE",), ("ban", "lgbt", "pride"), 0.85,
        "Tbilisi city hall refuses equality march", seen=NOW),
    Row("a12", "s5", "wire", "en", DAY3, 11, ("KZ",), (), 0.1,
        "Flour prices rise after weak Kazakh wheat exports"),
    Row("a13", "s6", "dala", "ru", DAY4, 7, ("KZ",), ("assembly", "detention"), 0.6,
        "В Алматы снова задержали пикетчиков", seen=NOW),
    Row("a14", "s7", "mtats", "en", DAY4, 12, (), (), 0.0, "Georgia beat Japan in autumn rugby test"),
]

# crawl runs per outlet: (items, feed/listing pages, errors, status); dala was crawled twice
RUNS = {
    "r1": {"dala": (3, 1, 1, "ok"), "wire": (0, 0, 1, "failed"), "alatoo": (3, 1, 0, "ok"),
           "mtats": (4, 2, 2, "ok"), "obs": (1, 1, 0, "ok")},
    "r2": {"dala": (2, 1, 0, "ok")},
}


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def published(row: Row) -> datetime:
    return datetime.fromisoformat(row.day) + timedelta(hours=row.hour)


def first_seen(row: Row, now: datetime) -> datetime:
    return now if row.seen == NOW else published(row) + timedelta(hours=1)


def _article(row: Row, now: datetime, run_id: str) -> Article:
    url = f"https://{row.outlet}.example/{row.article_id}"
    return Article(article_id=row.article_id, url=url, canonical_url=url, source_id=row.outlet,
                   title=row.title, text=row.title + ".", published_at=published(row),
                   first_seen_at=first_seen(row, now), language=row.language, script="",
                   language_score=1.0, topics=list(row.topics), countries=list(row.countries),
                   organizations=list(row.organizations), relevance=row.relevance,
                   content_hash=f"hash-{row.article_id}", cluster_id=row.story,
                   report_index=row.report_index, run_id=run_id)


def _manifest(run_id: str, runs: dict, now: datetime) -> dict:
    configs = [{"id": sid, "name": name, "kind": "feed", "url": f"https://{sid}.example/feed",
                "country": country, "languages": langs, "category": category, "enabled": True}
               for sid, (name, country, langs, category) in OUTLETS.items()]
    return {"run_id": run_id, "started_at": now.isoformat(), "finished_at": now.isoformat(),
            "source_configs": configs,
            "sources": [{"source_id": sid, "items": items, "pages": pages, "errors": errors, "status": status}
                        for sid, (items, pages, errors, status) in runs.items()]}


def build(path: Path, now: datetime | None = None) -> datetime:
    """Load ROWS and RUNS into a new warehouse at `path`; returns the `now` used."""
    now = now or utc_now()
    with db.writer(path) as con:
        for n, (run_id, runs) in enumerate(RUNS.items()):
            run_at = now - timedelta(hours=len(RUNS) - n)
            articles = [_article(r, now, run_id) for r in ROWS] if n == 0 else []
            load.load_batch(con, Batch(run_id=run_id, items=len(articles), articles=articles,
                                       manifest=_manifest(run_id, runs, run_at)))
    return now
