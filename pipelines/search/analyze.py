"""Text to search terms: the one place that decides how words are indexed and how queries meet them.

A term is a word's search key (keys.py) without its endings (stems.py), doubled letters as one.
An article's words are spelled with its language's table for the word's script (a Latin name
in a Russian article uses the Latin table) and stemmed with its language's endings. A query
word knows no language, so it becomes every term it could be: spelled with each table of its
script, stemmed with every language's endings, and left whole. Terms are remembered per
language, so indexing costs about one dict lookup per word.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from pipelines.tagging.gazetteer import prepare
from pipelines.search import keys, stems

# A word: letters and digits, an apostrophe inside (oʻzbek, м'ясо) or after a final g or o (Uzbek gʻ, oʻ).
_TOKEN = re.compile(r"\w+(?:'\w+)*(?:(?<=[gGoO])'(?!\w))?")
_MEMO_LIMIT = 500_000
# A query word stemmed with the endings of a language it is not spelled in (a Latin name cut
# with Russian endings, to meet "Тохтахунова") keeps at least this many letters.
FOREIGN_STEM = 4  # distinct words remembered per language before the memo starts afresh


def term(word: str, language: str) -> str:
    """The term of one word of a text in ``language``."""
    folded = keys.fold(word)
    script = keys.script_of(folded)
    if not script:
        return folded
    pieces = keys.table_for(language, script).pieces(folded)
    return keys.collapse(stems.stem(pieces, language))


class Analyzer:
    """Terms of texts, with every word's term remembered per language."""

    def __init__(self) -> None:
        self._memo: dict[str, dict[str, str]] = {}

    def _memo_for(self, language: str) -> dict[str, str]:
        memo = self._memo.setdefault(language, {})
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        return memo

    def terms(self, text: str, language: str) -> list[str]:
        """The terms of a text, in order (words that spell to nothing are left out)."""
        memo = self._memo_for(language)
        out = []
        for word in _TOKEN.findall(prepare(text or "")):
            found = memo.get(word)
            if found is None:
                found = memo[word] = term(word, language)
            if found:
                out.append(found)
        return out

    def tokens(self, text: str, language: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of each word of a text, offsets into ``text`` as given."""
        memo = self._memo_for(language)
        prepared = prepare(text or "")
        if len(prepared) != len(text or ""):  # NFC changed lengths: offsets must be the text's own
            prepared = text or ""
        for m in _TOKEN.finditer(prepared):
            found = memo.get(m.group())
            if found is None:
                found = memo[m.group()] = term(m.group(), language)
            if found:
                yield m.start(), m.end(), found


def words(text: str) -> list[str]:
    """The words of a piece of query text, as the index splits them."""
    return _TOKEN.findall(prepare(text))


def word_terms(word: str, languages: tuple[str, ...] = ()) -> list[str]:
    """Every term a query word may be in an article (of ``languages`` only, when given):
    its key in each table of its script, stemmed with each language's endings or left whole
    (FOREIGN_STEM). Remembered: a search asks it for the index and again for the snippets."""
    return list(_word_terms(word, tuple(languages)))


@lru_cache(maxsize=4096)
def _word_terms(word: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    folded = keys.fold(word)
    targets = [lang for lang in stems.stemmers() if not languages or lang in languages]
    out: list[str] = []
    for own, pieces in keys.query_spellings(folded, languages):
        whole = keys.collapse("".join(pieces))
        found = [whole] + [stemmed for lang in targets
                           for stemmed in sorted({keys.collapse(r) for r in stems.readings(pieces, lang)})
                           if stemmed != whole and (lang == own or len(stemmed) >= FOREIGN_STEM)]
        out += [f for i, f in enumerate(found) if f and f not in out and f not in found[:i]]
    return tuple(out)


def prefix_keys(word: str, languages: tuple[str, ...] = ()) -> list[str]:
    """The keys a query prefix may start (unstemmed: a stem is seldom shorter than a typed prefix)."""
    out: list[str] = []
    for _, pieces in keys.query_spellings(keys.fold(word), languages):
        found = keys.collapse("".join(pieces))
        if found and found not in out:
            out.append(found)
    return out


ANALYZER_VERSION = 1  # raise when a change here changes terms: the index is then built afresh


def fingerprint() -> str:
    """What an index's terms depend on: this module's version and the two data files."""
    import hashlib

    digest = hashlib.sha256(str(ANALYZER_VERSION).encode())
    for path in (keys.LETTERS_FILE, stems.ENDINGS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
