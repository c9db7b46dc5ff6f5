"""Lines of an article's text that are not the article: menus, tickers and share buttons, site
furniture ("Skip to main content", a foreign-agent disclaimer) and teasers of other stories
("Read also: ...", a "Related" box of headlines) that extraction kept. Tagging reads the article
without them, so another story's headline adds no topic or country.

Rules, one line at a time (a line is a paragraph of the extracted text):
- a line starting with a `lines` phrase of the data file is dropped;
- a line starting with a `teasers` phrase ("Читайте также", "Тағы оқыңыз") is dropped; when the
  phrase is all the line holds, or the line ends with the phrase and a colon ("... Главное за
  день:"), the headline-like lines after it (no full stop, at most ``TEASER_WORDS`` words) are
  dropped too;
- ``MENU_RUN`` or more short lines in a row (at most ``MENU_WORDS`` words, no full stop) are a
  menu, a ticker or share buttons, and are dropped. A single short line (a subheading, a photo
  credit) stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.tagging.gazetteer import tokenize

MENU_RUN = 3
MENU_WORDS = 4
TEASER_WORDS = 16
TEASER_LINES = 8  # headlines after one "Related:" line, at most
_FULL_STOP = re.compile(r"[.!?։…;]['\"»”’)\]]*\s*$")
_PREFIX = 120  # characters of a line read for a marker
_APOSTROPHES = "'ʻʼ‘’`´ʹʽ′"
_FIRST_WORD = re.compile(f"\\W*(\\w+(?:[{_APOSTROPHES}]\\w+)*)")


@dataclass(frozen=True)
class Inserts:
    """The marker phrases of the data file, by first word, as folded word tuples."""

    teasers: dict[str, tuple[tuple[str, ...], ...]]
    lines: dict[str, tuple[tuple[str, ...], ...]]
    endings: dict[str, tuple[tuple[str, ...], ...]]  # teaser phrases by their last word

    @property
    def openers(self) -> frozenset[str]:
        return self._openers

    @classmethod
    def from_table(cls, table: dict, letters: dict[str, str] | None = None) -> "Inserts":
        """From the data file's `teasers` and `lines` tables (phrases per language key); ``letters``
        are the gazetteer's one-letter spellings (``Spelling.letters``), so words meet as there."""
        mapping = {**{c: "'" for c in _APOSTROPHES}, "ё": "е", "ı": "i", **(letters or {})}
        trans, odd = str.maketrans(mapping), re.compile("[" + re.escape("".join(mapping)) + "]")
        norm = lambda word: word.translate(trans) if odd.search(word) else word  # noqa: E731

        def index(kind: str) -> dict:
            out: dict[str, list] = {}
            for phrases in table.get(kind, {}).values():
                for phrase in phrases:
                    words = tuple(norm(w) for w in tokenize(phrase).folded)
                    if not words:
                        raise ValueError(f"inserts {kind}: {phrase!r} has no words")
                    out.setdefault(words[0], []).append(words)
            return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
        teasers = index("teasers")
        endings: dict[str, list] = {}
        for phrases in teasers.values():
            for words in phrases:
                endings.setdefault(words[-1], []).append(words)
        made = cls(teasers, index("lines"), {k: tuple(v) for k, v in endings.items()})
        object.__setattr__(made, "_openers", frozenset(made.teasers) | frozenset(made.lines))
        object.__setattr__(made, "_norm", norm)
        return made

    def article(self, text: str) -> str:
        """``text`` without the lines that are not its article (see the module docstring)."""
        norm = self._norm
        if "\n" not in text and not self._opens(text):
            return text
        lines = text.split("\n")
        drop = [False] * len(lines)
        short = [len(line) <= 64 and _short(line) for line in lines]
        start = 0
        while start < len(lines):
            end = start
            while end < len(lines) and (short[end] or not lines[end].strip()):
                end += 1
            if sum(short[start:end]) >= MENU_RUN:
                drop[start:end] = [True] * (end - start)
            start = max(end, start + 1)
        i = 0
        while i < len(lines):
            line = lines[i]
            if self._opens(line):
                words = [norm(w) for w in tokenize(line[:_PREFIX]).folded]
                if _marker(words, self.lines):
                    drop[i] = True
                elif marker := _marker(words, self.teasers):
                    drop[i] = True
                    if len(words) <= marker:  # "Related:" alone on its line: the headlines follow
                        i = self._drop_headlines(lines, drop, i)
            elif line.endswith(":") and self._ends_with_marker(line, norm):
                i = self._drop_headlines(lines, drop, i)
            i += 1
        if not any(drop):
            return text
        return "\n".join(line for line, dropped in zip(lines, drop) if not dropped)

    def _opens(self, line: str) -> bool:
        """Whether the line's first word opens a marker phrase (a cheap test before tokenizing)."""
        first = _FIRST_WORD.match(line)
        return bool(first) and self._norm(first.group(1).lower()) in self.openers

    @staticmethod
    def _drop_headlines(lines: list[str], drop: list[bool], i: int) -> int:
        """Drop the headline-like lines after line ``i``; the index of the last one dropped."""
        j = i + 1
        while j < len(lines) and j <= i + TEASER_LINES and _headline(lines[j]):
            drop[j] = True
            j += 1
        return j - 1

    def _ends_with_marker(self, line: str, norm) -> bool:
        words = [norm(w) for w in tokenize(line[-_PREFIX:]).folded]
        return bool(words) and any(tuple(words[-len(p):]) == p for p in self.endings.get(words[-1], ()))


def _marker(words: list[str], table: dict) -> int:
    """Words of the longest phrase of ``table`` the line's words start with (0: none)."""
    for phrase in table.get(words[0], ()) if words else ():
        if tuple(words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _short(line: str) -> bool:
    """At most MENU_WORDS words, no full stop: a menu item, a ticker, a share button."""
    return len(line) <= 64 and 0 < len(line.split()) <= MENU_WORDS and not _FULL_STOP.search(line)


def _headline(line: str) -> bool:
    if not line.strip():
        return True
    return len(line) <= 200 and len(line.split()) <= TEASER_WORDS and not _FULL_STOP.search(line)
