"""An article's own lines: what is left of its text once the outlet's wrapping is set aside.

Extracted text often still carries what each outlet puts around every article: a ticker of
rates and weather, a menu, social and copyright lines, subscribe prompts, a "Read also" box
quoting other stories' headlines. Such lines would link unrelated stories, so the story
index shingles and extracts its keys only from the body this module leaves:

- **Boilerplate**: a short line (at most BOILERPLATE_WORDS words) that the same source also
  printed in at least BOILERPLATE_SEEN other articles, earlier or in the same batch. Lines are
  compared case-folded, punctuation dropped and digits masked, so a ticker whose numbers
  change every day is still the same line. Counts live in a two-row count-min sketch.
- **Quotes of other headlines**: a line made mostly of word 3-shingles of headlines the index
  has seen (a Bloom filter of every title's shingles), after a short label ("Read also:",
  "Latest") and leaving out the article's own title: a read-also box, a teaser, a ticker of
  headlines.

- **Lines that are not sentences**: a short line (at most HEADLINE_WORDS words) that does not
  end as a sentence ends (. ! ? … and the Armenian ։ ՜ ՞, or a colon, before closing quotes
  and brackets): headlines of other stories, menus, tickers, social bars, captions. An
  article's paragraphs are sentences; what an outlet prints around them mostly is not.

When every line would go, the text is kept as it is: an article is never left empty.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from pipelines.stories import minhash

BOILERPLATE_SEEN = 1  # other articles of the source that printed the line
BOILERPLATE_WORDS = 30
PARAGRAPH_BITS = 25  # two rows of 32M one-byte counters: chance collisions stay rare at millions of articles
TITLE_BITS = 27  # a 16 MB Bloom filter of headline shingles (two probes): ~2% false hits at 10M shingles
QUOTE_SHARE = 0.75  # share of a line's shingles (after its label) found among other headlines
LABEL_SHINGLES = 3  # a label ahead of the quoted headline: "Read also:", "Latest news |"
QUOTE_MAX_WORDS = 120
HEADLINE_WORDS = 16

_NON_WORD = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[.!?…։՜՞:;。][\s\"'»”’“)\]]*$")
_DIGITS = str.maketrans("0123456789", "0000000000")
_TITLE_SALT = np.uint64(0xD6E8FEB86659FD93)
_CHUNK_BYTES = 2 << 20


@dataclass
class Body:
    """An article's own text (original lines, kept ones joined by newlines) and the same,
    normalised as shingling wants it."""

    text: str
    normal: str


def _normal(line: str) -> str:
    return _NON_WORD.sub(" ", line).strip()


class LineFilter:
    """Per-source line counts and the headline filter, learned as articles arrive."""

    def __init__(self) -> None:
        self.paragraphs = np.zeros((2, 1 << PARAGRAPH_BITS), np.uint8)  # (source, line) -> articles seen
        self.titles = np.zeros(1 << (TITLE_BITS - 6), np.uint64)

    def bodies(self, docs: list) -> list[Body]:
        """The body of each doc (in order), learning its lines and title for later ones."""
        split = [self._lines(d) for d in docs]
        boiler = self._boilerplate(docs, split)
        own_titles = self._learn_titles(docs)
        quoted = self._quotes(split, boiler, own_titles)
        out = []
        for i, (lines, normal, _) in enumerate(split):
            keep = [j for j in range(len(lines)) if not boiler[i][j] and (i, j) not in quoted
                    and (_SENTENCE_END.search(lines[j]) or normal[j].count(" ") >= HEADLINE_WORDS)]
            if not keep:
                keep = range(len(lines))
            out.append(Body("\n".join(lines[j] for j in keep), " ".join(normal[j] for j in keep if normal[j])))
        return out

    @staticmethod
    def _lines(doc) -> tuple[list[str], list[str], list[str]]:
        """Non-blank lines, their normalised form, and that form with digits masked."""
        text = doc.text or doc.title or ""
        lines = [line for line in text.split("\n") if line.strip()]
        folded = unicodedata.normalize("NFC", "\n".join(lines)).casefold().split("\n")
        normal = [_normal(line) for line in folded]
        return lines, normal, [n.translate(_DIGITS) for n in normal]

    def _boilerplate(self, docs: list, split: list) -> list[list[bool]]:
        """Which lines each source repeats, counting what is stored and the whole batch."""
        mask = (1 << PARAGRAPH_BITS) - 1
        counts = self.paragraphs
        slots: list[list[tuple[int, int] | None]] = []
        in_batch: dict[tuple[int, int], int] = {}
        for d, (_, _, masked) in zip(docs, split):
            source = (getattr(d, "source_id", "") or "").encode("utf-8")
            seeds = zlib.crc32(source + b"\0"), zlib.crc32(source + b"\1")
            mine, seen = [], set()
            for line in masked:
                if not line or line.count(" ") >= BOILERPLATE_WORDS:
                    mine.append(None)
                    continue
                data = line.encode("utf-8")
                slot = zlib.crc32(data, seeds[0]) & mask, zlib.crc32(data, seeds[1]) & mask
                mine.append(slot)
                if slot not in seen:
                    seen.add(slot)
                    in_batch[slot] = in_batch.get(slot, 0) + 1
            slots.append(mine)
        stored = {s: min(int(counts[0, s[0]]), int(counts[1, s[1]])) for s in in_batch}
        for (a, b), n in in_batch.items():
            counts[0, a] = min(255, int(counts[0, a]) + n)
            counts[1, b] = min(255, int(counts[1, b]) + n)
        return [[s is not None and stored[s] + in_batch[s] - 1 >= BOILERPLATE_SEEN for s in mine] for mine in slots]

    # -- quoted headlines ----------------------------------------------------------------
    def _probe(self, shingles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bits = TITLE_BITS
        first = shingles & np.uint64((1 << bits) - 1)
        second = minhash._mix(shingles ^ _TITLE_SALT) & np.uint64((1 << bits) - 1)
        return first, second

    def _learn_titles(self, docs: list) -> tuple[np.ndarray, np.ndarray]:
        """Add the docs' titles to the filter; returns (doc, shingle) of each title's shingles."""
        titles = [_normal(unicodedata.normalize("NFC", d.title or "").casefold()) for d in docs]
        hashes, owner = _line_shingles(titles)
        for probe in self._probe(hashes):
            np.bitwise_or.at(self.titles, (probe >> np.uint64(6)).astype(np.int64),
                             np.uint64(1) << (probe & np.uint64(63)))
        return owner, hashes

    def _known(self, shingles: np.ndarray) -> np.ndarray:
        found = np.ones(len(shingles), bool)
        for probe in self._probe(shingles):
            found &= (self.titles[(probe >> np.uint64(6)).astype(np.int64)] >> (probe & np.uint64(63))) & np.uint64(1) > 0
        return found

    def _quotes(self, split: list, boiler: list, own: tuple[np.ndarray, np.ndarray]) -> set[tuple[int, int]]:
        """(doc, line) of lines that quote other articles' headlines."""
        where, texts = [], []
        for i, (_, normal, _) in enumerate(split):
            for j, line in enumerate(normal):
                if not boiler[i][j] and 3 <= line.count(" ") + 1 <= QUOTE_MAX_WORDS:
                    where.append((i, j))
                    texts.append(line)
        if not texts:
            return set()
        hashes, line_of = _line_shingles(texts)
        known = self._known(hashes)
        doc_of = np.array([i for i, _ in where], dtype=np.int64)[line_of]
        own_doc, own_hash = own
        if len(own_hash):
            own_keys = np.unique(minhash._mix(own_hash ^ own_doc.astype(np.uint64)))
            known &= ~np.isin(minhash._mix(hashes ^ doc_of.astype(np.uint64)), own_keys)
        starts = np.searchsorted(line_of, np.arange(len(texts)))
        rank = np.arange(len(line_of)) - starts[line_of]
        # leading shingles not found, up to LABEL_SHINGLES, are the box's label
        label = np.zeros(len(texts), np.int64)
        unlabelled = np.ones(len(texts), bool)
        for k in range(LABEL_SHINGLES):
            at = (rank == k)
            hit = np.zeros(len(texts), bool)
            hit[line_of[at]] = known[at]
            unlabelled &= ~hit
            label += unlabelled & (np.bincount(line_of, minlength=len(texts)) > k)
        counted = rank >= label[line_of]
        total = np.bincount(line_of, weights=counted, minlength=len(texts))
        found = np.bincount(line_of, weights=counted & known, minlength=len(texts))
        share = np.divide(found, total, out=np.zeros(len(texts)), where=total > 0)
        return {where[n] for n in np.flatnonzero((share >= QUOTE_SHARE) & (found >= 2)).tolist()}


def _line_shingles(lines: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word 3-shingle hashes of each normalised line (a line of one or two words gives its
    words), and the line each belongs to, in line order; hashed a few megabytes at a time."""
    hashes, owners = [np.zeros(0, np.uint64)], [np.zeros(0, np.int64)]
    start = 0
    while start < len(lines):
        stop, size = start, 0
        while stop < len(lines) and (size < _CHUNK_BYTES or stop == start):
            size += 2 * len(lines[stop]) + 1
            stop += 1
        part = lines[start:stop]
        if any(part):
            counts = np.array([line.count(" ") + 1 if line else 0 for line in part], dtype=np.int64)
            words = minhash._word_hashes((" ".join(line for line in part if line) + " ").encode("utf-8"))
            found, per_line = minhash._shingles(words, counts)
            hashes.append(found)
            owners.append(start + np.repeat(np.arange(len(part)), per_line))
        start = stop
    return np.concatenate(hashes), np.concatenate(owners)
