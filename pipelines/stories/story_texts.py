"""Which of a story's articles are one text: copies of one text in one language counted once,
a copy of an article recognised as that article's own text, and another outlet's write-up
told apart from a copy. A mixin of `StoryIndex`, reading its columns (languages with their
script, MinHash signatures, shingle counts, long lines); the placing of rows stays there.

Two texts in one language (and one script: Uzbek in Latin and in Cyrillic are two) and of a
like length that share almost none of their wording are two outlets' write-ups of one event,
which are separate stories however many names, numbers and dates they share. A report (an
article with an index number) is not a write-up: the articles about it are its story.
"""
from __future__ import annotations

import re

import numpy as np

from pipelines.stories import minhash
from pipelines.stories.story_edges import CONTAINED, CONTAINED_MIN, NEAR_DUPLICATE_JACCARD, STRONG_SHARED

OTHER_WRITE_UP = 0.1  # two texts in one language sharing less than this are two outlets' write-ups
TRANSLATIONS = 0.5  # two texts in one language linked this strongly by their keys translate one original
WRITE_UP_LENGTHS = 3  # write-ups of one event are of a like length: the longer at most this many times the shorter
WRITE_UP_ROWS = 32  # the latest rows of a story, per side, looked at for another write-up
COPY_ROWS = 16  # a story with at most this many articles near in time has its copies counted as one text

SAMPLE = 160  # characters of a body that tell its script
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_CYRILLIC = re.compile(r"[\u0400-\u052f]+")


def written_in(language: str, text: str) -> str:
    """The language with the script of `text` (its first letters): texts in one language but
    two scripts share no wording, and are compared as two languages. Other scripts (Armenian,
    Georgian) are one per language."""
    sample = text[:SAMPLE]
    latin, cyrillic = sum(map(len, _LATIN.findall(sample))), sum(map(len, _CYRILLIC.findall(sample)))
    if (latin + cyrillic) * 3 < len(sample):
        return language
    return f"{language}-{'Latn' if latin >= cyrillic else 'Cyrl'}"


class StoryTexts:
    """The text-comparing half of `StoryIndex` (see there for the columns)."""

    def _copy_of(self, row: int, rows: list[int]) -> bool:
        """Whether the row is a near-duplicate of one of `rows` (not only linked to it by a
        report number)."""
        others = np.asarray(rows, np.int64)
        others = others[self.lang.values[others] == self.lang.values[row]]
        return bool(len(others)) and bool(self._copies(np.full(len(others), row), others, NEAR_DUPLICATE_JACCARD).any())

    def _other_write_ups(self, one: list[int], other: list[int]) -> bool:
        """Whether two sets of rows hold separate write-ups: texts in one language and of a like
        length, none of them sharing OTHER_WRITE_UP of its wording with another nor held in
        another (a copy, cut or edited, does). Rows without text (all of it wrapping) tell
        nothing."""
        lang = self.lang.values
        one, other = self._write_ups(one[-WRITE_UP_ROWS:]), self._write_ups(other[-WRITE_UP_ROWS:])
        common = set(lang[one].tolist()) & set(lang[other].tolist())
        if not common:
            return False
        one = np.asarray([r for r in one if lang[r] in common], np.int64)
        other = np.asarray([r for r in other if lang[r] in common], np.int64)
        a, b = np.repeat(one, len(other)), np.tile(other, len(one))
        size = self.shingles.values
        small, large = np.where(size[a] <= size[b], (a, b), (b, a))
        # texts of one language and of a like length: a report and an article about it are not two write-ups
        alike = (lang[a] == lang[b]) & (size[small] * WRITE_UP_LENGTHS >= size[large])
        small, large = small[alike], large[alike]
        j, inside = self._contained(small, large)
        shared = (j >= OTHER_WRITE_UP) | ((inside >= CONTAINED) & (size[small] >= CONTAINED_MIN))
        shared |= self._shared_lines(small, large)  # or whole lines of it, among an outlet's own
        # two translations of one original in one language share its facts, in its order,
        # however differently worded: a strong key link
        score, weight, _ = self._scores(small, large)
        shared |= (score >= TRANSLATIONS) & (weight >= STRONG_SHARED)
        return bool(set(lang[small].tolist()) - set(lang[small[shared]].tolist()))

    def _write_ups(self, rows: list[int]) -> list[int]:
        """Those of `rows` that can be an outlet's write-up: not empty (all of it wrapping), and
        not a report (coverage of a report is the report's story)."""
        at = np.asarray(rows, np.int64)
        keep = ~minhash.is_empty(self.sig.values[at]) & (self.report.values[at] == 0)
        return at[keep].tolist()

    def _texts(self, near: list[int], linked: list[int]) -> tuple[int, int]:
        """How many distinct texts a story's rows `near` in time are, and how many of them the
        `linked` rows are: copies of one text (near-duplicates in one language) count once, so
        a story of an article and its reposts is judged as the one text it is. More than
        COPY_ROWS rows are counted row by row."""
        if not 2 <= len(near) <= COPY_ROWS:
            return len(near), len(set(linked))
        group = {r: r for r in near}

        def root(r: int) -> int:
            while group[r] != r:
                r = group[r]
            return r
        a, b = np.triu_indices(len(near), 1)
        a, b = np.asarray(near, np.int64)[a], np.asarray(near, np.int64)[b]
        same = self.lang.values[a] == self.lang.values[b]
        a, b = a[same], b[same]
        copy = self._copies(a, b, NEAR_DUPLICATE_JACCARD)
        for x, y in zip(a[copy].tolist(), b[copy].tolist()):
            group[max(root(x), root(y))] = min(root(x), root(y))
        return len({root(r) for r in near}), len({root(r) if r in group else r for r in linked})
