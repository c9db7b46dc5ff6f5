"""Search keys: each word spelled in one small Latin alphabet, so every script of a language meets.

The letter tables are data (letters.toml, described there). A word is first folded (NFC,
case, one apostrophe, no stress marks), then spelled letter by letter with its language's
table, the longest sequence of letters first ("дж", "kh", "ու"). Doubled letters fall together
last (``collapse``), after stemming, so an ending that starts with the letter a stem ends with
is still seen. A query word does not know its language: ``query_keys`` spells it with every
table of its script whose letters it uses, alternatives included.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path

from pipelines.language import langid_rules
from pipelines.tagging.gazetteer import prepare

LETTERS_FILE = Path(__file__).with_name("letters.toml")
MAX_KEYS = 8  # spellings of one query word, at most
SCRIPTS = ("Cyrl", "Latn", "Armn", "Geor")
_SCRIPT_OF = [(script, re.compile(pattern)) for script, pattern in (
    ("Cyrl", "[\u0400-\u052f]"), ("Latn", "[a-z\u00c0-\u024f\u0259]"), ("Armn", "[\u0531-\u058a]"),
    ("Geor", "[\u10a0-\u10ff\u1c90-\u1cbf]"))]
_DOUBLED = re.compile(r"(.)\1+")
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489]")  # stress marks and other combining signs


def fold(word: str) -> str:
    """One word as every table reads it: NFC, one apostrophe, case-folded (Turkic İ is i),
    without stress marks."""
    word = prepare(word).replace("İ", "i").casefold().replace("i\u0307", "i")
    return _MARKS.sub("", word) if _MARKS.search(word) else word


def script_of(word: str) -> str:
    """The script of a folded word's first letter that a table exists for, else ""."""
    for script, pattern in _SCRIPT_OF:
        if pattern.search(word[:1]) or pattern.match(word[1:2] or " "):
            return script
    return ""


def collapse(key: str) -> str:
    """Doubled letters as one (Issyk / Isyk, Aliyev / Алиев after y -> i)."""
    return _DOUBLED.sub(r"\1", key)


@dataclass(frozen=True)
class LetterMap:
    """One language in one script: letters and letter sequences to key letters."""

    name: str  # "kk-Cyrl"
    language: str
    script: str
    letters: dict[str, str]
    also: dict[str, tuple[str, ...]]
    alphabet: frozenset[str]  # the letters the language writes in this script

    def __post_init__(self) -> None:
        # the letters of a word as the table reads them: its sequences first, longest first
        sequences = sorted((k for k in self.letters if len(k) > 1), key=len, reverse=True)
        pattern = re.compile("|".join([re.escape(k) for k in sequences] + ["."]), re.S)
        object.__setattr__(self, "_split", pattern.findall)

    def spell(self, word: str) -> str:
        """The key of a folded word (letters no table knows are kept as they are)."""
        return "".join(self.pieces(word))

    def pieces(self, word: str) -> list[str]:
        """The key letter by letter: what each letter (or sequence of letters) of the word became,
        so an ending is only ever cut where a letter of the word ends (ძე is "dze", not "d" + "ze")."""
        letters = self.letters
        return [letters.get(part, part) for part in self._split(word)]

    def spellings(self, word: str) -> list[list[str]]:
        """The key and its alternatives (``also``) as pieces, at most MAX_KEYS, the key first."""
        out: list[list[str]] = []
        for choice in product(*self._pieces(word, True)):
            if list(choice) not in out:
                out.append(list(choice))
            if len(out) >= MAX_KEYS:
                break
        return out

    def knows(self, word: str) -> bool:
        """Whether every letter of the folded word is in the language's alphabet (digits and the
        apostrophe are everyone's)."""
        return all(ch in self.alphabet or ch.isdigit() or ch == "'" for ch in word)

    def _pieces(self, word: str, alternatives: bool) -> list[tuple[str, ...]]:
        letters = self.letters
        if not alternatives:
            return [(letters.get(part, part),) for part in self._split(word)]
        return [(letters.get(part, part),) + self.also.get(part, ()) for part in self._split(word)]


def pairs(text: str) -> dict[str, str]:
    """`letters=key` pairs of a table (``ъ=`` drops a letter); ValueError on a malformed pair."""
    out = {}
    for pair in text.split():
        letters, sep, key = pair.partition("=")
        if not sep or not letters:
            raise ValueError(f"letters.toml: {pair!r} is not letters=key")
        out[fold(letters)] = key
    return out


def _table(data: dict, name: str, script: str) -> LetterMap:
    base, entry = data["base"][script], data["maps"].get(name, {})
    letters = {**pairs(base.get("letters", "")), **pairs(entry.get("letters", ""))}
    own = pairs(entry.get("letters", ""))
    also = {k: v for k, v in pairs(base.get("also", "")).items() if k not in own}  # a letter read its own way
    also = {k: tuple(v.split("|")) for k, v in {**also, **pairs(entry.get("also", ""))}.items()}
    language = name.split("-")[0] if name in data["maps"] else ""
    return LetterMap(name, language, script, letters, also, _alphabet(language, script, entry, letters))


def _alphabet(language: str, script: str, entry: dict, letters: dict[str, str]) -> frozenset[str]:
    """The language identifier's alphabet of the language in this script (langid_lexicon.toml),
    else the table's own `alphabet`, else every letter of the table."""
    lexicon = langid_rules.lexicon(script)
    if lexicon is not None and language in lexicon.alphabets:
        return lexicon.alphabets[language] | {fold(ch) for ch in lexicon.alphabets[language]}
    if "alphabet" in entry:
        return frozenset(fold(entry["alphabet"]))
    return frozenset(ch for seq in letters for ch in seq)


@cache
def tables() -> dict[str, LetterMap]:
    """Every language's table by name ("kk-Cyrl"), and each script's base table by script ("Cyrl")."""
    data = tomllib.loads(LETTERS_FILE.read_text(encoding="utf-8"))
    out = {script: _table(data, script, script) for script in data["base"]}
    for name in data["maps"]:
        out[name] = _table(data, name, name.split("-")[1])
    return out


def table_for(language: str, script: str) -> LetterMap:
    """The table of a language in a script, else the script's base table."""
    found = tables()
    return found.get(f"{language}-{script}") or found.get(script) or found["Latn"]


def query_spellings(word: str, languages: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    """Every (language, key as pieces) a folded query word may have: spelled with each table of
    its script whose language writes all its letters (of ``languages`` only, when given), with
    alternatives; the base table's spelling ("" language) when no such table exists."""
    script = script_of(word)
    if not script:
        return [("", [word])]
    found = tables()
    candidates = [t for name, t in found.items() if t.script == script and "-" in name
                  and (not languages or t.language in languages) and t.knows(word)]
    out: list[tuple[str, list[str]]] = []
    for table in candidates or [found[script]]:
        for pieces in table.spellings(word):
            if (table.language, pieces) not in out:
                out.append((table.language, pieces))
    return out
