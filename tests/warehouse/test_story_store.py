"""The story index on disk (warehouse/story_store.py): saved and loaded back with the same
clusters, still placing new articles; a missing index loads as nothing."""
from pipelines.stories.dedup import Known, assign_clusters
from tests.support.stories import OTHER_SAME_DAY, STORY, STORY_EN, STORY_RU, article
from warehouse import story_store


def test_index_saves_and_loads_the_same_clusters(tmp_path):
    known = Known()
    assign_clusters([article("kk", STORY), article("ru", STORY_RU, "ru", hours=1),
                     article("other", OTHER_SAME_DAY, hours=2)], known)
    story_store.save(known.index, tmp_path / "index", stamp=[3])
    loaded, stamp = story_store.load(tmp_path / "index")
    assert stamp == [3] and loaded.clusters() == known.index.clusters()
    for runs in ("bands", "postings", "line_postings"):  # what finds the partners of new articles
        saved, back = getattr(known.index, runs).arrays(), getattr(loaded, runs).arrays()
        assert saved.keys() == back.keys() and all((saved[k] == back[k]).all() for k in saved)
    late = article("en", STORY_EN, "en", hours=5)
    assert loaded.add([late]).cluster_ids == ["kk"]
    assert story_store.load(tmp_path / "missing") is None
