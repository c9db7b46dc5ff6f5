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
  has seen (a Bloom filter of every title's shingles), or opening with TEASER_SHINGLES of
  them, after a short label ("Read also:", "Latest") and leaving out the article's own
  title: a read-also box, a teaser (a headline and its lead), a ticker of headlines.
  Headlines are titles, and the lines pages print as headlines: lines of HEADLINE_WORDS words
  or more dropped as not prose (below) after their article's first sentence, not lists, so a
  most-read column names a story before its own article arrives.
- **Lines that are not sentences**: a line that does not end as a sentence ends (. ! ? … and
  the Armenian ։ ՜ ՞, or a colon, before closing quotes and brackets): headlines of other
  stories, menus, tickers, social bars, captions, lists of teasers however long. A line
  of items between separators (· | / • ►) is a list even when it ends with a full stop. An
  article's paragraphs are sentences; what an outlet prints around them mostly is not.
  One exception: the article's opening, a standfirst without a full stop. The first line of
  at least LEAD_WORDS words (and more words than numbers: a ticker of rates is none), before
  any sentence and followed by one, and not a line the
  source repeats nor a list (items between separators: · | / • ►), is kept. A text wrapped at
  a line length (a PDF report: most of its lines end mid-sentence) keeps all its lines but
  those the source repeats and lists.
- **A box of teasers**: two or more lines kept alone between dropped lines (past the article's
  opening), a headline apart: the leads under a box's headlines. One such line alone is a
  paragraph between a caption and an aside, and stays.

When every line would go, the text is kept as it is: an article is never left empty.

Of what is kept, the long lines (COPY_LINE_WORDS words or more) are hashed, digits masked: two
texts in one language printing enough of the same such lines are copies however much else each
adds (the story index compares and indexes them, and sets aside common lines and teasers).
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from pipelines.stories import minhash

BOILERPLATE_SEEN = 1  # other articles of the source that printed the line
BOILERPLATE_WORDS = 60  # an outlet's teaser box repeats whole leads, not only short lines
PARAGRAPH_BITS = 25  # two rows of 32M one-byte counters: chance collisions stay rare at millions of articles
TITLE_BITS = 27  # a 16 MB Bloom filter of headline shingles (two probes): ~2% false hits at 10M shingles
QUOTE_SHARE = 0.75  # share of a line's shingles (after its label) found among other headlines
LABEL_SHINGLES = 3  # a label ahead of the quoted headline: "Read also:", "Latest news |"
QUOTE_MAX_WORDS = 120
TEASER_SHINGLES = 4  # a line opening with this many shingles of another headline is a teaser
COPY_LINE_WORDS = 6  # a line this long printed by two texts is copied, not written twice
HEADLINE_WORDS = 4  # a line of links this long, not a sentence, is another story's headline
LEAD_WORDS = 6  # a standfirst opening the article, not a menu item or a masthead
HARD_WRAPPED = 3  # lines ending mid-sentence per line ending one: a text wrapped at a line length

_NON_WORD = re.compile(r"[\W_]+")
_NON_WORD_LINE = re.compile(r"[^\w\n]+")
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"\s[|·•/►▪]\s")  # items of a menu, a ticker or a list of teasers
_SENTENCE_END = re.compile(r"[.!?…։՜՞:;。][\s\"'»”’“)\]]*$")
_TITLE_SALT = np.uint64(0xD6E8FEB86659FD93)


@dataclass
class _Lines:
    """Every non-blank line of a batch, flat: its text, normalised form, doc and place."""

    text: list[str]
    normal: list[str]
    doc: np.ndarray
    starts: np.ndarray  # doc i's lines are starts[i]..starts[i+1]


def _split(docs: list) -> _Lines:
    text, normal, counts = [], [], []
    for d in docs:
        raw = d.text or d.title or ""
        lines = [line for line in raw.split("\n") if line.strip()]
        folded = _NON_WORD_LINE.sub(" ", unicodedata.normalize("NFC", "\n".join(lines)).casefold().replace("_", " "))
        text += lines
        normal += [n.strip() for n in folded.split("\n")] if lines else []
        counts.append(len(lines))
    starts = np.zeros(len(docs) + 1, np.int64)
    np.cumsum(counts, out=starts[1:])
    return _Lines(text, normal, np.repeat(np.arange(len(docs)), counts), starts)


def _normal(line: str) -> str:
    return _NON_WORD.sub(" ", line).strip()


class LineFilter:
    """Per-source line counts and the headline filter, learned as articles arrive."""

    def __init__(self) -> None:
        self.paragraphs = np.zeros((2, 1 << PARAGRAPH_BITS), np.uint8)  # (source, line) -> articles seen
        self.titles = np.zeros(1 << (TITLE_BITS - 6), np.uint64)

    @property
    def titles_learned(self) -> bool:
        return bool(self.titles.any())

    def bodies(self, docs: list) -> list[tuple[str, str]]:
        """(body, body normalised as shingling wants it) of each doc, in order; learning its
        lines and title for later ones."""
        return self.read(docs)[0]

    def read(self, docs: list) -> tuple[list[tuple[str, str]], tuple[np.ndarray, np.ndarray]]:
        """The docs' bodies (as `bodies` gives them), and the hashes of each body's long lines
        (COPY_LINE_WORDS words or more, compared as normalised), each once, with how many each
        body has: what tells a copy that kept a few paragraphs among its outlet's own lines."""
        lines = _split(docs)
        sentence = np.array([bool(_SENTENCE_END.search(t)) for t in lines.text], bool)
        words = np.array([n.count(" ") + 1 if n else 0 for n in lines.normal], np.int64)
        repeated, hashes = self._boilerplate(docs, lines, words)
        listed = _lists(lines)
        prose = sentence | _hard_wrapped(lines, sentence, words)
        begun = _sentences_before(lines, sentence) > 0  # the doc's article has begun above the line
        drop = ((repeated | ~prose) & ~_openings(lines, sentence, begun, repeated | listed, words)) | listed
        own_titles = self._learn_titles(docs)
        # lines printed as headlines after the article has begun (not sentences, not menus, a
        # few words): a list of links to other stories
        self._learn(_line_shingles([lines.normal[j] for j in np.flatnonzero(
            ~prose & ~listed & (words >= HEADLINE_WORDS) & (words <= QUOTE_MAX_WORDS)
            & begun).tolist()])[0])
        if self.titles_learned:
            # the first line left opens the article: a lead may open as another copy's headline does
            kept = np.flatnonzero(~drop)
            first = np.zeros(len(drop), bool)
            first[kept[np.unique(lines.doc[kept], return_index=True)[1]]] = True
            drop |= self._quotes(lines, ~drop & (words >= 3) & (words <= QUOTE_MAX_WORDS), own_titles, first)
        drop |= _teaser_leads(lines, drop)
        out, kept = [], np.zeros(len(drop), bool)
        for i in range(len(docs)):
            first, last = int(lines.starts[i]), int(lines.starts[i + 1])
            keep = [j for j in range(first, last) if not drop[j]] or range(first, last)
            kept[keep] = True
            out.append(("\n".join(lines.text[j] for j in keep), " ".join(lines.normal[j] for j in keep if lines.normal[j])))
        return out, _long_lines(lines, kept & (words >= COPY_LINE_WORDS), len(docs), hashes)

    def _boilerplate(self, docs: list, lines: _Lines, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which lines each source repeats, counting what is stored and the whole batch; and
        the hash of each line compared (digits masked; 0 for longer lines)."""
        short = np.flatnonzero((words > 0) & (words <= BOILERPLATE_WORDS))
        drop, hashes = np.zeros(len(lines.text), bool), np.zeros(len(lines.text), np.uint64)
        if not len(short):
            return drop, hashes
        sources = np.array([zlib.crc32((getattr(d, "source_id", "") or "").encode("utf-8")) for d in docs], np.uint64)
        tokens = [lines.normal[j].replace(" ", "_") for j in short.tolist()]
        hashes[short] = _token_hashes(tokens, _mask_digits)
        line_hash = minhash._mix(hashes[short] ^ minhash._mix(sources[lines.doc[short]]))
        # each (doc, line) once; then in how many of the batch's docs each line is
        pair = np.unique(np.stack((lines.doc[short].astype(np.uint64), line_hash), axis=1), axis=0)
        unique, in_batch = np.unique(pair[:, 1], return_counts=True)
        mask = np.uint64((1 << PARAGRAPH_BITS) - 1)
        a = (unique & mask).astype(np.int64)
        b = ((unique >> np.uint64(32)) & mask).astype(np.int64)
        stored = np.minimum(self.paragraphs[0, a], self.paragraphs[1, b]).astype(np.int64)
        self.paragraphs[0, a] = np.minimum(255, self.paragraphs[0, a] + in_batch)
        self.paragraphs[1, b] = np.minimum(255, self.paragraphs[1, b] + in_batch)
        at = np.searchsorted(unique, line_hash)
        drop[short] = stored[at] + in_batch[at] - 1 >= BOILERPLATE_SEEN
        return drop, hashes

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
        self._learn(hashes)
        return owner, hashes

    def _learn(self, shingles: np.ndarray) -> None:
        for probe in self._probe(shingles):
            np.bitwise_or.at(self.titles, (probe >> np.uint64(6)).astype(np.int64),
                             np.uint64(1) << (probe & np.uint64(63)))

    def _known(self, shingles: np.ndarray) -> np.ndarray:
        found = np.ones(len(shingles), bool)
        for probe in self._probe(shingles):
            found &= (self.titles[(probe >> np.uint64(6)).astype(np.int64)] >> (probe & np.uint64(63))) & np.uint64(1) > 0
        return found

    def _quotes(self, lines: _Lines, check: np.ndarray, own: tuple[np.ndarray, np.ndarray],
                lead: np.ndarray) -> np.ndarray:
        """Which lines (of those to `check`) quote other articles' headlines."""
        quoted = np.zeros(len(lines.text), bool)
        where = np.flatnonzero(check)
        if not len(where):
            return quoted
        hashes, line_of = _line_shingles([lines.normal[j] for j in where.tolist()])
        known = self._known(hashes)
        doc_of = lines.doc[where][line_of]
        own_doc, own_hash = own
        if len(own_hash):  # the article's own headline is not a quote
            own_keys = np.unique(minhash._mix(own_hash ^ own_doc.astype(np.uint64)))
            known &= ~np.isin(minhash._mix(hashes ^ doc_of.astype(np.uint64)), own_keys)
        n = len(where)
        starts = np.searchsorted(line_of, np.arange(n))
        rank = np.arange(len(line_of)) - starts[line_of]
        # leading shingles not found, up to LABEL_SHINGLES, are the box's label
        label = np.zeros(n, np.int64)
        unlabelled = np.ones(n, bool)
        sizes = np.bincount(line_of, minlength=n)
        for k in range(LABEL_SHINGLES):
            at = rank == k
            hit = np.zeros(n, bool)
            hit[line_of[at]] = known[at]
            unlabelled &= ~hit
            label += unlabelled & (sizes > k)
        counted = rank >= label[line_of]
        total = np.bincount(line_of, weights=counted, minlength=n)
        found = np.bincount(line_of, weights=counted & known, minlength=n)
        share = np.divide(found, total, out=np.zeros(n), where=total > 0)
        # or it opens with one (after its label): a teaser, a headline and its lead
        opening = counted & (rank < label[line_of] + TEASER_SHINGLES)
        opens = np.bincount(line_of, weights=opening & known, minlength=n) >= TEASER_SHINGLES
        quoted[where] = ((share >= QUOTE_SHARE) & (found >= 2)) | (opens & ~lead[where])
        return quoted


def _long_lines(lines: _Lines, long: np.ndarray, docs: int, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hashes of the `long` lines, each once per doc, in doc order; how many each doc has).
    Lines `known` already hashed (digits masked: a copy may update a figure) keep that hash."""
    at = np.flatnonzero(long)
    hashes = known[at]
    new = np.flatnonzero(hashes == 0)
    hashes[new] = _token_hashes([lines.normal[j].replace(" ", "_") for j in at[new].tolist()], _mask_digits)
    pairs = np.unique(np.stack((lines.doc[at].astype(np.uint64), hashes), axis=1), axis=0)
    return pairs[:, 1].copy(), np.bincount(pairs[:, 0].astype(np.int64), minlength=docs)


def _lists(lines: _Lines) -> np.ndarray:
    """Lines of items between separators (two or more): found in one scan of the batch's text."""
    starts = np.cumsum([0] + [len(t) + 1 for t in lines.text])
    at = [m.start() for m in _SEPARATOR.finditer("\n".join(lines.text))]
    per_line = np.bincount(np.searchsorted(starts, at, side="right") - 1, minlength=len(lines.text))
    return per_line[:len(lines.text)] >= 2


def _teaser_leads(lines: _Lines, drop: np.ndarray) -> np.ndarray:
    """Lines kept alone between two dropped lines, past the article's opening (a line of its
    doc was kept before), two or more a line apart: the leads under a box's headlines."""
    n = len(drop)
    if n < 3:
        return np.zeros(n, bool)
    doc = lines.doc
    before = np.zeros(n, bool)
    before[1:] = drop[:-1] & (doc[1:] == doc[:-1])
    after = np.zeros(n, bool)
    after[:-1] = drop[1:] & (doc[1:] == doc[:-1])
    kept = np.cumsum(~drop)
    first = lines.starts[doc]
    # kept lines of the doc before the dropped line ahead of this one
    earlier = np.zeros(n, np.int64)
    at = np.flatnonzero(before & (np.arange(n) - 1 > first))
    earlier[at] = kept[at - 2] - kept[first[at]] + (~drop[first[at]]).astype(np.int64)
    alone = ~drop & before & after & (earlier > 0)
    # one alone is a paragraph between a caption and an aside; two a headline apart, a box
    box = np.zeros(n, bool)
    box[2:] |= alone[:-2] & (doc[2:] == doc[:-2])
    box[:-2] |= alone[2:] & (doc[2:] == doc[:-2])
    return alone & box


def _hard_wrapped(lines: _Lines, sentence: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Per line, whether its doc is wrapped at a line length (a PDF, plain text), not by
    paragraphs: its lines of LEAD_WORDS words or more mostly end mid-sentence (HARD_WRAPPED
    times as many as end one). There every line is the text's own."""
    docs = len(lines.starts) - 1
    long = words >= LEAD_WORDS
    ended = np.bincount(lines.doc, weights=long & sentence, minlength=docs)
    open_ended = np.bincount(lines.doc, weights=long & ~sentence, minlength=docs)
    return (open_ended >= HARD_WRAPPED * np.maximum(ended, 1))[lines.doc]


def _sentences_before(lines: _Lines, sentence: np.ndarray) -> np.ndarray:
    """Per line, how many lines of its doc before it end as sentences."""
    total = np.cumsum(sentence)
    first = lines.starts[lines.doc]
    return total - sentence - total[first] + sentence[first]


def _openings(lines: _Lines, sentence: np.ndarray, begun: np.ndarray, excluded: np.ndarray,
              words: np.ndarray) -> np.ndarray:
    """Each doc's opening line when it lacks a full stop: the first line of LEAD_WORDS words
    or more (numbers are not words: a ticker is no opening), before any sentence line of its
    doc (not `begun`) and followed by one, and not `excluded` (repeated by the source, or a list)."""
    n = len(sentence)
    opening = np.zeros(n, bool)
    if n < 2:
        return opening
    same_doc = lines.doc[1:] == lines.doc[:-1]
    next_sentence = np.zeros(n, bool)
    next_sentence[:-1] = sentence[1:] & same_doc
    candidate = np.flatnonzero(~sentence & ~excluded & (words >= LEAD_WORDS) & next_sentence & ~begun)
    lettered = [_worded(lines.normal[j].split()) for j in candidate.tolist()]
    candidate = candidate[np.array(lettered, bool)] if len(candidate) else candidate
    if len(candidate):
        opening[candidate[np.unique(lines.doc[candidate], return_index=True)[1]]] = True
    return opening


def _worded(words: list[str]) -> bool:
    """LEAD_WORDS words or more, and more words than numbers: a ticker of rates is no lead."""
    numbers = sum(w.isdigit() for w in words)
    return len(words) - numbers >= max(LEAD_WORDS, numbers + 1)


def _line_shingles(lines: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word 3-shingle hashes of each normalised line (a line of one or two words gives its
    words), and the line each belongs to, in line order; hashed a few megabytes at a time."""
    hashes, owners = [np.zeros(0, np.uint64)], [np.zeros(0, np.int64)]
    for start, stop in minhash.chunks(lines):
        part = lines[start:stop]
        if any(part):
            counts = np.array([line.count(" ") + 1 if line else 0 for line in part], dtype=np.int64)
            words = minhash._word_hashes((" ".join(line for line in part if line) + " ").encode("utf-8"))
            found, per_line = minhash._shingles(words, counts)
            hashes.append(found)
            owners.append(start + np.repeat(np.arange(len(part)), per_line))
    return np.concatenate(hashes), np.concatenate(owners)


def _mask_digits(text: str) -> str:
    return _DIGIT.sub("0", text)


def _token_hashes(tokens: list[str], transform=None) -> np.ndarray:
    """One 64-bit hash per token (no spaces inside; `transform` keeps them apart), hashed a
    few megabytes at a time."""
    out = [np.zeros(0, np.uint64)]
    for start, stop in minhash.chunks(tokens):
        joined = " ".join(tokens[start:stop]) + " "
        out.append(minhash._word_hashes((transform(joined) if transform else joined).encode("utf-8")))
    return np.concatenate(out)
