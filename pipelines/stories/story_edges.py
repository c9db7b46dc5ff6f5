"""How the story index finds, for its new rows, the earlier rows they link to: near-duplicates
through the LSH bands of their MinHash signatures and through the long lines they print (a copy
among an outlet's own lines), and translations and edited copies through their rarest
translation-proof keys (`pipelines.stories.story_link`), each pair scored. A mixin of
`StoryIndex`, which holds the columns it reads (signatures, keys and their positions, long
lines, times, languages, postings, stories); the placing of rows into stories stays there."""
from __future__ import annotations

import numpy as np

from pipelines.stories import minhash, story_link
from pipelines.stories.key_stories import slot

NEAR_DUPLICATE_JACCARD = 0.35  # the body without the wrapping: a rewritten lead, a cut, an intro and outro stay above
NEAR_DUPLICATE_WINDOW_DAYS = 60
LINK_WINDOW_DAYS = 4  # translations and rewrites of one story appear within days of each other
UNDATED_LAG_DAYS = 3  # a page without a date may have been found this long after it was published
NO_DATE = 1 << 62  # the published time of an undated row
STRONG_LINK, STRONG_SHARED = 0.3, 6.0  # one link this clear joins a story whatever its other articles say
RAREST_KEYS = 16  # an article looks for link partners through its rarest keys…
RECENT_PER_KEY = 100  # …and, for each key, among the most recent articles holding it…
MIN_HITS = 2  # …keeping partners that hold at least two of those keys
CONTAINED, CONTAINED_JACCARD, CONTAINED_MIN = 0.8, 0.3, 20  # a cut copy: 80% of its shingles in the longer text
COPY_LINES, COPY_LINE_SHARE = 2, 0.3  # or a copy diluted by what each outlet adds: long lines printed by both
COMMON_LINE = 6  # a line more rows print than this is common wording, not one text's copies
SAME_LANGUAGE_JACCARD = 0.2  # an edited copy in one language: keys linked, and this much text still shared
_DAY = 86400
_SALTS = minhash._mix(np.arange(1, minhash.BANDS + 1, dtype=np.uint64) * np.uint64(0x632BE59BD9B4E019))


def _short(keys: np.ndarray) -> np.ndarray:
    """The top 32 bits of 64-bit keys, for the postings (pairs and line holders are checked on all 64)."""
    return (keys >> np.uint64(32)).astype(np.uint32)


def _band_keys(sigs: np.ndarray) -> np.ndarray:
    """One 32-bit key per band, salted by band so bands share one multimap (32 bits: at a
    million articles a chance collision is about one in a hundred lookups, and verified away)."""
    return ((minhash.band_keys(sigs) ^ _SALTS) >> np.uint64(32)).astype(np.uint32).ravel()


class StoryEdges:
    """The link-finding half of `StoryIndex` (see there for the columns)."""

    def _edges(self, base: int, count: int) -> tuple[np.ndarray, ...]:
        """Links (later row, earlier row, score, strong) of the new rows base..base+count; a
        decisive link (near-duplicate, same report number) has score inf."""
        if not count:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0, bool)
        rows = base + np.arange(count)
        near = self._near_duplicates(rows)
        linked = self._key_links(rows)
        a = np.concatenate((near[0], linked[0]))
        b = np.concatenate((near[1], linked[1]))
        later, earlier = np.maximum(a, b), np.minimum(a, b)
        score = np.concatenate((np.full(len(near[0]), np.inf), linked[2]))
        strong = np.concatenate((np.ones(len(near[0]), bool), linked[3]))
        # two new rows of one batch find each other twice: one link each, the clearest
        order = np.lexsort((-score, earlier, later))
        pair = later[order] * len(self.ids) + earlier[order]
        first = order[np.concatenate(([True], pair[1:] != pair[:-1]))] if len(pair) else order
        return later[first], earlier[first], score[first], strong[first]

    def _pairs(self, a: np.ndarray, b: np.ndarray, window_days: int) -> tuple[np.ndarray, np.ndarray]:
        """Distinct unordered pairs of different rows published within the window."""
        keep = a != b
        when = self.when.values
        keep &= np.abs(when[a] - when[b]) <= window_days * _DAY
        lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        pairs = np.unique(hi.astype(np.int64) * len(self.ids) + lo)
        return pairs // len(self.ids), pairs % len(self.ids)

    def _lag(self, rows: np.ndarray) -> np.ndarray:
        """Seconds an undated row may have been published before it was first seen (0 if dated)."""
        return np.where(self.pub.values[rows] == NO_DATE, UNDATED_LAG_DAYS * _DAY, 0)

    def _close(self, a: np.ndarray, b: np.ndarray, window_days=LINK_WINDOW_DAYS) -> np.ndarray:
        """Whether row pairs appeared within the window of each other: the later one, when it
        is undated and placed by its first sight, may have been published UNDATED_LAG_DAYS before."""
        when = self.when.values
        later = np.where(when[a] >= when[b], a, b)
        return np.abs(when[a] - when[b]) <= np.asarray(window_days) * _DAY + self._lag(later)

    def _since(self, rows: np.ndarray, window_days) -> np.ndarray:
        """For each row, the first row that can have been published within the window before
        it (or before an undated row's lag): anything first seen earlier was published earlier still."""
        bound = self.when.values[rows] - np.asarray(window_days) * _DAY - self._lag(rows)
        return np.searchsorted(self.seen_max.values, bound, side="left")

    def _near_duplicates(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sigs = self.sig.values[rows]
        full = ~minhash.is_empty(sigs)
        since = np.repeat(self._since(rows[full], NEAR_DUPLICATE_WINDOW_DAYS), minhash.BANDS)
        which, partner = self.bands.lookup(_band_keys(sigs[full]), since, limit=RECENT_PER_KEY)
        own = np.repeat(rows[full], minhash.BANDS)[which]
        # a copy among its outlet's own lines shares too little text for a band: its long lines find it
        line_owner, at = story_link.expand(self.loff.values, rows)
        since = self._since(rows, NEAR_DUPLICATE_WINDOW_DAYS)[line_owner]
        which, line_partner = self.line_postings.lookup(_short(self.lkeys.values[at]), since, limit=COMMON_LINE + 1)
        rare = (np.bincount(which, minlength=len(at)) <= COMMON_LINE)[which]  # a common line copies nothing
        own = np.concatenate((own, rows[line_owner[which[rare]]]))
        partner = np.concatenate((partner, line_partner[rare]))
        lang = self.lang.values
        same = lang[own] == lang[partner]
        a, b = self._pairs(own[same], partner[same], NEAR_DUPLICATE_WINDOW_DAYS)
        similar = self._copies(a, b, NEAR_DUPLICATE_JACCARD)
        return a[similar], b[similar]

    def _copies(self, a: np.ndarray, b: np.ndarray, jaccard: float) -> np.ndarray:
        """Pairs sharing this much text (estimated Jaccard of shingles), or a cut copy: most
        of the shorter text found in the longer one (and a share of the whole), or printing
        the same long lines (`_shared_lines`)."""
        size = self.shingles.values
        small, large = np.where(size[a] <= size[b], (a, b), (b, a))
        j, contained = self._contained(small, large)
        copies = (j >= jaccard) | ((contained >= CONTAINED) & (j >= CONTAINED_JACCARD) & (size[small] >= CONTAINED_MIN))
        rest = np.flatnonzero(~copies)
        copies[rest] = self._shared_lines(a[rest], b[rest])
        return copies

    def _contained(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(estimated Jaccard, share of a's shingles found in b) of row pairs."""
        size = self.shingles.values
        j = minhash.estimate(self.sig.values[a], self.sig.values[b])
        together = j * (size[a] + size[b]) / (1 + j)  # the estimated shingles they share
        return j, np.divide(together, size[a], out=np.zeros(len(a)), where=size[a] > 0)

    def _shared_lines(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Pairs printing COPY_LINES or more of the same long lines, and COPY_LINE_SHARE of the
        long lines of each: a copy that kept a few paragraphs among an outlet's own teasers.
        Of each, not only of the shorter: two articles of different stories can print the
        same few teasers of a third, which make much of a short article but little of a long one."""
        off, keys = self.loff.values, self.lkeys.values
        lines_a, lines_b = off[a + 1] - off[a], off[b + 1] - off[b]
        if not (np.minimum(lines_a, lines_b) >= COPY_LINES).any():
            return np.zeros(len(a), bool)
        more = np.maximum(lines_a, lines_b)
        pair = np.arange(len(a), dtype=np.uint64)
        ia, pa = story_link.expand(off, a)
        ib, pb = story_link.expand(off, b)
        mine = minhash._mix(keys[pa] ^ minhash._mix(pair[ia]))
        hit = np.isin(mine, minhash._mix(keys[pb] ^ minhash._mix(pair[ib])))
        shared = np.bincount(ia[hit], minlength=len(a))
        copied = (shared >= COPY_LINES) & (shared >= COPY_LINE_SHARE * more)
        if copied.any():  # lines a third story prints too are quoted (its teaser), not copied
            hit &= copied[ia]
            quoted = self._quoted(keys[pa[hit]], a[ia[hit]], b[ia[hit]])
            shared -= np.bincount(ia[hit][quoted], minlength=len(a))
            copied = (shared >= COPY_LINES) & (shared >= COPY_LINE_SHARE * more)
        return copied

    def _quoted(self, keys: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Which lines (line key, and the pair of rows printing it) are not copied text: lines
        more than COMMON_LINE rows print (an outlet's wrapping that its source filter has not
        learned, a slogan), or that a row of a third story, already placed, prints too."""
        which, holder = self.line_postings.lookup(_short(keys), 0, limit=COMMON_LINE + 1)
        labels, off, lkeys = self.label.values, self.loff.values, self.lkeys.values
        quoted = np.bincount(which, minlength=len(keys)) > COMMON_LINE
        for i, row in zip(which.tolist(), holder.tolist()):
            if quoted[i] or row == a[i] or row == b[i] or labels[row] < 0:
                continue
            printed = lkeys[off[row]:off[row + 1]]  # the postings hold 32 bits of the key: check all 64
            if printed[min(np.searchsorted(printed, keys[i]), len(printed) - 1)] != keys[i]:
                continue
            story = self._find(int(labels[row]))
            quoted[i] = all(labels[r] < 0 or self._find(int(labels[r])) != story for r in (a[i], b[i]))
        return quoted

    def _key_links(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        off, keys, kinds = self.foff.values, self.fkeys.values, self.fkinds.values
        owner, pos = story_link.expand(off, rows)
        searchable = ~story_link.of_kinds(kinds[pos], story_link.UNSEARCHED)
        owner, pos = owner[searchable], pos[searchable]
        df = self.df[slot(keys[pos])]
        shared = df >= 2  # a key no other article holds finds nobody: look up the rarest that others hold
        owner, pos, df = owner[shared], pos[shared], df[shared]
        weak = kinds[pos] == story_link.WEAK_NAME  # Georgian words: many, and only maybe names
        order = np.lexsort((keys[pos], df, weak, owner))
        owner, pos = owner[order], pos[order]
        starts = np.concatenate(([0], np.flatnonzero(owner[1:] != owner[:-1]) + 1)) if len(owner) else owner
        rank = np.arange(len(owner)) - np.repeat(starts, np.diff(np.append(starts, len(owner))))
        owner, pos = owner[rank < RAREST_KEYS], pos[rank < RAREST_KEYS]
        window = np.where(kinds[pos] == story_link.REPORT, NEAR_DUPLICATE_WINDOW_DAYS, LINK_WINDOW_DAYS)
        since = self._since(rows[owner], window)
        which, partner = self.postings.lookup(_short(keys[pos]), since, limit=RECENT_PER_KEY)
        a, b = rows[owner[which]], partner
        by_report = kinds[pos][which] == story_link.REPORT
        keep = (a != b) & self._close(a, b, np.where(by_report, NEAR_DUPLICATE_WINDOW_DAYS, LINK_WINDOW_DAYS))
        a, b, by_report = a[keep], b[keep], by_report[keep]
        # a candidate must meet at least MIN_HITS of the article's rarest keys (or its report number)
        pair_id = a.astype(np.int64) * len(self.ids) + b
        unique, first, hits = np.unique(pair_id, return_index=True, return_counts=True)
        reported = np.zeros(len(unique), bool)
        np.logical_or.at(reported, np.searchsorted(unique, pair_id[by_report]), True)
        chosen = (hits >= MIN_HITS) | reported
        a, b = a[first[chosen]], b[first[chosen]]
        score, shared, report = self._scores(a, b)
        close = self._close(a, b)
        same, copy = self._edited_copies(a, b)
        linked = (close & (~same | copy) & story_link.links(score, shared)) | report
        # an edited copy (its keys linked and its text shared) is a copy of that one text: as
        # clear as a strong link, whatever the story's other languages say
        strong = ((score >= STRONG_LINK) & (shared >= STRONG_SHARED)) | (same & copy)
        return a[linked], b[linked], np.where(report[linked], np.inf, score[linked]), strong[linked]

    def _scores(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`story_link.pair_scores` of row pairs (a[i], b[i]), keys weighed by their rarity."""
        return story_link.pair_scores(self.fkeys.values, self.fkinds.values, self.fpos.values, self.foff.values,
                                      a, b, self._rarity)

    def _edited_copies(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(same language, an edited copy) of row pairs: within one language keys link only
        texts that still share SAME_LANGUAGE_JACCARD of their wording, not another write-up."""
        same = self.lang.values[a] == self.lang.values[b]
        copy = np.zeros(len(a), bool)
        copy[same] = self._copies(a[same], b[same], SAME_LANGUAGE_JACCARD)
        return same, copy

    def _rarity(self, keys: np.ndarray) -> np.ndarray:
        return self.common.rarity(keys)
