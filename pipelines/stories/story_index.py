"""The story index: what clustering needs of every stored article (MinHash signature, LSH
band keys, translation-proof keys, time, language, cluster), so new articles join existing
stories without re-clustering, and the whole of it saves to a folder and loads back.

Everything is computed on the article's body: its lines without what the outlet wraps around
it (`pipelines.stories.story_lines`: lines the source repeats, quoted headlines, lines that are
not sentences), so tickers, menus, read-also boxes and social lines link nothing.

A new article joins a story
- at once, when it is a near-duplicate of one of its articles: same language, estimated
  Jaccard of word 3-shingles of the bodies >= NEAR_DUPLICATE_JACCARD (or a cut copy: CONTAINED
  of the shorter body inside the longer; or a copy diluted by what its outlet added: the two
  print the same long lines, COPY_LINES and a share of each one's lines), published within
  NEAR_DUPLICATE_WINDOW_DAYS; or
  when it cites the same report index number (same window);
- by its translation-proof keys (`pipelines.story_link`), in another language or, for an
  edited copy, in the same one when the bodies still share SAME_LANGUAGE_JACCARD of their
  text: the pair scores that pass story_link's pair threshold, summed over the story's articles
  published within LINK_WINDOW_DAYS (an undated article is placed by its first sight, which
  may come UNDATED_LAG_DAYS after it was published: its window reaches that much further
  back), reach STORY_THRESHOLD for each of those articles (one
  close look-alike is not enough to pull a new article into a story of many languages:
  two outlets' reports of one match share names); one link alone into a story of three or
  more articles must be LONE_LINK times as clear; one very clear link (STRONG_LINK, or an
  edited copy of one of its articles) suffices, and so do links to two of the story's
  articles, and to at least half of its texts, that together are as clear as a lone link
  must be (TWO_LINKS): two independent reports of a story both pointing at the new article
  is what a story in many languages looks like. A lone link into a story of two texts
  joins when its score and the one with the other text (below the pair threshold, but the
  story is judged as a whole) reach STORY_THRESHOLD for both.
  A row also joins a story it links to two texts of when it scores STORY_THRESHOLD on average
  against the story's latest COPY_ROWS rows near in time (links the partner search missed
  count too).
  A story holding texts in the row's language (and script), none of which shares its wording
  (`pipelines.stories.story_texts`), holds another outlet's write-up: the row does not join it
  (separate write-ups of one event are separate stories), and two stories holding such texts
  do not merge unless they cite one report.
  Articles are counted as texts: copies of one text in one language (near-duplicates: an
  article and its reposts) count once, both among the story's articles and among those linked.
  Each pair of articles counts once, however the batch delivered them.
  Keys weigh less the more recent stories hold them (`pipelines.stories.key_stories`):
  Facebook, the year, the capital of every local story.
No chains: an article joins the story it links to best; another story it links to merges in
only when the article links to it as a whole (two of its recent articles, or all it has, or
it is a copy of one of them) and the two stories link to each other too, as wholes: the key
scores of their latest articles average MEET_MEAN (one close pair of two related stories is
not enough; texts of one story that each miss the pair threshold still score near it), or two
of their texts share their wording, or they cite one report. A digest of two stories links
to both, and merges nothing. A story that is one text, of which the row is a
copy, goes where the row goes (unless the row is a copy of two such: a digest). An article
left alone that a new article links to without joining it is placed again, as if it had
arrived after the rest: the order of arrival does not decide its story.
Merged stories keep the id of the one whose first report is oldest (published,
unknown dates last, then first seen, then id); the others' articles are re-pointed to it
(`Placed.merges`).

How new rows find the earlier rows they link to (the near-duplicate and key-link constants
above) lives in `pipelines.stories.story_edges`; this module places them into stories.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from pipelines.stories import minhash, story_link
from pipelines.stories.key_stories import DF_BITS, KeyStories, slot
from pipelines.stories.sorted_runs import Column, KeyRuns
from pipelines.stories.story_edges import (_DAY, LINK_WINDOW_DAYS, NO_DATE, UNDATED_LAG_DAYS, StoryEdges, _band_keys,
                                           _short)
from pipelines.stories.story_lines import LineFilter
from pipelines.stories.story_texts import COPY_ROWS, StoryTexts, written_in

STORY_THRESHOLD = 0.15
MEET_JACCARD, MEET_ROWS = 0.3, 8  # two stories merge only if they link to each other too
MEET_MEAN = 0.09  # …as wholes: their latest articles' key scores average this (unrelated stories: about 0)
LONE_LINK = 2  # one key link into a story of three or more articles counts as if it met this many
TWO_LINKS = STORY_THRESHOLD * LONE_LINK  # two of a story's articles, each linked: as clear as one strong link
BODY_CHUNK = 4096


@dataclass
class Doc:
    """What the index needs of an article; `pipelines.models.Article` has the same fields."""

    article_id: str
    language: str
    title: str
    text: str
    published_at: datetime | None
    first_seen_at: datetime
    organizations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    report_index: str | None = None
    cluster_id: str = ""
    source_id: str = ""


@dataclass
class Placed:
    cluster_ids: list[str]  # one per article given, in the order given
    merges: dict[str, str]  # a stored cluster_id -> the cluster_id its articles now belong to


def _cited(report_index: str | None, body: str) -> str | None:
    """The report number, when the body cites it (not only a teaser of another story)."""
    if not report_index or report_index.split()[-1] not in body:
        return None
    return report_index


def _epoch(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp())


class StoryIndex(StoryEdges, StoryTexts):
    def __init__(self) -> None:
        self.ids: list[str] = []
        self._pos: dict[str, int] = {}
        self.languages: list[str] = []
        self.lang = Column(np.uint8)
        self.when = Column(np.int64)  # published_at, else first_seen_at (epoch seconds)
        self.seen = Column(np.int64)
        self.seen_max = Column(np.int64)  # running maximum of first_seen_at: rows are in arrival order
        self.pub = Column(np.int64)  # published_at, else NO_DATE: "who reported first" ranks unknown dates last
        self.label = Column(np.int64)  # cluster number (resolve with _roots)
        self.sig = Column(np.uint32, minhash.NUM_PERM)
        self.report = Column(np.uint8)  # 1: a report (it has an index number), not an outlet's write-up
        self.shingles = Column(np.int32)  # word 3-shingles of the body: how much of a longer text a cut copy holds
        self.fkeys, self.fkinds, self.fpos = Column(np.uint64), Column(np.uint8), Column(np.float32)
        self.foff = Column(np.int64, data=np.zeros(1, np.int64))
        self.lkeys = Column(np.uint64)  # hashes of each body's long lines (LineFilter.read), loff: each row's
        self.loff = Column(np.int64, data=np.zeros(1, np.int64))
        self.bands, self.postings, self.line_postings = KeyRuns(), KeyRuns(), KeyRuns()
        self.df = np.zeros(1 << DF_BITS, np.uint32)
        self.lines = LineFilter()  # what each source repeats, and every headline: see story_lines.py
        self.common = KeyStories()  # how many recent stories hold each key
        self.names: list[str] = []  # cluster number -> cluster_id
        self._by_name: dict[str, int] = {}
        self.parent: list[int] = []
        self.first: list[tuple[int, int, str]] = []  # cluster number -> (pub, seen, name) of its oldest
        self._members: dict[int, list[int]] | None = {}  # cluster root -> rows; None: rebuild

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._pos

    # -- clusters -----------------------------------------------------------------------
    def _find(self, c: int) -> int:
        root = c
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[c] != root:
            self.parent[c], c = root, self.parent[c]
        return root

    def _cluster(self, name: str, row: int) -> int:
        """The cluster called `name` (made if new), counting `row` among its articles."""
        age = (int(self.pub.values[row]), int(self.seen.values[row]))
        if name in self._by_name:
            c = self._find(self._by_name[name])
            self.first[c] = min(self.first[c], age + (self.first[c][2],))
            return c
        c = len(self.names)
        self.names.append(name)
        self._by_name[name] = c
        self.parent.append(c)
        self.first.append(age + (name,))
        return c

    def _member_rows(self) -> dict[int, list[int]]:
        if self._members is None:
            labels = self.label.values
            rows = np.flatnonzero(labels >= 0)  # rows being placed still carry -1
            if len(rows) == 0 or not self.parent:
                self._members = {}
                return self._members
            roots = self._roots()[labels[rows]]
            order = np.argsort(roots, kind="stable")
            rows, roots = rows[order], roots[order]
            cuts = np.flatnonzero(np.diff(roots)) + 1
            self._members = {int(r[0]): g.tolist() for r, g in zip(np.split(roots, cuts), np.split(rows, cuts))}
        return self._members

    def _join(self, row: int, c: int) -> None:
        self.label.values[row] = c
        self._member_rows().setdefault(c, []).append(row)

    def cluster_of(self, article_id: str) -> str:
        return self.names[self._find(int(self.label.values[self._pos[article_id]]))]

    def clusters(self) -> dict[str, str]:
        """article_id -> cluster_id for every article in the index."""
        roots = self._roots()
        return {aid: self.names[roots[c]] for aid, c in zip(self.ids, self.label.values.tolist())}

    def _roots(self) -> np.ndarray:
        parent = np.asarray(self.parent, dtype=np.int64)
        while True:
            step = parent[parent]
            if np.array_equal(step, parent):
                return parent
            parent = step

    # -- adding ---------------------------------------------------------------------------
    def add(self, docs: list, cluster_ids: list[str] | None = None) -> Placed:
        """Index `docs` and place each in a story; with `cluster_ids` (articles already
        stored, being re-indexed) take those stories as given and link nothing."""
        given = dict(zip((d.article_id for d in docs), cluster_ids)) if cluster_ids is not None else None
        fresh, seen_ids = [], set()
        for d in docs:
            if d.article_id not in self._pos and d.article_id not in seen_ids:
                seen_ids.add(d.article_id)
                fresh.append(d)
        fresh.sort(key=lambda d: (_epoch(d.published_at) or _epoch(d.first_seen_at),
                                  _epoch(d.first_seen_at), d.article_id))
        before_clusters = len(self.names)
        base = len(self.ids)
        self._append(fresh)
        if given is not None:
            for i, d in enumerate(fresh):
                self._join(base + i, self._cluster(given[d.article_id], base + i))
            self._count_stories(base + np.arange(len(fresh)))
            return Placed([self.cluster_of(d.article_id) for d in docs], {})
        edges = self._edges(base, len(fresh))
        merged = self._place(base, fresh, edges)
        self._count_stories(base + np.arange(len(fresh)))
        merges = {self.names[c]: self.names[self._find(c)] for c in merged if c < before_clusters}
        return Placed([self.cluster_of(d.article_id) for d in docs],
                      {old: new for old, new in merges.items() if old != new})

    def _append(self, docs: list) -> None:
        base = len(self.ids)
        for i, d in enumerate(docs):
            self.ids.append(d.article_id)
            self._pos[d.article_id] = base + i
        seen = [_epoch(d.first_seen_at) for d in docs]
        self.when.append(np.array([_epoch(d.published_at) or s for d, s in zip(docs, seen)], dtype=np.int64))
        self.seen.append(np.array(seen, dtype=np.int64))
        before = self.seen_max.values[-1:] if len(self.seen_max) else np.zeros(0, np.int64)
        self.seen_max.append(np.maximum.accumulate(np.concatenate((before, seen)).astype(np.int64))[len(before):])
        self.pub.append(np.array([_epoch(d.published_at) or NO_DATE for d in docs], dtype=np.int64))
        self.label.append(np.full(len(docs), -1, dtype=np.int64))
        self.report.append(np.array([bool(d.report_index) for d in docs], dtype=np.uint8))
        features = []
        for start in range(0, len(docs), BODY_CHUNK):  # bodies a few thousand at a time: less memory
            part = docs[start:start + BODY_CHUNK]
            read, (lkeys, counts) = self.lines.read(part)
            bodies, normal = zip(*read)
            self.lang.append(np.array([self._language(written_in(d.language, body))
                                       for d, body in zip(part, bodies)], dtype=np.uint8))
            self.sig.append(minhash.signatures(list(normal), normalised=True))
            self.shingles.append([max(1, n.count(" ") - 1) if n else 0 for n in normal])
            self.lkeys.append(lkeys)
            self.loff.append(self.loff.values[-1] + np.cumsum(counts))
            features += [story_link.features(d.title, body, d.language, d.organizations, d.countries,
                                             _cited(d.report_index, body), d.published_at or d.first_seen_at)
                         for d, body in zip(part, bodies)]
        sigs = self.sig.values[base:]
        rows = base + np.arange(len(docs))
        first_line = int(self.loff.values[base])
        self.line_postings.add(_short(self.lkeys.values[first_line:]), np.repeat(rows, np.diff(self.loff.values[base:])))
        full = ~minhash.is_empty(sigs)
        self.bands.add(_band_keys(sigs[full]), np.repeat(rows[full], minhash.BANDS))
        enc = story_link.encode(features)
        del features
        start = len(self.fkeys)
        self.fkeys.append(enc.keys)
        self.fkinds.append(enc.kinds)
        self.fpos.append(enc.positions)
        self.foff.append(enc.offsets[1:] + start)
        searchable = ~story_link.of_kinds(enc.kinds, story_link.UNSEARCHED)
        owner = np.repeat(rows, np.diff(enc.offsets))
        self.postings.add(_short(enc.keys[searchable]), owner[searchable])
        np.add.at(self.df, slot(enc.keys), 1)

    def _language(self, written: str) -> int:
        if written not in self.languages:
            self.languages.append(written)
        return self.languages.index(written)

    def _count_stories(self, rows: np.ndarray) -> None:
        """Count the stories of `rows` (placed, in arrival order) under each of their keys."""
        owner, pos = story_link.expand(self.foff.values, rows)
        if len(pos):
            self.common.count(self.fkeys.values[pos], self._roots()[self.label.values[rows[owner]]],
                              (self.when.values[rows[owner]] // _DAY).astype(np.int32), owner)

    def _place(self, base: int, docs: list, edges: tuple[np.ndarray, ...]) -> set[int]:
        """Give each new row a story, oldest first; returns the clusters merged away."""
        later, earlier, score, strong = edges
        order = np.argsort(later, kind="stable")
        later, earlier, score, strong = later[order], earlier[order], score[order], strong[order]
        bounds = np.searchsorted(later, base + np.arange(len(docs) + 1))
        members = self._member_rows()
        merged: set[int] = set()
        alone: set[int] = set()  # rows of one-article stories a new row linked to but did not join
        for i, d in enumerate(docs):
            row = base + i
            span = slice(bounds[i], bounds[i + 1])
            evidence = self._evidence(earlier[span], score[span], strong[span])
            joined = self._joined(row, evidence)
            if not joined:
                self._join(row, self._cluster(d.article_id, row))
                continue
            # a story that is one text, the row's own (the row is a copy of it), goes where the row
            # goes; a row that is a copy of two such stories is a digest of them, and takes neither
            copies = [c for c in joined if joined[c][0] == np.inf and self._texts(members[c], [])[0] == 1
                      and self._copy_of(row, members[c])]
            copies = copies if len(copies) == 1 else []
            best = self._best({c: v for c, v in joined.items() if c not in copies} or joined)
            together = [best] + [c for c in copies if c != best]
            # no chains: the article joins its best story; others merge into it only when the
            # article links to them as wholes (two of their recent articles, all they have, or
            # it is a copy of one of them), they link to it too, and no two hold separate
            # write-ups in one language (unless they cite one report)
            for c in joined:
                if c in together or not (joined[c][1] and joined[best][1]):
                    continue
                met, by_report = self._meet(members[c], members[best])
                if met and (by_report or not any(self._other_write_ups(members[c], members[t]) for t in together)):
                    together.append(c)
            alone.update(members[c][0] for c in evidence if c not in together and len(members[c]) == 1)
            winner = self._merge(together, merged)
            self._join(row, self._cluster(self.names[winner], row))
        return merged | self._place_again(alone)

    def _evidence(self, partners: np.ndarray, score: np.ndarray, strong: np.ndarray) -> dict[int, list]:
        """cluster -> [summed score, rows linked, a strong link], of one row's links."""
        labels = self.label.values
        evidence: dict[int, list] = {}
        for partner, value, clear in zip(partners.tolist(), score.tolist(), strong.tolist()):
            found = evidence.setdefault(self._find(int(labels[partner])), [0.0, [], False])
            found[0] += value
            found[1].append(partner)
            found[2] |= clear
        return evidence

    def _joined(self, row: int, evidence: dict[int, list]) -> dict[int, tuple[float, bool]]:
        """The stories the row's links are enough to join: cluster -> (score per text near in
        time, whether the row links to the story as a whole)."""
        members = self._member_rows()
        joined = {}
        for c, (total, partners, clear) in evidence.items():
            near_rows = self._near_in_time(members[c], row)
            near, linked = self._texts(near_rows, partners)
            # one link into a story of several articles must be a clear one; two links to it
            # count when they reach half its texts
            need = STORY_THRESHOLD * max(near, LONE_LINK if linked == 1 and len(members[c]) >= 3 else 0)
            if total == np.inf or (
                    (total >= need or clear or (linked >= 2 and 2 * linked >= near and total >= TWO_LINKS)
                     or (linked == 1 and near == 2 and total + self._support(row, near_rows) >= need)
                     or self._as_whole(row, near_rows))
                    and not self._other_write_ups([row], near_rows)):
                whole = linked >= min(2, near) or (total == np.inf and self._copy_of(row, partners))
                joined[c] = (total / max(near, 1), whole)
        return joined

    def _best(self, joined: dict[int, tuple[float, bool]]) -> int:
        """The story a row links to best; ties go to the one reported first."""
        return max(joined, key=lambda c: (joined[c][0], -self.first[c][0], -self.first[c][1]))

    def _merge(self, together: list[int], merged: set[int]) -> int:
        """Merge the clusters into the one whose first report is oldest; returns it."""
        members = self._member_rows()
        winner = min(together, key=lambda c: self.first[c])
        for c in together:
            if c != winner:
                self.parent[c] = winner
                self.first[winner] = min(self.first[winner], self.first[c][:2] + (self.first[winner][2],))
                members[winner].extend(members.pop(c))
                merged.add(c)
        return winner

    def _place_again(self, rows: set[int]) -> set[int]:
        """Articles left alone, placed again now that later articles link to them: an article
        that arrived before the rest of its story joins the story it would have joined had it
        arrived after them (its links to every article near in time, judged by the same rules).
        A one-article story merges into one story only, so nothing chains through it."""
        merged: set[int] = set()
        labels, members = self.label.values, self._member_rows()
        lone = np.array(sorted(r for r in rows if len(members.get(self._find(int(labels[r])), ())) == 1), np.int64)
        if not len(lone):
            return merged
        a, b, score, strong = self._key_links(lone)
        order = np.argsort(a, kind="stable")
        a, b, score, strong = a[order], b[order], score[order], strong[order]
        bounds = np.searchsorted(a, np.append(lone, lone[-1] + 1))
        for i, row in enumerate(lone.tolist()):
            # an earlier lone article may have joined this one's story by now
            own = self._find(int(labels[row]))
            if len(members.get(own, ())) != 1:
                continue
            span = slice(bounds[i], bounds[i + 1])
            evidence = self._evidence(b[span], score[span], strong[span])
            evidence.pop(own, None)
            joined = self._joined(row, evidence)
            if joined:
                self._merge([own, self._best(joined)], merged)
        return merged

    def _meet(self, one: list[int], other: list[int]) -> tuple[bool, bool]:
        """Whether two stories link to each other as wholes, not only to the article between
        them (a digest of two stories links to both): the key scores of their latest articles'
        pairs average MEET_MEAN, or a pair shares MEET_JACCARD of its text in one language; and
        whether a pair cites one report."""
        a = np.repeat(np.asarray(one[-MEET_ROWS:], np.int64), min(len(other), MEET_ROWS))
        b = np.tile(np.asarray(other[-MEET_ROWS:], np.int64), min(len(one), MEET_ROWS))
        score, shared, report = self._scores(a, b)
        same = self.lang.values[a] == self.lang.values[b]
        text = minhash.estimate(self.sig.values[a[same]], self.sig.values[b[same]])
        cited = bool(report.any())
        return cited or bool(score.mean() >= MEET_MEAN or (text >= MEET_JACCARD).any()), cited

    def _as_whole(self, row: int, near: list[int]) -> bool:
        """Whether the row links to the story as a whole: to two of its texts near in time, and
        by STORY_THRESHOLD on average over all of them (links the search for partners missed
        count too: it looks through an article's rarest keys only)."""
        rows = np.asarray(near[-COPY_ROWS:], np.int64)
        if len(rows) < 2:
            return False
        mine = np.full(len(rows), row)
        scores, shared, _ = self._scores(mine, rows)
        same, copy = self._edited_copies(mine, rows)
        linked = rows[story_link.links(scores, shared) & (~same | copy)].tolist()
        return len(linked) >= 2 and self._texts(rows.tolist(), linked)[1] >= 2 and scores.mean() >= STORY_THRESHOLD

    def _support(self, row: int, near: list[int]) -> float:
        """The key-link scores of `row` with a story's rows `near` it in time that stay below
        the pair threshold: no link each, but evidence all the same when the story is judged
        as a whole."""
        others = np.array(near, np.int64)
        scores, _, _ = self._scores(np.full(len(others), row), others)
        return float(scores[scores < story_link.LINK_THRESHOLD].sum())

    def _near_in_time(self, rows: list[int], row: int) -> list[int]:
        """Those of `rows` that appeared within LINK_WINDOW_DAYS of `row` (`_close`'s rule; a
        few rows are checked one by one, which is faster than the arrays)."""
        if len(rows) < 8:
            when, pub, at = self.when.values, self.pub.values, int(self.when.values[row])
            window, lag = LINK_WINDOW_DAYS * _DAY, UNDATED_LAG_DAYS * _DAY
            near = []
            for r in rows:
                gap = int(when[r]) - at
                if -window <= gap <= window or abs(gap) <= window + lag and pub[r if gap >= 0 else row] == NO_DATE:
                    near.append(r)
            return near
        at = np.asarray(rows, np.int64)
        return at[self._close(np.full(len(at), row), at)].tolist()

    def relabel(self, assigned: dict[str, str]) -> None:
        """Make the index agree with stored cluster ids (article_id -> cluster_id)."""
        labels = self.label.values
        for aid, name in assigned.items():
            row = self._pos[aid]
            if self.cluster_of(aid) != name:
                labels[row] = self._cluster(name, row)
                self._members = None
