"""Stories on text as outlets wrap it: boilerplate, tickers and read-also lines link nothing,
anniversaries of a date stay apart, edited copies and translations that open with a menu join,
and no article chains two stories into one."""
from pipelines.stories.dedup import Known, assign_clusters
from tests.support.outlet_noise import (COURT_EN, COURT_RU, MARCH_OTHER_YEAR_RU, MARCH_RU, filler,
                                        wrapped_article)
from tests.support.stories import STORY_EN, STORY_RU


def place(days: list[list]) -> Known:
    known = Known()
    for batch in days:
        assign_clusters(batch, known)
        for a in batch:
            known.remember(a)
    return known


def paragraphs(text: str) -> list[str]:
    return text.split("\n")


def test_unrelated_stories_of_the_same_outlets_stay_apart():
    days = [filler("vesti-kg", 4, 24 * d, d) + filler("tbilisi-post", 3, 24 * d + 1, d) for d in range(3)]
    court = wrapped_article("court", paragraphs(COURT_RU), "vesti-kg", hours=24 * 3)
    march = wrapped_article("march", paragraphs(MARCH_RU), "tbilisi-post", hours=24 * 3 + 2,
                            headline="Суд в Бишкеке оштрафовал двух журналистов.")
    known = place(days + [[court, march]])
    clusters = known.index.clusters()
    assert [aid for aid, c in clusters.items() if c in ("court", "march")] == ["court", "march"]


def test_the_first_articles_of_new_outlets_do_not_link_through_their_wrapping():
    court = wrapped_article("court", paragraphs(COURT_RU), "outlet-a")
    march = wrapped_article("march", paragraphs(MARCH_RU), "outlet-b", hours=2)
    other = wrapped_article("other", paragraphs(STORY_RU), "outlet-c", hours=3)
    place([[court, march, other]])
    assert len({court.cluster_id, march.cluster_id, other.cluster_id}) == 3


def test_the_same_day_of_another_year_is_another_story():
    this_year = wrapped_article("march", paragraphs(MARCH_RU), "tbilisi-post", hours=-187 * 24)
    anniversary = wrapped_article("old", paragraphs(MARCH_OTHER_YEAR_RU), "tbilisi-post", hours=-187 * 24 + 5,
                                  published=False)
    place([[this_year, anniversary]])
    assert this_year.cluster_id != anniversary.cluster_id


def test_a_translation_that_opens_with_a_menu_joins():
    ru = wrapped_article("ru", paragraphs(COURT_RU), "vesti-kg", menu_top=False)
    en = wrapped_article("en", paragraphs(COURT_EN), "asia-wire", lang="en", hours=4, menu_top=True)
    place([[ru], [en]])
    assert en.cluster_id == ru.cluster_id == "ru"


def test_an_edited_copy_in_the_same_language_joins():
    original = wrapped_article("ru", paragraphs(COURT_RU), "vesti-kg")
    lines = paragraphs(COURT_RU)[:-1]  # the last paragraph cut
    lines[0] = "Как сообщает Vesti.kg, " + " ".join(lines[0].split()[:12]) + "."  # a shortened lead
    lines = ["Мы публикуем этот материал, потому что он касается свободы прессы в регионе."] + lines + \
            ["Если вы стали свидетелем давления на журналистов, напишите нам."]
    copy = wrapped_article("copy", lines, "rights-ngo", hours=20)
    place([[original], [copy]])
    assert copy.cluster_id == "ru"


def test_a_digest_of_two_stories_does_not_merge_them():
    court = [wrapped_article("court-ru", paragraphs(COURT_RU), "vesti-kg"),
             wrapped_article("court-en", paragraphs(COURT_EN), "asia-wire", lang="en", hours=2)]
    police = [wrapped_article("police-ru", paragraphs(STORY_RU), "almaty-news", hours=1),
              wrapped_article("police-en", paragraphs(STORY_EN), "steppe-wire", lang="en", hours=3)]
    digest = wrapped_article("digest", [paragraphs(COURT_RU)[0], paragraphs(STORY_RU)[0],
                                        paragraphs(COURT_RU)[3], paragraphs(STORY_RU)[3]], "daily-digest", hours=5)
    known = place([court + police, [digest]])
    index = known.index
    assert index.cluster_of("court-ru") == index.cluster_of("court-en")
    assert index.cluster_of("police-ru") == index.cluster_of("police-en")
    assert index.cluster_of("court-ru") != index.cluster_of("police-ru")


def test_a_report_number_only_in_the_wrapping_links_nothing():
    report = "The Rights Observatory for Eurasia published its report EUR 55/1234/2026 on assemblies."
    cited = wrapped_article("report", [report, "It counts 214 detentions at peaceful protests in 2026."], "observer",
                            lang="en")
    cited.report_index = "EUR 55/1234/2026"
    teaser = wrapped_article("court", paragraphs(COURT_EN) + ["Latest: report EUR 55/1234/2026 on assemblies"],
                             "asia-wire", lang="en", hours=3)
    teaser.report_index = "EUR 55/1234/2026"  # what a scan of the whole text finds
    place([[cited], [teaser]])
    assert teaser.cluster_id != cited.cluster_id
