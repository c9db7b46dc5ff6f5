"""How many recent stories hold each key: a key of a few stories is evidence that two
articles tell one story; a key of many (Facebook, the year, the capital of every local
story) is not, and weighs little.

Counted per key slot (the key's low DF_BITS bits) as articles are placed: a story counts
again under a key only when another story held the key in between, and older counts decay
with a half-life of HALF_LIFE_DAYS, so "many" means many lately.
"""
from __future__ import annotations

import numpy as np

DF_BITS = 22
COMMON = 15.0  # a key of more recent stories than this weighs (COMMON / stories) squared
HALF_LIFE_DAYS = 14
ARRAYS = ("stories", "day", "last")


def slot(keys: np.ndarray) -> np.ndarray:
    """A key's counter slot: its low DF_BITS bits (the story index's key counts use it too)."""
    return (keys & np.uint64((1 << DF_BITS) - 1)).astype(np.int64)


class KeyStories:
    def __init__(self) -> None:
        self.stories = np.zeros(1 << DF_BITS, np.float32)  # decayed count of stories holding the slot
        self.day = np.zeros(1 << DF_BITS, np.int32)  # the day that count is for
        self.last = np.full(1 << DF_BITS, -1, np.int32)  # the story that last held the slot

    def rarity(self, keys: np.ndarray) -> np.ndarray:
        """0..1 per key: 1 for a key of a few recent stories, less for one many stories hold."""
        return np.minimum(1.0, (COMMON / np.maximum(self.stories[slot(keys)], 1e-3)) ** 2)

    def count(self, keys: np.ndarray, story: np.ndarray, day: np.ndarray, owner: np.ndarray) -> None:
        """Count each (key, story) of a batch; `owner` orders the articles (arrival order)."""
        slots = slot(keys)
        order = np.lexsort((owner, slots))
        slots, story, day = slots[order], story[order], day[order]
        head = np.ones(len(slots), bool)
        head[1:] = slots[1:] != slots[:-1]
        before = np.where(head, self.last[slots], np.roll(story, 1))
        firsts = np.flatnonzero(head)
        lasts = np.append(firsts[1:], len(slots)) - 1
        counted = np.add.reduceat((story != before).astype(np.float32), firsts)
        at = slots[firsts]
        latest = np.maximum.reduceat(day, firsts)
        elapsed = np.maximum(0, latest - self.day[at]).astype(np.float32)
        self.stories[at] = self.stories[at] * np.exp2(-elapsed / HALF_LIFE_DAYS) + counted
        self.day[at] = np.maximum(self.day[at], latest)
        self.last[at] = story[lasts]
