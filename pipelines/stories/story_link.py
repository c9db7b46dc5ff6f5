"""Signals that survive translation, and the score that links one story across languages.

A translated or rewritten report keeps its numbers, its dates, the names of its people and
places (spelled in another script), the organisations and countries the tagger finds, NGO
report index numbers and the documents it links to (a number scaled by a word, 25 тысяч,
380 миң or 1,5 млн, is the number it names: `number_words.toml`). Each becomes a feature key; two
articles are compared by the weighted Jaccard of their keys. Names are transliterated to
Latin and cut to a consonant skeleton of four letters, so Trump, Трамптың and Թրամփ all give
`trmp`. Georgian has no capital letters: its words give "weak" name keys, which count only
when they meet a real name key of the other article and never count against it. A name of
four consonants or more also gives its first three as a stem key, as weak: a case ending on
a short name adds a consonant (Бишкекте `bSkt`, Көлнгө `klng`), and the bare name (Бишкек,
Кельн) is the three. Stems are many, so partners are not looked up by them.

A translation also keeps the order of things: each key remembers where in the article it
first appears (0..1, the middle of its sentence: a translation keeps the order of the
sentences, not of the words within one), and a shared key counts only when the two places
are within POSITION_TOLERANCE. Two outlets' separate write-ups of one event share names but
not their order, and are not one story.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.dates import month_of
from pipelines.stories import minhash

NUMBER, DATE, NAME, WEAK_NAME, ORG, COUNTRY, REPORT, URL, STEM = range(9)
#: Weight of one shared key of each kind: countries are common, report numbers and links decisive.
WEIGHTS = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 4.0, 4.0, 1.0])
WEAK = (WEAK_NAME, STEM)  # kinds that count only where they meet a name, never against
UNSEARCHED = (COUNTRY, STEM)  # kinds no partner is looked up by: countries are common, stems many
#: A pair counts as linked when the weighted Jaccard of its keys reaches this (tuned on dev data)…
LINK_THRESHOLD = 0.15
#: …and it shares at least this much weight (two short notes sharing "2026" are not a story).
MIN_SHARED = 2.0
POSITION_TOLERANCE = 0.2
SENTENCE_CHARS = 600  # a sentence longer than this is a list or an unpunctuated text, not a sentence
SKELETON = 4  # consonants kept of a name: enough to tell names apart, short of most case endings
NO_POSITION = -1.0  # organisations, countries, report numbers, links: anywhere is fine
DATE_NEAR_DAYS = 45  # a day-month without a year names a day this close to the article's own date

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x590)) if ch.isupper() and ch.isalpha())
# A capitalised word that does not open a sentence: it follows a word or a comma and a
# space (and maybe an opening quote) on the same line (what precedes the space is checked
# apart: a pattern opening with the space scans faster than one opening with a look-behind).
_CAPITALISED = re.compile(rf" [«\"“„'(]?([{_UPPER}][^\W\d_]+(?:['’-][^\W\d_]+)*)")
_LOWER = "".join(ch for ch in map(chr, range(0x61, 0x590)) if ch.islower() and ch.isalpha())
# a sentence ends at a full stop (or ! ? … and Armenian ։) not followed by a small letter (г. в
# Алматы, 5 млн. тенге), or at a line break
_SENTENCE_END = re.compile(rf"[.!?։…][»\"”')]*\s++(?![{_LOWER}])|\n")
_GEORGIAN_WORD = re.compile(r"[\u10d0-\u10ff]{4,}")
_NUMBER = re.compile(r"\d+")
# a number as printed: thousands grouped by a space, a comma or a dot (15 000, 15,000, 15.000)
_AMOUNT = re.compile(r"\d+(?:[ \u00a0\u202f,.](?=\d{3}(?!\d))\d{3})*")
_GROUPING = re.compile(r"[ \u00a0\u202f,.]")
_WORD_AFTER = re.compile(r"(?:-?[^\W\d_]{0,4}\s+|-)([^\W\d_]{3,})")
_WORD_BEFORE = re.compile(r"([^\W\d_]{3,})\s+$")
_GEORGIAN = re.compile("[\u10d0-\u10ff]")
_URL = re.compile(r"https?://[^\s<>\"'«»)]+")
_YEAR_AFTER = re.compile(r"[^\d\n.!?։]{0,16}?(?<!\d)((?:19|20)\d\d)(?!\d)")
# a year printed before its day and month: 2018 жылғы 29 қыркүйекте, 2018-ci il sentyabrın 29-da
_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)[^\d\n.!?։]{1,40}$")  # matched at the number, up to the day
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?![\d]|[.,]\d)")  # 29.09.2018

_SCALES = tomllib.loads((Path(__file__).parent / "number_words.toml").read_text(encoding="utf-8"))
_LETTERS = tomllib.loads((Path(__file__).parent / "transliteration.toml").read_text(encoding="utf-8"))
_TRANSLIT = str.maketrans({k: v for alphabet in _LETTERS["letters"].values() for k, v in alphabet.items()})
_DIGRAPHS = [tuple(pair) for pair in _LETTERS["latin"]["digraphs"]]
_SINGLE = str.maketrans(_LETTERS["latin"]["single"])
_NOT_CONSONANT = re.compile(r"[^bdfgklmnprstvzSCZTJ ]+")
_REPEAT = re.compile(r"([^ ])\1+")


@dataclass(frozen=True)
class Encoded:
    """Feature keys of many articles, each article's keys sorted and unique (CSR layout)."""

    keys: np.ndarray  # uint64
    kinds: np.ndarray  # uint8
    positions: np.ndarray  # float32: first place in the article, 0..1, or NO_POSITION
    offsets: np.ndarray  # int64, len = articles + 1


def skeletons(words: str, language: str = "") -> list[str]:
    """Consonant keys of space-separated words, four letters at most, two at least."""
    return [k for k in skeleton_each(words.split(), language) if k]


def skeleton_each(words: list[str], language: str = "") -> list[str]:
    """The consonant key of each word ("" when shorter than two letters), in one pass."""
    text = " ".join(words).casefold().replace("ու", "u").replace("ւ", "v")  # Armenian ու is u, եւ is ev
    if language in ("uk", "be"):
        text = text.replace("г", "h")  # Ukrainian and Belarusian г is English h
    elif language == "tk":
        text = text.replace("w", "v")  # Turkmen w is the v of the other alphabets (Iwanow: Иванов)
    text = text.translate(_TRANSLIT)
    for pair, letter in _DIGRAPHS:
        if pair in text:
            text = text.replace(pair, letter)
    text = text.translate(_SINGLE)
    text = _REPEAT.sub(r"\1", _NOT_CONSONANT.sub("", text))
    return [w[:SKELETON] if len(w) >= 2 else "" for w in text.split(" ")]


_month_of = lru_cache(maxsize=1 << 16)(month_of)


def _date_at(text: str, m: re.Match) -> str | None:
    """The day-month pair a 1-2 digit number `m` starts, when a month name is next to it."""
    day = int(m.group())
    if not 1 <= day <= 31 or text[m.end():m.end() + 1] in (".", ",") and text[m.end() + 1:m.end() + 2].isdigit():
        return None
    after = _WORD_AFTER.match(text, m.end())
    before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
    for word in (after.group(1) if after else "", before.group(1) if before else ""):
        if word and (month := _month_of(word)):
            return f"{day}.{month}"
    return None


def _dates(text: str) -> list[tuple[str, int]]:
    """Day-month pairs: a day number (1-31) next to a month name, either side."""
    return [(d, m.start()) for m in _NUMBER.finditer(text) if len(m.group()) <= 2 and (d := _date_at(text, m))]


def _names(pattern: re.Pattern, body: str, language: str) -> list[tuple[str, int]]:
    """Name keys with their offsets; month names (English capitalises them) are dates, not names."""
    found = pattern.finditer(body)
    if pattern is _CAPITALISED:  # after a word or a comma
        found = [m for m in found if m.start() and (body[m.start() - 1].isalnum() or body[m.start() - 1] in ",_")]
    matches = [m for m in found if not _month_of(m.group(m.lastindex or 0))]
    keys = skeleton_each([m.group(m.lastindex or 0) for m in matches], language)
    return [(k, m.start()) for k, m in zip(keys, matches) if k]


def _day(day_month: str, year: int | None, near: date | None) -> str | None:
    """The day a day-month names, as d.m.yyyy: in the year given, else the occurrence nearest
    the article's own date when that is within DATE_NEAR_DAYS (else no day); with no own date
    and no year, d.m."""
    day, month = (int(x) for x in day_month.split("."))
    if year is not None:
        return f"{day_month}.{year}"
    if near is None:
        return day_month
    for y in (near.year, near.year - 1, near.year + 1):
        try:
            if abs((date(y, month, day) - near).days) <= DATE_NEAR_DAYS:
                return f"{day_month}.{y}"
        except ValueError:  # 29 February, 31 April
            continue
    return None


@lru_cache(maxsize=64)
def _scale_after(language: str) -> tuple[re.Pattern, dict[str, int]]:
    """A pattern for what follows a number that a word scales in `language` (1,5 млн ·
    25-тысячную · 380 миң: decimals, then a word opening with a stem), and stem -> scale."""
    scales = {stem: group["scale"] for group in _SCALES.values() for stem in group["any"] + group.get(language, [])}
    stems = "|".join(re.escape(stem) for stem in sorted(scales, key=len, reverse=True))
    return re.compile(rf"(?:[.,](\d{{1,2}}))?[ \u00a0-]?({stems})", re.IGNORECASE), scales


def _scaled(text: str, m: re.Match, digits: str, language: str) -> tuple[str, int] | None:
    """The number `m` (its `digits`) times the word after it, when that word scales it (25
    тысяч, 1,5 млн), and where the scaled number's text ends; else None."""
    if not digits:
        return None
    pattern, scales = _scale_after(language)
    after = pattern.match(text, m.end())
    if not after:
        return None
    scale = scales[after.group(2).casefold()]
    fraction = after.group(1) or ""
    value = int(digits) * scale + (int(fraction) * scale // 10 ** len(fraction) if fraction else 0)
    return str(value), after.end()


def _numeric_day(m: re.Match) -> str | None:
    """d.m.yyyy of a date printed in digits: day first (29.09.2018), or month first when the
    first number cannot be a month and the second can (09/29/2018 reads as 29 September)."""
    first, second, year = int(m.group(1)), int(m.group(3)), m.group(4)
    if 1 <= first <= 31 and 1 <= second <= 12:
        day, month = first, second
    elif 1 <= first <= 12 and 1 <= second <= 31:
        day, month = second, first
    else:
        return None
    return f"{day}.{month}.{year}"


def _keys(text: str, language: str, georgian: bool, near: date | None = None) -> list[tuple[int, str, int]]:
    """(kind, value, offset) of every key occurrence in `text`, in kind order. A number that
    is a date's day (or its year, printed after it or before: 2013 жылғы 17 мамырда) is part
    of the date, not a number key of its own; so are the numbers of a date in digits."""
    found = []
    in_date = -1  # the offset of a year already taken by a date
    taken = 0  # the end of a scaled number or a date in digits: no number of its own follows in it
    for m in _AMOUNT.finditer(text):
        if m.start() == in_date or m.start() < taken:
            continue
        if text[m.end():m.end() + 1] in (".", "/") and (date_m := _NUMERIC_DATE.match(text, m.start())):
            taken = date_m.end()
            if day := _numeric_day(date_m):
                found.append((DATE, day, m.start()))
            continue
        printed = m.group()
        digits = (printed if printed.isdigit() else _GROUPING.sub("", printed)).lstrip("0")
        if len(printed) <= 2 and (day_month := _date_at(text, m)):
            year = _YEAR_AFTER.match(text, m.end())
            if year:
                in_date = year.start(1)
            elif found and found[-1][0] == NUMBER and (before := _YEAR_BEFORE.match(text, found[-1][2], m.start())):
                year = before  # the year printed first is the date's, not a number
                found.pop()
            if day := _day(day_month, int(year.group(1)) if year else None, near):
                found.append((DATE, day, m.start()))
            continue
        if scaled := _scaled(text, m, digits, language):
            found.append((NUMBER, scaled[0], m.start()))
            taken = scaled[1]
        elif len(printed) >= 2 and digits:
            found.append((NUMBER, digits, m.start()))
    names = _names(_CAPITALISED, text, language)
    found += [(NAME, value, at) for value, at in names]
    found += [(STEM, value[:-1], at) for value, at in names if len(value) == SKELETON]  # a case ending?
    if georgian:
        found += [(WEAK_NAME, value, at) for value, at in _names(_GEORGIAN_WORD, text, language)]
    return found


def _sentence_places(text: str):
    """offset -> the middle of the sentence it is in: a translation keeps the order of the
    sentences, not the order of the words within one. A run of text longer than SENTENCE_CHARS
    without a sentence end (a list, a text without punctuation) is not one sentence: there an
    offset stays where it is."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [0] + ends
    ends = ends + [len(text)]

    def place(at: int) -> float:
        i = bisect.bisect_right(starts, at) - 1
        return (starts[i] + ends[i]) / 2 if ends[i] - starts[i] <= SENTENCE_CHARS else at
    return place


def features(title: str, text: str, language: str = "", organizations=(), countries=(),
             report_index: str | None = None, when: datetime | None = None) -> list[tuple[int, str, float]]:
    """(kind, value, position) of one article: where in the body (0..1) the key first
    appears; keys only in the title, and tagger outputs, have NO_POSITION. `when`, the
    article's own date (published, else first seen), places day-months without a year."""
    georgian = bool(_GEORGIAN.search(title) or _GEORGIAN.search(text))
    size = max(len(text), 1)
    place = _sentence_places(text)
    near = when.date() if when is not None else None
    first: dict[tuple[int, str], float] = {}
    in_title = [(kind, value, -1) for kind, value, _ in _keys(title, language, georgian, near)] if title else []
    for kind, value, at in _keys(text, language, georgian, near) + in_title:
        if (kind, value) in first or kind in WEAK and ((NAME, value) in first or (WEAK_NAME, value) in first):
            continue
        first[kind, value] = place(at) / size if at >= 0 else NO_POSITION
    out = [(kind, value, at) for (kind, value), at in first.items()]
    out += [(ORG, o, NO_POSITION) for o in organizations] + [(COUNTRY, c, NO_POSITION) for c in countries]
    if report_index:
        out.append((REPORT, " ".join(report_index.split()), NO_POSITION))
    out += [(URL, u.rstrip(".,;:").casefold(), NO_POSITION) for u in set(_URL.findall(f"{title}\n{text}"))]
    return out


_PREFIX = {NUMBER: "n", DATE: "d", NAME: "p", WEAK_NAME: "p", ORG: "o", COUNTRY: "c", REPORT: "r", URL: "u",
           STEM: "p"}


def encode(feature_lists: list[list[tuple[int, str, float]]]) -> Encoded:
    """Hash every feature (names and weak names share keys, so they can meet) into CSR arrays."""
    flat_kinds, strings, counts, places = [], [], [], []
    for feats in feature_lists:
        counts.append(len(feats))
        for kind, value, at in feats:
            flat_kinds.append(kind)
            places.append(at)
            strings.append(_PREFIX[kind] + ":" + value.replace(" ", "_"))
    if strings:
        keys = minhash._word_hashes((" ".join(strings) + " ").encode("utf-8"))
    else:
        keys = np.empty(0, np.uint64)
    kinds = np.array(flat_kinds, dtype=np.uint8)
    positions = np.array(places, dtype=np.float32)
    owner = np.repeat(np.arange(len(counts)), counts)
    # sort by (article, key, kind) and keep the first of each (article, key): the strongest kind
    order = np.lexsort((kinds, keys, owner))
    keys, kinds, positions, owner = keys[order], kinds[order], positions[order], owner[order]
    keep = np.ones(len(keys), bool)
    keep[1:] = (owner[1:] != owner[:-1]) | (keys[1:] != keys[:-1])
    keys, kinds, positions, owner = keys[keep], kinds[keep], positions[keep], owner[keep]
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=len(counts)), out=offsets[1:])
    return Encoded(keys, kinds, positions, offsets)


def of_kinds(kinds: np.ndarray, which: tuple[int, int]) -> np.ndarray:
    """Whether each key is of one of the two kinds."""
    return (kinds == which[0]) | (kinds == which[1])


def expand(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each i, the positions offsets[rows[i]]..offsets[rows[i]+1]: (i repeated, positions)."""
    starts, lengths = offsets[rows], offsets[rows + 1] - offsets[rows]
    which = np.repeat(np.arange(len(rows)), lengths)
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return which, starts[which] + np.arange(lengths.sum()) - first[which]


def pair_scores(keys: np.ndarray, kinds: np.ndarray, positions: np.ndarray, offsets: np.ndarray,
                a: np.ndarray, b: np.ndarray, rarity=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted Jaccard, shared weight, and whether a report index number is shared, of
    article pairs (a[i], b[i]), all vectorised. `rarity(keys)`, when given, scales each key's
    weight (0..1): keys common to many stories count for little."""
    if len(a) == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0, bool)
    pa, qa = expand(offsets, a)
    pb, qb = expand(offsets, b)
    pair = np.concatenate((pa, pb))
    q = np.concatenate((qa, qb))
    key, kind, place = keys[q], kinds[q], positions[q]
    scale = rarity(key) if rarity is not None else np.ones(len(key))
    own = np.where(of_kinds(kind, WEAK), 0.0, WEIGHTS[kind]) * scale
    order = np.lexsort((key, pair))
    pair, key, kind, place, scale = pair[order], key[order], kind[order], place[order], scale[order]
    hit = np.flatnonzero((pair[1:] == pair[:-1]) & (key[1:] == key[:-1]))
    k1, k2 = kind[hit], kind[hit + 1]
    p1, p2 = place[hit], place[hit + 1]
    in_order = (p1 < 0) | (p2 < 0) | (np.abs(p1 - p2) <= POSITION_TOLERANCE)
    w1, w2 = of_kinds(k1, WEAK), of_kinds(k2, WEAK)
    both_weak, one_weak = w1 & w2, w1 ^ w2
    weight = np.where(both_weak | ~in_order, 0.0, WEIGHTS[np.minimum(k1, k2)] * scale[hit])
    shared = np.bincount(pair[hit], weights=weight, minlength=len(a))
    overlap = np.bincount(pair[hit], weights=np.where(one_weak | both_weak, 0.0, weight), minlength=len(a))
    union = np.bincount(np.concatenate((pa, pb)), weights=own, minlength=len(a)) - overlap
    report = np.bincount(pair[hit], weights=(k1 == REPORT) & (k2 == REPORT), minlength=len(a)) > 0
    return np.divide(shared, union, out=np.zeros(len(a)), where=union > 0), shared, report


def links(scores: np.ndarray, shared: np.ndarray) -> np.ndarray:
    return (scores >= LINK_THRESHOLD) & (shared >= MIN_SHARED)
