"""MinHash signatures in bulk: the same as one at a time, close to the true Jaccard, and a
multimap of sorted runs that finds recent rows only."""
import numpy as np

from pipelines.stories import minhash
from pipelines.stories.sorted_runs import Column, KeyRuns
from tests.support.stories import STORY, STORY_RU


def shingle_set(text):
    words = minhash.normalise(text).split()
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def test_batch_signatures_equal_one_at_a_time():
    texts = [STORY, STORY_RU, "", "екі сөз", STORY.upper()]
    batch = minhash.signatures(texts)
    alone = np.vstack([minhash.signatures([t]) for t in texts])
    assert (batch == alone).all()
    assert minhash.is_empty(batch).tolist() == [False, False, True, False, False]
    assert (batch[0] == batch[4]).all()  # case does not matter


def test_estimate_is_close_to_the_true_jaccard():
    edited = STORY.replace("Пикет", "Наразылық акциясы").replace("ресми", "нақты")
    a, b = shingle_set(STORY), shingle_set(edited)
    true = len(a & b) / len(a | b)
    sigs = minhash.signatures([STORY, edited])
    assert abs(minhash.estimate(sigs[0], sigs[1]) - true) < 0.15
    assert minhash.estimate(*minhash.signatures([STORY, STORY_RU])) < 0.05


def test_band_keys_agree_for_equal_signatures():
    sigs = minhash.signatures([STORY, STORY, STORY_RU])
    keys = minhash.band_keys(sigs)
    assert keys.shape == (3, minhash.BANDS)
    assert (keys[0] == keys[1]).all() and not (keys[0] == keys[2]).any()


def test_key_runs_find_rows_since_a_bound_and_the_most_recent():
    runs = KeyRuns()
    for start in range(0, 40, 10):  # four batches: runs merge as they grow
        rows = np.arange(start, start + 10)
        runs.add((rows % 3).astype(np.uint32), rows)
    assert len(runs) == 40 and len(runs.runs) <= 2
    which, rows = runs.lookup(np.array([1, 2], dtype=np.uint32), since=np.array([30, 0]))
    assert sorted(rows[which == 0].tolist()) == [31, 34, 37]
    assert len(rows[which == 1]) == 13
    _, recent = runs.lookup(np.array([0], dtype=np.uint32), limit=2)
    assert sorted(recent.tolist())[-2:] == [36, 39]


def test_column_grows_and_keeps_values():
    column = Column(np.int64)
    for n in range(5):
        column.append(np.arange(n * 1000, (n + 1) * 1000))
    assert len(column) == 5000 and (column.values == np.arange(5000)).all()
