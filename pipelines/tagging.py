"""Tag an article with topics, countries, organisations and a relevance score.

Vocabulary is data (``pipelines/vocab/*.toml``); this module only knows how to match it.

Matching works on tokens, never substrings: text is NFC-normalised, apostrophe look-alikes
(ʻ ʼ ‘ ’ ` ´) become ``'`` so Uzbek Latin ``Oʻzbekiston`` and ``O'zbekiston`` agree, then it
is split into runs of word characters (an apostrophe inside a word is kept) and case-folded
(``ё``->``е``; Turkic dotted/dotless i both fold to ``i``). A hyphen splits tokens, so
"ЛГБТ-активист" yields "лгбт". Each vocabulary entry is one or more space-separated token
patterns that must match consecutive tokens:

    word        the token is exactly ``word``
    stem*       the token starts with ``stem`` (any suffix)
    stem*3      the token starts with ``stem`` followed by at most 3 more characters
    stem(|s|es*) the token is ``stem`` plus one of the listed suffixes; a suffix ending in
                ``*`` may continue ("gay(|s)" takes "gays" but not "gayle")
    !entry      only used when the article's declared language is this entry's language
                (or unknown): for words that are common words elsewhere

A trailing English possessive ("Amnesty's") is ignored. Every language's vocabulary is
scanned whatever ``language`` says, because articles mix languages and detection errs.

Topics: ``lgbt`` and ``assembly`` stand on their own; the sub-topics (``detention``,
``ban``, ``violence``, ``legislation``, ``pride``, ``foreign-agent``) count only when one
of the topics listed in their ``requires`` also matched: an arrest of drug dealers is not
our detention. ``foreign-agent`` also stands with civil-society context (NGOs, rights
defenders, journalists), since those laws target NGOs before anyone marches; that context
is a hidden topic and never reported.

Relevance (0..1) is a capped sum: 0.25 for each core topic present, +0.15 if it is in the
title, +0.05 if the body repeats it three times or more; +0.10 per accepted sub-topic (at
most three); +0.15 when a region country is named; +0.05 when a listed organisation is.
Without a core topic it is capped at 0.2; without any region country it is scaled by 0.6.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.models import Tags

#: Articles scoring at or above this are "relevant". One core topic plus one sub-topic in
#: a region country reaches it (a detained picketer in Almaty: 0.25+0.10+0.15 = 0.50); one
#: passing mention of a protest in a story about Almaty does not (0.25+0.15 = 0.40).
RELEVANCE_THRESHOLD: float = 0.5

VOCAB_DIR = Path(__file__).parent / "vocab"
CORE_TOPICS = ("lgbt", "assembly")

_APOSTROPHES = str.maketrans({c: "'" for c in "ʻʼ‘’`´ʹʽ′"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_TOKEN = re.compile(r"\w+(?:'\w+)*")
_PATTERN = re.compile(r"^(?P<stem>[^*(]+)(?:\*(?P<max>\d*)|\((?P<suffixes>[^)]*)\))?$")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_INVISIBLE)


def fold(token: str) -> str:
    """Case-fold one token the way vocabulary entries are folded."""
    token = token.replace("İ", "i").casefold()
    return token.replace("i\u0307", "i").replace("ı", "i").replace("ё", "е")


def tokenize(text: str) -> tuple[list[str], list[str]]:
    """Return (raw, folded) tokens of ``text``, position for position."""
    raw = _TOKEN.findall(_prepare(text))
    return raw, [fold(t) for t in raw]


@dataclass(frozen=True)
class _Token:
    stem: str
    max_extra: int | None  # None: no limit
    suffixes: tuple[str, ...] | None  # None: any suffix allowed by max_extra

    def matches(self, token: str) -> bool:
        if not token.startswith(self.stem):
            return False
        rest = token[len(self.stem):]
        if rest.endswith("'s") and self.stem.isascii():
            rest = rest[:-2]
        if self.suffixes is not None:
            return any(rest.startswith(s[:-1]) if s.endswith("*") else rest == s for s in self.suffixes)
        return self.max_extra is None or len(rest) <= self.max_extra


def _parse_token(text: str) -> _Token:
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"bad vocabulary pattern {text!r}")
    stem = fold(_prepare(m["stem"]))
    if m["suffixes"] is not None:
        return _Token(stem, 0, tuple(fold(s) for s in m["suffixes"].split("|")))
    if m["max"] is None:  # no "*": exact word
        return _Token(stem, 0, ("",))
    return _Token(stem, int(m["max"]) if m["max"] else None, None)


@dataclass(frozen=True)
class _Entry:
    key: str  # topic id, country code or organisation name
    tokens: tuple[_Token, ...]
    language: str | None  # set for "!" entries: only used for that language


class _Matcher:
    """Phrase patterns indexed by the first two characters of their first stem."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Entry]] = {}

    def add(self, key: str, pattern: str, language: str | None = None) -> None:
        own = pattern.startswith("!")
        tokens = tuple(_parse_token(p) for p in pattern.lstrip("!").split())
        if not tokens or len(tokens[0].stem) < 2:
            raise ValueError(f"vocabulary pattern {pattern!r} needs a stem of 2+ characters")
        entry = _Entry(key, tokens, language if own else None)
        self._index.setdefault(tokens[0].stem[:2], []).append(entry)

    def find(self, tokens: list[str], language: str) -> list[tuple[str, int, int]]:
        hits = []
        for i, token in enumerate(tokens):
            for entry in self._index.get(token[:2], ()):
                if entry.language and language not in ("und", entry.language):
                    continue
                end = i + len(entry.tokens)
                if end <= len(tokens) and all(p.matches(t) for p, t in zip(entry.tokens, tokens[i:end])):
                    hits.append((entry.key, i, end))
        return hits


def _lang_base(key: str) -> str:
    return key.split("-")[0]  # "uz-Cyrl" -> "uz"


def _load(name: str) -> dict:
    with open(VOCAB_DIR / name, "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class _Vocab:
    topics: _Matcher
    topic_excludes: _Matcher
    requires: dict[str, tuple[str, ...]]
    hidden: frozenset[str]
    countries: _Matcher
    country_excludes: _Matcher
    orgs: _Matcher  # keys: name, or "~name" for weak aliases
    orgs_cased: dict[tuple[str, ...], str]
    weak_context: dict[str, tuple[str, ...]]


def _language_keyed(table: dict, matcher: _Matcher, excludes: _Matcher) -> None:
    for key, spec in table.items():
        for field, value in spec.items():
            if field == "exclude":
                for pattern in value:
                    excludes.add(key, pattern)
            elif isinstance(value, list):
                for pattern in value:
                    matcher.add(key, pattern, _lang_base(field))


@cache
def vocabulary() -> _Vocab:
    """Load and compile the vocabulary files once per process."""
    topics, topic_ex, countries, country_ex, orgs = (_Matcher() for _ in range(5))
    topic_table = _load("topics.toml")
    _language_keyed(topic_table, topics, topic_ex)
    _language_keyed(_load("countries.toml"), countries, country_ex)
    cased: dict[tuple[str, ...], str] = {}
    weak_context: dict[str, tuple[str, ...]] = {}
    for org in _load("organizations.toml")["organization"]:
        name = org["name"]
        for pattern in org.get("aliases", []):
            orgs.add(name, pattern)
        for pattern in org.get("weak", []):
            orgs.add("~" + name, pattern)
        for phrase in org.get("cased", []):
            cased[tuple(_TOKEN.findall(_prepare(phrase)))] = name
        weak_context[name] = tuple(org.get("weak_context", []))
    return _Vocab(
        topics=topics,
        topic_excludes=topic_ex,
        requires={k: tuple(v.get("requires", [])) for k, v in topic_table.items()},
        hidden=frozenset(k for k, v in topic_table.items() if v.get("hidden")),
        countries=countries,
        country_excludes=country_ex,
        orgs=orgs,
        orgs_cased=cased,
        weak_context=weak_context,
    )


def _count(matcher: _Matcher, excludes: _Matcher, tokens: list[str], language: str) -> Counter:
    """Hits per key, dropping those that start inside an excluded phrase for the same key."""
    blocked = {(key, i) for key, start, end in excludes.find(tokens, language) for i in range(start, end)}
    return Counter(key for key, start, _ in matcher.find(tokens, language) if (key, start) not in blocked)


def _organizations(raw: list[str], folded: list[str], topics_hit: set[str], language: str) -> set[str]:
    vocab = vocabulary()
    found, weak = set(), set()
    for key, _, _ in vocab.orgs.find(folded, language):
        (weak.add(key[1:]) if key.startswith("~") else found.add(key))
    for phrase, name in vocab.orgs_cased.items():
        n = len(phrase)
        if any(tuple(raw[i:i + n]) == phrase for i in range(len(raw) - n + 1)):
            found.add(name)
    found |= {name for name in weak if topics_hit & set(vocab.weak_context[name])}
    return found


def tag(title: str, text: str, language: str = "und") -> Tags:
    """Topics, countries, organisations and relevance of one article."""
    vocab = vocabulary()
    language = _lang_base(language or "und").lower()
    title_raw, title_tokens = tokenize(title or "")
    body_raw, body_tokens = tokenize(text or "")

    in_title = _count(vocab.topics, vocab.topic_excludes, title_tokens, language)
    in_body = _count(vocab.topics, vocab.topic_excludes, body_tokens, language)
    hit = set(in_title) | set(in_body)
    accepted = {
        t for t in hit
        if t not in vocab.hidden and (not vocab.requires.get(t) or hit & set(vocab.requires[t]))
    }
    countries = set(_count(vocab.countries, vocab.country_excludes, title_tokens, language))
    countries |= set(_count(vocab.countries, vocab.country_excludes, body_tokens, language))
    organizations = _organizations(title_raw + [""] + body_raw, title_tokens + [""] + body_tokens,
                                   hit, language)

    score = 0.0
    for topic in CORE_TOPICS:
        if topic in accepted:
            score += 0.25 + 0.15 * (topic in in_title) + 0.05 * (in_body[topic] >= 3)
    score += 0.10 * min(3, len(accepted - set(CORE_TOPICS)))
    score += 0.15 * bool(countries) + 0.05 * bool(organizations)
    score = min(1.0, score)
    if not accepted & set(CORE_TOPICS):
        score = min(score, 0.2)
    if not countries:
        score *= 0.6
    return Tags(
        topics=sorted(accepted),
        countries=sorted(countries),
        organizations=sorted(organizations),
        relevance=round(score, 3),
    )
