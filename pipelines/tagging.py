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
    =Entry      case-sensitive ("=UN", "=Душанбе*": Tajik "душанбе" is also Monday)
    !entry      only used when the article's declared language is this entry's language
                (or unknown): for words that are common words elsewhere; "!=" combines both

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


def _parse_token(text: str, cased: bool = False) -> _Token:
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"bad vocabulary pattern {text!r}")
    norm = _prepare if cased else (lambda t: fold(_prepare(t)))
    stem = norm(m["stem"])
    if m["suffixes"] is not None:
        return _Token(stem, 0, tuple(norm(s) for s in m["suffixes"].split("|")))
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
        self._folded: dict[str, list[_Entry]] = {}
        self._cased: dict[str, list[_Entry]] = {}

    def add(self, key: str, pattern: str, language: str | None = None) -> None:
        own = pattern.startswith("!")
        pattern = pattern.removeprefix("!")
        cased = pattern.startswith("=")
        tokens = tuple(_parse_token(p, cased) for p in pattern.removeprefix("=").split())
        if not tokens or (len(tokens[0].stem) < 2 and tokens[0].suffixes != ("",)):
            raise ValueError(f"vocabulary pattern {pattern!r}: a prefix needs 2+ characters")
        index = self._cased if cased else self._folded
        index.setdefault(tokens[0].stem[:2], []).append(_Entry(key, tokens, language if own else None))

    def find(self, raw: list[str], folded: list[str], language: str) -> list[tuple[str, int, int]]:
        hits = []
        for index, tokens in ((self._folded, folded), (self._cased, raw)):
            for i, token in enumerate(tokens):
                for entry in index.get(token[:2], ()):
                    if entry.language and language not in ("und", entry.language):
                        continue
                    end = i + len(entry.tokens)
                    if end <= len(tokens) and all(map(_Token.matches, entry.tokens, tokens[i:end])):
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
    orgs: _Matcher  # keys: the canonical name, or "~name" for a weak alias
    weak_context: dict[str, tuple[str, ...]]


_TABLE_FIELDS = {"requires", "hidden", "exclude"}


def _language_keyed(table: dict, matcher: _Matcher, excludes: _Matcher) -> None:
    for key, spec in table.items():
        for pattern in spec.get("exclude", []):
            excludes.add(key, pattern)
        for field, patterns in spec.items():
            if field not in _TABLE_FIELDS:
                for pattern in patterns:
                    matcher.add(key, pattern, _lang_base(field))


@cache
def vocabulary() -> _Vocab:
    """Load and compile the vocabulary files once per process."""
    topics, topic_ex, countries, country_ex, orgs = (_Matcher() for _ in range(5))
    topic_table = _load("topics.toml")
    _language_keyed(topic_table, topics, topic_ex)
    _language_keyed(_load("countries.toml"), countries, country_ex)
    weak_context: dict[str, tuple[str, ...]] = {}
    for org in _load("organizations.toml")["organization"]:
        name = org["name"]
        for pattern in org.get("aliases", []):
            orgs.add(name, pattern)
        for pattern in org.get("weak", []):
            orgs.add("~" + name, pattern)
        weak_context[name] = tuple(org.get("weak_context", []))
    return _Vocab(
        topics=topics,
        topic_excludes=topic_ex,
        requires={k: tuple(v.get("requires", [])) for k, v in topic_table.items()},
        hidden=frozenset(k for k, v in topic_table.items() if v.get("hidden")),
        countries=countries,
        country_excludes=country_ex,
        orgs=orgs,
        weak_context=weak_context,
    )


def _count(matcher: _Matcher, excludes: _Matcher, text: tuple[list, list], language: str) -> Counter:
    """Hits per key, dropping those that start inside an excluded phrase for the same key."""
    blocked = {(key, i) for key, start, end in excludes.find(*text, language) for i in range(start, end)}
    return Counter(key for key, start, _ in matcher.find(*text, language) if (key, start) not in blocked)


def tag(title: str, text: str, language: str = "und") -> Tags:
    """Topics, countries, organisations and relevance of one article."""
    vocab = vocabulary()
    language = _lang_base(language or "und").lower()
    head, body = tokenize(title or ""), tokenize(text or "")

    in_title = _count(vocab.topics, vocab.topic_excludes, head, language)
    in_body = _count(vocab.topics, vocab.topic_excludes, body, language)
    hit = set(in_title) | set(in_body)
    accepted = {
        t for t in hit
        if t not in vocab.hidden and (not vocab.requires.get(t) or hit & set(vocab.requires[t]))
    }
    countries = set(_count(vocab.countries, vocab.country_excludes, head, language))
    countries |= set(_count(vocab.countries, vocab.country_excludes, body, language))
    orgs = {key for part in (head, body) for key, _, _ in vocab.orgs.find(*part, language)}
    weak = {k[1:] for k in orgs if k.startswith("~")}
    organizations = {k for k in orgs if not k.startswith("~")}
    organizations |= {name for name in weak if hit & set(vocab.weak_context[name])}

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
