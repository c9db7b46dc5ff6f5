"""Search stems: a key without its inflectional endings, per language (endings.toml, described there).

A stemmer here strips, never rewrites, and cuts only where a letter of the word ends (the
key's pieces, see keys.LetterMap.pieces). Slots are read from the end of the word, outermost
first (case, possession, number), each dropping at most one ending. The endings are spelled
as keys with the language's own table, so one list serves both of a language's scripts.
Stemming is not meant to find a dictionary form, only to bring the forms of a word
together: "митингов", "митинге", "митингтерге" and "mitinglar" all give "miting".
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path

from pipelines.search import keys

ENDINGS_FILE = Path(__file__).with_name("endings.toml")
_BRACES = re.compile(r"\{([^{}]*)\}")


def expand(written: str) -> list[str]:
    """"{д,т}{а,е}" -> ["да", "де", "та", "те"]; "{n,}d{a,ə}" -> ["nda", "ndə", "da", "də"]."""
    parts = _BRACES.split(written)
    choices = [p.split(",") if i % 2 else [p] for i, p in enumerate(parts)]
    return ["".join(c) for c in product(*choices)]


@dataclass(frozen=True)
class Slot:
    endings: frozenset[str]  # spelled as keys
    skip: int  # slots passed over after one of these endings came off
    min_stem: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max(map(len, self.endings), default=0))


@dataclass(frozen=True)
class Stemmer:
    """The endings of one language, slot by slot, spelled as keys."""

    language: str
    min_stem: int
    slots: tuple[Slot, ...]

    def stem(self, pieces: list[str]) -> str:
        """The stem of a key given as its pieces (not yet collapsed)."""
        end, skip = len(pieces), 0
        for slot in self.slots:
            if skip:
                skip -= 1
                continue
            cut = 0
            ending = ""
            for k in range(1, end):
                ending = pieces[end - k] + ending
                if len(ending) > slot.longest:
                    break
                if ending in slot.endings and len(keys.collapse("".join(pieces[:end - k]))) >= slot.min_stem:
                    cut = k
            if cut:
                end -= cut
                skip = slot.skip
        return "".join(pieces[:end])

    def readings(self, pieces: list[str]) -> set[str]:
        """Every stem a query word may have: at each slot an ending cut or not, any that fits.
        An article's word gets the one `stem` (the longest ending cut), which for a bare word
        may be too much (Kazakh Алматы loses "ты" as if accusative, Алматыда keeps "Алмат"):
        a query word offers all its readings, so the bare form meets its inflected ones."""
        found: set[str] = set()

        def walk(end: int, position: int, skip: int) -> None:
            if position == len(self.slots):
                found.add("".join(pieces[:end]))
                return
            if skip:
                return walk(end, position + 1, skip - 1)
            walk(end, position + 1, 0)
            slot, ending = self.slots[position], ""
            for k in range(1, end):
                ending = pieces[end - k] + ending
                if len(ending) > slot.longest:
                    break
                if ending in slot.endings and len(keys.collapse("".join(pieces[:end - k]))) >= slot.min_stem:
                    walk(end - k, position + 1, slot.skip)

        walk(len(pieces), 0, 0)
        return found


def _spelled(table: keys.LetterMap, written: str) -> frozenset[str]:
    return frozenset(s for w in written.split() for e in expand(w) if (s := table.spell(keys.fold(e))))


@cache
def stemmers() -> dict[str, Stemmer]:
    """Every language's stemmer by language code."""
    data = tomllib.loads(ENDINGS_FILE.read_text(encoding="utf-8"))
    out = {}
    for language, entry in data.items():
        table = keys.table_for(language, entry["script"])
        least = int(entry["min_stem"])
        slots = tuple(Slot(_spelled(table, s["endings"]), int(s.get("skip", 0)), int(s.get("min_stem", least)))
                      for s in entry["slot"])
        out[language] = Stemmer(language, least, slots)
    return out


def readings(pieces: list[str], language: str) -> set[str]:
    """Every stem a query word may have in a language (Stemmer.readings)."""
    stemmer = stemmers().get(language)
    return stemmer.readings(pieces) if stemmer else {"".join(pieces)}


def stem(pieces: list[str], language: str) -> str:
    """The stem of a key (as pieces) in a language; a language without endings keeps it whole."""
    stemmer = stemmers().get(language)
    return stemmer.stem(pieces) if stemmer else "".join(pieces)
