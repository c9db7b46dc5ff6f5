from datetime import datetime, timedelta, timezone

from pipelines.dedup import Known, assign_clusters, drop_duplicates, jaccard, shingles
from pipelines.models import Article

T0 = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)

STORY = ("Алматы полициясы бейбіт жиналыс кезінде үш белсендіні ұстады. "
         "Белсенділер ЛГБТ адамдардың құқығын қорғауды талап етіп пикетке шыққан. "
         "Құқық қорғаушылар ұсталғандарды дереу босатуды сұрады. "
         "Полиция оқиға туралы ресми түсініктеме бермеді. "
         "Пикет қала әкімдігінің алдында жарты сағатқа созылды.")


def article(aid, text, lang="kk", url=None, hours=0, index=None):
    from pipelines.clean import content_hash
    return Article(
        article_id=aid, url=url or f"https://x.kz/{aid}", canonical_url=url or f"https://x.kz/{aid}",
        source_id="s", title="", text=text, published_at=T0 + timedelta(hours=hours),
        first_seen_at=T0 + timedelta(hours=hours), language=lang, script="Cyrl", language_score=1,
        topics=[], countries=[], organizations=[], relevance=0, content_hash=content_hash(text),
        report_index=index)


def test_exact_copies_are_dropped_by_url_and_hash():
    a, b, c = article("a", STORY), article("b", STORY), article("c", STORY + " Қосымша.")
    again = article("d", "басқа мәтін", url="https://x.kz/a")
    kept, dropped = drop_duplicates([a, b, c, again], Known())
    assert [k.article_id for k in kept] == ["a", "c"]
    assert sorted(d.reason for d in dropped) == ["canonical_url", "content_hash"]


def test_republication_with_new_boilerplate_joins_the_cluster():
    original = article("a", STORY)
    republished = article("b", "Дереккөз: Dala Times. " + STORY.rsplit(".", 2)[0] + ". Жазылыңыз!", hours=3)
    other = article("c", "Астанада қар жауып, жолдар жабылды. Синоптиктер аяз күшейеді деп ескертті. "
                         "Жүргізушілерге сақ болу ұсынылды.", hours=1)
    assign_clusters([republished, other, original], [])
    assert original.cluster_id == "a" and republished.cluster_id == "a"
    assert other.cluster_id == "c"


def test_same_report_index_links_across_languages():
    kk = article("a", "Есепте EUR 04/7574/2017 нөмірі бар.", index="EUR 04/7574/2017")
    en = article("b", "The report EUR 04/7574/2017 says so.", lang="en", hours=2, index="EUR 04/7574/2017")
    assign_clusters([kk, en], [])
    assert en.cluster_id == kk.cluster_id == "a"


def test_known_remembers_kept_articles():
    known = Known()
    a = article("a", STORY)
    assign_clusters([a], known.recent)
    known.remember(a)
    kept, dropped = drop_duplicates([article("b", STORY)], known)
    assert not kept and dropped[0].of == "a"


def test_jaccard_bounds():
    s = shingles(STORY)
    assert jaccard(s, s) == 1.0 and jaccard(s, frozenset()) == 0.0
