"""Lines of an article's text that are not the article: menus, tickers and share buttons, site
furniture ("Skip to main content", a foreign-agent disclaimer) and teasers of other stories
("Read also: ...", a "Related" box of headlines) that extraction kept. Tagging reads the article
without them, so another story's headline adds no topic or country.

Rules, one line at a time (a line is a paragraph of the extracted text):
- a line starting with a `lines` phrase of the data file is dropped;
- a line starting with a `teasers` phrase ("Читайте также", "Тағы оқыңыз") is dropped; when the
  phrase is all the line holds, the headline-like lines after it (no full stop, at most
  ``TEASER_WORDS`` words) are dropped too;
- ``MENU_RUN`` or more short lines in a row (at most ``MENU_WORDS`` words, no full stop) are a
  menu, a ticker or share buttons, and are dropped. A single short line (a subheading, a photo
  credit) stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.gazetteer import fold, tokenize

MENU_RUN = 3
MENU_WORDS = 4
TEASER_WORDS = 16
TEASER_LINES = 8  # headlines after one "Related:" line, at most
_FULL_STOP = re.compile(r"[.!?։…;]['\"»”’)\]]*\s*$")
_PREFIX = 120  # characters of a line read for a marker


@dataclass(frozen=True)
class Inserts:
    """The marker phrases of the data file, by first word, as folded word tuples."""

    teasers: dict[str, tuple[tuple[str, ...], ...]]
    lines: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def from_table(cls, table: dict, norm=lambda word: word) -> "Inserts":
        """From the data file's `teasers` and `lines` tables (phrases per language key); ``norm``
        is applied to each folded word (the gazetteer's spelling)."""
        def index(kind: str) -> dict:
            out: dict[str, list] = {}
            for phrases in table.get(kind, {}).values():
                for phrase in phrases:
                    words = tuple(norm(w) for w in tokenize(phrase).folded)
                    if not words:
                        raise ValueError(f"inserts {kind}: {phrase!r} has no words")
                    out.setdefault(words[0], []).append(words)
            return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
        return cls(index("teasers"), index("lines"))

    def _marker(self, words: list[str], table: dict) -> int:
        """Words of the longest marker phrase the line starts with (0: none)."""
        for phrase in table.get(words[0], ()) if words else ():
            if tuple(words[:len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def article(self, text: str, norm=lambda word: word) -> str:
        """``text`` without the lines that are not its article (see the module docstring)."""
        if "\n" not in text and not self._starts_with_marker(text, norm):
            return text
        lines = text.split("\n")
        drop = [False] * len(lines)
        words = [[norm(w) for w in tokenize(fold(line[:_PREFIX])).folded] for line in lines]
        short = [bool(w) and _short(line, len(w)) for line, w in zip(lines, words)]
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
            if self._marker(words[i], self.lines):
                drop[i] = True
            elif marker := self._marker(words[i], self.teasers):
                drop[i] = True
                if len(words[i]) <= marker:  # "Related:" alone: the headlines follow
                    j = i + 1
                    while j < len(lines) and j <= i + TEASER_LINES and _headline(lines[j], words[j]):
                        drop[j] = True
                        j += 1
                    i = j - 1
            i += 1
        if not any(drop):
            return text
        return "\n".join(line for line, dropped in zip(lines, drop) if not dropped)

    def _starts_with_marker(self, text: str, norm) -> bool:
        words = [norm(w) for w in tokenize(fold(text[:_PREFIX])).folded]
        return bool(self._marker(words, self.lines) or self._marker(words, self.teasers))


def _short(line: str, words: int) -> bool:
    return words <= MENU_WORDS and len(line) <= 60 and not _FULL_STOP.search(line)


def _headline(line: str, words: list[str]) -> bool:
    if not line.strip():
        return True
    return 0 < len(words) <= TEASER_WORDS and len(line) <= 200 and not _FULL_STOP.search(line)
