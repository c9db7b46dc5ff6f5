import numpy as np
import pytest

from pipelines.stories.dedup import Known, assign_clusters, drop_duplicates
from pipelines.stories.story_index import StoryIndex
from tests.support.stories import (OTHER_RU_LONG, OTHER_SAME_DAY, STORY, STORY_EN, STORY_RU, STORY_RU_OTHER_OUTLET,
                                     STORY_RU_SECOND_TRANSLATION, TEASERS_RU, among_teasers, article,
                                     republished)


def test_exact_copies_are_dropped_by_url_and_hash():
    a, b, c = article("a", STORY), article("b", STORY), article("c", STORY + " Қосымша.")
    again = article("d", "басқа мәтін", url="https://x.kz/a")
    kept, dropped = drop_duplicates([a, b, c, again], Known())
    assert [k.article_id for k in kept] == ["a", "c"]
    assert sorted(d.reason for d in dropped) == ["canonical_url", "content_hash"]


def test_republication_joins_the_story_and_a_same_day_story_does_not():
    original = article("a", STORY)
    copy = article("b", republished(STORY), hours=3, source="mirror")
    other = article("c", OTHER_SAME_DAY, hours=1)
    known = Known()
    assign_clusters([copy, other, original], known)
    assert original.cluster_id == copy.cluster_id == "a"
    assert other.cluster_id == "c"


def test_translations_join_one_story():
    known = Known()
    kk, ru, en = article("kk", STORY), article("ru", STORY_RU, "ru", hours=1), article("en", STORY_EN, "en", hours=5)
    other = article("other", OTHER_SAME_DAY, hours=2)
    assign_clusters([kk, ru, en, other], known)
    assert kk.cluster_id == ru.cluster_id == en.cluster_id == "kk"
    assert other.cluster_id == "other"


def test_translation_outside_the_time_window_starts_its_own_story():
    known = Known()
    kk, en = article("kk", STORY), article("en", STORY_EN, "en", hours=24 * 30)
    assign_clusters([kk, en], known)
    assert en.cluster_id == "en"


@pytest.mark.parametrize("days, published, joins", [
    (6, False, True),  # a page without a date, found six days on: it may be as old as the story
    (6, True, False),  # the same page dated six days on is a later story
    (9, False, False),  # found later still, it is not placed back into the story
])
def test_an_undated_translation_found_days_later_joins_its_story(days, published, joins):
    known = Known()
    assign_clusters([article("kk", STORY)], known)
    en = article("en", STORY_EN, "en", hours=24 * days, published=published)
    assign_clusters([en], known)
    assert (en.cluster_id == "kk") is joins


def test_same_report_index_links_across_languages():
    kk = article("a", "Есепте EUR 04/7574/2017 нөмірі бар.", index="EUR 04/7574/2017")
    en = article("b", "The report EUR 04/7574/2017 says so.", lang="en", hours=2, index="EUR 04/7574/2017")
    assign_clusters([kk, en], Known())
    assert en.cluster_id == kk.cluster_id == "a"


def test_known_remembers_kept_articles():
    known = Known()
    a = article("a", STORY)
    assign_clusters([a], known)
    known.remember(a)
    kept, dropped = drop_duplicates([article("b", STORY)], known)
    assert not kept and dropped[0].of == "a"


def test_batches_in_turn_give_the_clusters_of_one_batch():
    def run(batches):
        known = Known()
        for batch in batches:
            assign_clusters(batch, known)
        return {a: known.index.cluster_of(a) for a in ("kk", "ru", "copy", "en", "other")}

    make = lambda: [article("kk", STORY), article("other", OTHER_SAME_DAY, hours=1),
                    article("ru", STORY_RU, "ru", hours=2), article("copy", republished(STORY), hours=3, source="m"),
                    article("en", STORY_EN, "en", hours=6)]
    whole = run([make()])
    parts = make()
    assert run([parts[:2], parts[2:4], parts[4:]]) == whole
    assert whole["ru"] == whole["en"] == whole["copy"] == "kk" and whole["other"] == "other"


def test_an_article_linking_two_stories_merges_them_into_the_older():
    known = Known()
    old_ru = article("ru", STORY_RU, "ru", hours=-30 * 24)  # a month ago: too old to be a translation of kk
    kk = article("kk", STORY)
    assign_clusters([old_ru], known)
    assign_clusters([kk], known)
    assert (old_ru.cluster_id, kk.cluster_id) == ("ru", "kk")
    # a Russian republication today: a near-duplicate of the old Russian story and a translation of kk
    twin = article("ru2", "\n".join(["Источник: Vesti.kz"] + STORY_RU.split("\n") + ["Подписывайтесь на наш канал!"]),
                   "ru", hours=1, source="mirror")
    merges = assign_clusters([twin], known)
    assert merges == {"kk": "ru"}  # the story first reported earlier keeps its id
    assert twin.cluster_id == known.index.cluster_of("kk") == known.index.cluster_of("ru") == "ru"


def test_first_report_ranks_unknown_publication_last():
    known = Known()
    undated = article("undated", STORY, published=False, hours=-5)
    dated = article("dated", STORY_RU, "ru", hours=0)
    assign_clusters([dated], known)
    assign_clusters([undated], known)
    assert undated.cluster_id == "dated"


def test_a_link_between_two_articles_of_one_batch_counts_once():
    known = Known()
    assign_clusters([article("kk", STORY), article("ru", STORY_RU, "ru", hours=2), article("en", STORY_EN, "en", hours=6)],
                    known)
    later, earlier, score, strong = known.index._edges(0, 3)
    pairs = list(zip(later.tolist(), earlier.tolist()))
    assert len(pairs) == len(set(pairs)) >= 2, pairs


def test_an_article_left_alone_joins_the_story_that_arrives_after_it():
    # the Kazakh report is stored alone (its story's other texts were loaded as a story of
    # their own, as when they arrive first elsewhere); placed again, it joins them
    index = StoryIndex()
    index.add([article("kk", STORY, hours=-2)], ["kk"])
    index.add([article("ru", STORY_RU, "ru"), article("en", STORY_EN, "en", hours=1)], ["story", "story"])
    merged = index._place_again({index._pos["kk"]})
    assert merged and index.cluster_of("kk") == index.cluster_of("ru") == index.cluster_of("en") == "kk"
    assert index.cluster_of("kk") != index.add([article("other", OTHER_SAME_DAY, hours=1)]).cluster_ids[0]


def test_another_outlets_write_up_in_a_language_the_story_has_stays_its_own_story():
    known = Known()
    story = [article("kk", STORY), article("ru", STORY_RU, "ru", hours=1), article("en", STORY_EN, "en", hours=2)]
    assign_clusters(story, known)
    other = article("other-ru", STORY_RU_OTHER_OUTLET, "ru", hours=3, source="other")
    assign_clusters([other], known)
    assert len({a.cluster_id for a in story}) == 1
    assert other.cluster_id != story[0].cluster_id


def test_a_second_translation_into_a_language_the_story_has_joins_it():
    known = Known()
    story = [article("kk", STORY), article("ru", STORY_RU, "ru", hours=1), article("en", STORY_EN, "en", hours=2)]
    second = article("ru-2", STORY_RU_SECOND_TRANSLATION, "ru", hours=3, source="other")
    assign_clusters(story + [second], known)
    assert len({a.cluster_id for a in story + [second]}) == 1


def test_a_copy_goes_where_its_text_goes():
    # the Russian copy arrives alone; the second copy links to the story's other texts, and
    # both copies end up in it
    known = Known()
    assign_clusters([article("ru-1", STORY_RU, "ru", hours=1)], known)
    index = known.index
    index.add([article("kk", STORY), article("en", STORY_EN, "en", hours=2)], ["story", "story"])
    placed = index.add([article("ru-2", republished(STORY_RU), "ru", hours=3, source="mirror")])
    assert index.cluster_of("ru-2") == index.cluster_of("ru-1") == index.cluster_of("kk")
    assert placed.merges == {"story": "ru-1"} or placed.merges == {"ru-1": "story"}


def test_a_digest_of_two_stories_merges_neither_into_the_other():
    known = Known()
    assign_clusters([article("x", STORY), article("y", OTHER_SAME_DAY, hours=1, source="other")], known)
    digest = article("digest", STORY + "\n" + OTHER_SAME_DAY, hours=2, source="digest")
    assign_clusters([digest], known)
    assert known.index.cluster_of("x") != known.index.cluster_of("y")


def test_a_translation_links_to_a_story_as_a_whole_and_another_story_does_not():
    index = StoryIndex()
    index.add([article("kk", STORY), article("en", STORY_EN, "en", hours=1)], ["story", "story"])
    index._append([article("ru", STORY_RU, "ru", hours=2), article("other", OTHER_SAME_DAY, hours=2)])
    story = [index._pos["kk"], index._pos["en"]]
    assert index._as_whole(index._pos["ru"], story)
    assert not index._as_whole(index._pos["other"], story)


def test_two_stories_meet_as_wholes_not_by_one_close_pair():
    lead = "\n".join(STORY_EN.split("\n")[:2])  # a text of the story: too little for a link of its own
    more = "\n".join(STORY_EN.split("\n")[:3])  # a link to STORY
    index = StoryIndex()
    index.add([article("kk", STORY), article("lead", lead, "en", hours=1), article("more", more, "en", hours=1)]
              + [article(f"t{i}", t, "ru", hours=1) for i, t in enumerate(TEASERS_RU)])
    row = index._pos
    assert index._meet([row["kk"]], [row["lead"]])[0]
    # one close pair among texts that share nothing is two related stories, not one
    assert not index._meet([row["kk"]] + [row[f"t{i}"] for i in range(len(TEASERS_RU))], [row["more"]])[0]


def test_a_cut_copy_among_another_outlets_teasers_joins_its_story():
    # the repost keeps three of the original's paragraphs between five long teasers of its own
    # (headlines it has not printed before): little of its text is the original's, but whole
    # lines of it are
    known = Known()
    assign_clusters([article("ru-1", STORY_RU, "ru")], known)
    assign_clusters([article("ru-2", among_teasers(STORY_RU), "ru", hours=5, source="mirror")], known)
    assert known.index.cluster_of("ru-2") == known.index.cluster_of("ru-1")


def test_a_copy_too_diluted_for_its_shingles_is_found_through_its_lines():
    index = StoryIndex()
    index.add([article("ru-1", STORY_RU, "ru")], ["story"])
    index._append([article("ru-2", among_teasers(STORY_RU), "ru", hours=30, source="mirror", published=False)])
    row, original = index._pos["ru-2"], index._pos["ru-1"]
    later, earlier = index._near_duplicates(np.array([row]))
    assert (later.tolist(), earlier.tolist()) == ([row], [original])
    assert index._copies(np.array([row]), np.array([original]), 0.2).all()


def test_two_stories_printing_the_same_teasers_do_not_share_their_lines_as_copies_do():
    # two teasers are much of neither text's long lines (5 of each its own); the rule is on
    # lines only (estimated shared wording, with the teasers in it, is another rule's matter)
    index = StoryIndex()
    story = article("story", STORY_RU + "\n" + "\n".join(TEASERS_RU[:2]), "ru")
    other = article("other", OTHER_RU_LONG + "\n" + "\n".join(TEASERS_RU[:2]), "ru", hours=2, source="other")
    index.add([story, other], ["a", "b"])
    assert not index._shared_lines(np.array([index._pos["story"]]), np.array([index._pos["other"]])).any()


def test_lines_a_third_story_prints_are_its_teasers_not_copied_text():
    # in two short texts the same two teasers are much of each; once the story they quote
    # (here, one that printed both lines) is placed, they are quotes, not copied text
    def shorts(index, first):
        docs = [article(f"short-{i}", "\n".join([text.split("\n")[0]] + TEASERS_RU[:2]), "ru", hours=first, source=f"s{i}")
                for i, text in enumerate((STORY_RU, OTHER_RU_LONG))]
        index.add(docs, ["a", "b"])
        return np.array([index._pos["short-0"]]), np.array([index._pos["short-1"]])

    alone = StoryIndex()
    assert alone._shared_lines(*shorts(alone, 0)).all()
    quoted = StoryIndex()
    quoted.add([article("teasers", "\n".join(TEASERS_RU), "ru", source="digest")], ["c"])
    assert not quoted._shared_lines(*shorts(quoted, 2)).any()


@pytest.mark.xfail(strict=True, reason="a copy stored apart reads as a third story quoting the lines; telling it "
                   "from a story that prints the same generic lines needs more than lines (known limitation)")
def test_a_copy_filed_in_a_story_of_its_own_does_not_hide_later_copies():
    # an earlier copy stored apart (placed by older rules) prints the original's lines after
    # it: it is no third story quoting them, so a later copy should still copy the original
    index = StoryIndex()
    kept = STORY_RU.split("\n")
    index.add([article("ru-1", STORY_RU, "ru")], ["story"])
    earlier = [TEASERS_RU[0], kept[0], kept[1], TEASERS_RU[1], kept[3], TEASERS_RU[2]]
    index.add([article("ru-2", "\n".join(earlier), "ru", hours=5, source="mirror")], ["apart"])
    later = [TEASERS_RU[3], kept[0], kept[1], TEASERS_RU[4], kept[3]]
    index._append([article("ru-3", "\n".join(later), "ru", hours=9, source="other")])
    assert index._shared_lines(np.array([index._pos["ru-3"]]), np.array([index._pos["ru-1"]])).all()
