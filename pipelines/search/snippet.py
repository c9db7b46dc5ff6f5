"""The passage of an article that shows why a search matched it, with the matched words marked.

A word is marked when its term is one the query's words may be (analyze.word_terms) or starts
with a query prefix, so "митингке" is marked for the query "митинг" and "Toxtaxunov" for
"Тохтахунов". The passage is the window of about WIDTH characters holding the most distinct
matched words, cut at word boundaries.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from pipelines.search import analyze

WIDTH = 240
ELLIPSIS = "…"
READ = 6000  # characters of a text searched for the passage: the lead is where a story is told
_SHARED = analyze.Analyzer()  # words' terms remembered across highlighters of one process


@dataclass(frozen=True)
class Snippet:
    """A passage and the spans of it that matched."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def marked(self, left: str, right: str, escape=lambda s: s) -> str:
        out, last = [], 0
        for start, end in self.marks:
            out += [escape(self.text[last:start]), left, escape(self.text[start:end]), right]
            last = end
        out.append(escape(self.text[last:]))
        return "".join(out)

    def html(self) -> str:
        return self.marked("<mark>", "</mark>", html.escape)

    def markdown(self) -> str:
        escape = lambda s: s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
        return self.marked("**", "**", escape)

    def plain(self) -> str:
        return self.marked("[", "]")


class Highlighter:
    """Marks the words of texts that a query's words (and prefixes) match."""

    def __init__(self, words: list[str], prefixes: list[str], analyzer: analyze.Analyzer | None = None) -> None:
        self.terms = {t for w in words for t in analyze.word_terms(w)}
        self.prefixes = tuple(k for p in prefixes for k in analyze.prefix_keys(p))
        self.analyzer = analyzer or _SHARED

    def spans(self, text: str, language: str) -> list[tuple[int, int, str]]:
        return [(s, e, t) for s, e, t in self.analyzer.tokens(text, language)
                if t in self.terms or (self.prefixes and t.startswith(self.prefixes))]

    def snippet(self, text: str, language: str, width: int = WIDTH) -> Snippet:
        """The best passage of ``text`` (its opening when nothing in it matched)."""
        text = " ".join((text or "")[:READ].split())
        spans = self.spans(text, language)
        if not spans:
            return _cut(text, 0, width, ())
        best, best_count = 0, -1
        for i, (start, _, _) in enumerate(spans):
            inside = {t for s, e, t in spans[i:] if e <= start + width}
            if len(inside) > best_count:
                best, best_count = i, len(inside)
        start = max(0, spans[best][0] - width // 4)
        return _cut(text, start, width, [(s, e) for s, e, _ in spans])


def _cut(text: str, start: int, width: int, spans) -> Snippet:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    piece = text[start:end]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    marks = tuple((s - start + len(prefix), e - start + len(prefix)) for s, e in spans if s >= start and e <= end)
    return Snippet(prefix + piece + suffix, marks)
