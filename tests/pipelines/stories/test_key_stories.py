"""Keys held by many recent stories weigh little; keys of one story keep their weight."""
import numpy as np

from pipelines.stories.key_stories import KeyStories


def test_a_key_of_many_stories_weighs_little_and_one_storys_key_keeps_its_weight():
    counts = KeyStories()
    common, own = np.uint64(11), np.uint64(22)
    stories = np.arange(40)  # forty stories, one article each, all holding `common`
    counts.count(np.full(40, common), stories, np.zeros(40, np.int32), np.arange(40))
    counts.count(np.full(40, own), np.zeros(40, np.int64), np.zeros(40, np.int32), np.arange(40))  # one story
    weights = counts.rarity(np.array([common, own]))
    assert weights[0] < 0.2 and weights[1] == 1.0


def test_counts_fade_with_time():
    counts = KeyStories()
    key = np.uint64(5)
    counts.count(np.full(40, key), np.arange(40), np.zeros(40, np.int32), np.arange(40))
    counts.count(np.array([key]), np.array([99]), np.array([200], np.int32), np.array([0]))  # 200 days later
    assert counts.rarity(np.array([key]))[0] == 1.0
