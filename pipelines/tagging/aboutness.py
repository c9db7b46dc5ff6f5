"""Which countries a text is about, from the country mentions the tagger found (pure scoring).

Each mention weighs 3 in the title, 1.5 in the lead (the body's first sentence, see
``gazetteer.lead_length``) and 1 further down; a demonym or adjective ("Kazakh", "армянский")
weighs half a name, city, institution or leader. A mention right after "like"/"как в" or before
"сияқты" (like), and a demonym right before a word such as "language", "striker", "cognac", are
passing and weigh nothing ("as in Russia", "Russian-language", "a Russian striker", "Armenian
cognac"). A country is tagged when its mentions weigh ``ABOUT`` (2) or more: a title mention of
a name, or a lead mention and another one. When none does, the heaviest ones weighing at least
``FALLBACK`` are taken, so a short text naming one city once still gets its country, while an
export market named once beside a country in the title does not.

Lists. Three or more countries in a row ("in Armenia, Belarus, Kazakhstan and Kyrgyzstan") are
what a report is about when a topic word stands within ``LIST_WINDOW`` words of the list and no
trade or travel word does: each of its mentions weighs ``ABOUT``. Otherwise the countries are
named only in a list (export partners, capitals a president visited) and their mentions there
weigh nothing.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from pipelines.tagging.gazetteer import Hit, Tokens

PLACE_WEIGHT = {"title": 3.0, "lead": 1.5, "body": 1.0}
KIND_WEIGHT = {"names": 1.0, "demonyms": 0.5}
ABOUT = 2.0
FALLBACK = 0.75
LIST_MIN = 3
LIST_WINDOW = 8
LIST_GAP = 3  # items of other countries between two mentions of a list


def best_mentions(hits: Iterable[Hit], passing: set[int], qualified: set[int], contra: set[str]) -> list[Hit]:
    """The mentions that count, the most specific entry at each position, in text order."""
    best: dict[tuple[str, int], Hit] = {}
    for h in hits:
        if h.start in passing or h.end - 1 in passing or (h.entry.doubtful and h.key in contra):
            continue
        if h.entry.kind == "demonyms" and h.end - 1 in qualified:
            continue
        other = best.get((h.key, h.start))
        if other is None or (h.entry.stem_length, -KIND_WEIGHT[h.entry.kind]) > \
                (other.entry.stem_length, -KIND_WEIGHT[other.entry.kind]):
            best[h.key, h.start] = h
    return sorted(best.values(), key=lambda h: h.start)


def add_scores(scores: Counter, mentions: list[Hit], tokens: Tokens, joiners: frozenset[str], place: str,
               lead: int, topic_starts: list[int], trade_starts: list[int]) -> None:
    """Add the weight of one text's mentions (``place``: "title" or "body") to ``scores``."""
    listed = set()
    for run in _lists(mentions, tokens, joiners):
        first, last = run[0].start - LIST_WINDOW, run[-1].end + LIST_WINDOW
        near = lambda starts: any(first <= s <= last for s in starts)  # noqa: E731
        weight = ABOUT if near(topic_starts) and not near(trade_starts) else 0.0
        for h in run:
            scores[h.key] += weight
            listed.add(id(h))
    for h in mentions:
        if id(h) not in listed:
            where = place if place == "title" else ("lead" if h.start < lead else "body")
            scores[h.key] += PLACE_WEIGHT[where] * KIND_WEIGHT[h.entry.kind]


def _lists(hits: list[Hit], tokens: Tokens, joiners: frozenset[str]) -> list[list[Hit]]:
    """Runs of two or more mentions that are a list of LIST_MIN or more items: mentions joined by
    nothing (a comma), a joining word, or other list items (names in capitals or in a script
    without case: "Russia, Italy and Turkey"), counting such items before and after them too."""
    runs: list[list[Hit]] = []
    for h in hits:
        prev = runs[-1][-1] if runs else None
        if prev and h.start >= prev.end and _joined(tokens, prev.end, h.start, joiners):
            runs[-1].append(h)
        else:
            runs.append([h])
    return [run for run in runs if _items(run, tokens, joiners) >= LIST_MIN]


def _items(run: list[Hit], tokens: Tokens, joiners: frozenset[str]) -> int:
    """How many items the list holding this run of mentions has (0: it is no list). Items other
    than mentions are read around a lone mention only when a joining word ties them to it and
    capitals set them apart ("Beijing, Moscow and Ankara"), never in a script without case."""
    if len({h.key for h in run}) == 1:  # one country named once or more ("Tashkent and Samarkand")
        if len(run) > 1:
            return 0
        folded, start, end = tokens.folded, run[0].start, run[0].end
        if not (folded[start - 1] in joiners if start else False) and not (start > 1 and folded[start - 2] in joiners) \
                and not (end < len(folded) and folded[end] in joiners) \
                and not (end + 1 < len(folded) and folded[end + 1] in joiners):
            return 0
    items = len(run) + sum(1 for a, b in zip(run, run[1:]) for i in range(a.end, b.start)
                           if tokens.folded[i] not in joiners)
    joined = any(tokens.folded[i] in joiners for a, b in zip(run, run[1:]) for i in range(a.end, b.start))
    for step, edge in ((-1, run[0].start - 1), (1, run[-1].end)):
        i, extra = edge, 0
        # the first word of a title is capitalised anyway: never an item of its own
        while 0 < i < len(tokens) and extra < LIST_MIN and (len(run) > 1 or tokens.raw[i][:1].isupper()
                                                           or tokens.folded[i] in joiners):
            if tokens.folded[i] in joiners:
                joined, i = True, i + step
                continue
            if not _capital(tokens.raw[i]):
                break
            extra, i = extra + 1, i + step
        items += extra
    return items if len(run) > 1 or joined else 0


def _joined(tokens: Tokens, start: int, end: int, joiners: frozenset[str]) -> bool:
    """Whether the words between two mentions may stand inside a list of countries: joining words
    and up to LIST_GAP other items ("Russia, China, Italy, Uzbekistan")."""
    if end - start > LIST_GAP + 1:
        return False
    gap = [tokens.raw[i] for i in range(start, end) if tokens.folded[i] not in joiners]
    if any(not word[:1].isupper() for word in gap):  # a script without case tells no names apart
        return len(gap) <= 1 and all(_capital(word) for word in gap)
    return len(gap) <= LIST_GAP


def _capital(word: str) -> bool:
    """Written with a capital, or in a script without capitals (Georgian)."""
    first = word[:1]
    return first.isalpha() and (first.isupper() or first.title() == first.lower() == first)


def about(scores: Counter) -> set[str]:
    """The countries whose mentions weigh ABOUT, else the heaviest ones over FALLBACK."""
    found = {code for code, score in scores.items() if score >= ABOUT}
    if not found and scores:
        top = max(scores.values())
        if top >= FALLBACK:
            found = {code for code, score in scores.items() if score == top}
    return found
