"""Word-start matching of vocabulary patterns over tokens: the engine under pipelines/tagging.py.

Matching works on tokens, never substrings: text is NFC-normalised, apostrophe look-alikes
(ʻ ʼ ‘ ’ ` ´) become ``'`` so Uzbek Latin ``Oʻzbekiston`` and ``O'zbekiston`` agree, then it
is split into runs of word characters (an apostrophe inside a word is kept, and so is a final
one after g or o, the Uzbek letters gʻ and oʻ) and case-folded
(``ё``->``е``; Turkic dotted/dotless i both fold to ``i``). A hyphen splits tokens, so
"ЛГБТ-активист" yields "лгбт". A pattern is one or more space-separated word patterns that
must match consecutive tokens:

    word         the token is exactly ``word``
    stem*        the token starts with ``stem`` (any ending)
    stem*3       the token starts with ``stem`` followed by at most 3 more characters
    stem(|s|es*) the token is ``stem`` plus one of the listed endings; an ending written with
                 ``*`` may continue ("gay(|s)" takes "gays" but not "gayle")

and may start with markers (in this order):

    !            only used when the article's declared language is the pattern's language
                 (or unknown): for words that are common words elsewhere
    ?            doubtful: the caller decides when such a hit needs support
    ~            in need of context: the caller decides which words must stand near it
    =            case-sensitive ("=UN", "=Душанбе*": Tajik "душанбе" is also Monday)

A trailing English possessive ("Amnesty's") is ignored by stems written in Latin letters.

Spelling (``Spelling``, built from a data file by the caller) makes word forms meet: letters
that are one letter for matching (Tajik ӣ and и, so the izofat form "гирдиҳамоии" meets
"гирдиҳамоӣ"; Belarusian ў and у; an apostrophe inside a word, so "ozbekiston" meets
"o'zbekiston"), applied to vocabulary and text alike; rewrites tried on a text's word as well
(classical Belarusian "сьцяг", "затрыманьні" meet official "сцяг", "затрыманні"); look-alike
Latin and Cyrillic letters inside one word ("пoлiцiя" typed with Latin o and i); first words
that may be written solid, spaced or hyphenated ("бір жынысты" and "біржынысты"); and the
usual misspellings of key acronyms (any two neighbouring letters swapped: "ЛГТБ", "LGTB").

Speed: every distinct token is looked up once (its prefixes against a dict of stems) and the
set of word patterns it matches is remembered, so tagging costs about one dict lookup per
token of running text whatever the size of the vocabulary.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_APOSTROPHES = "ʻʼ‘’`´ʹʽ′"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_ODD = re.compile(f"[{_APOSTROPHES}{_INVISIBLE}]")
_TABLE = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **dict.fromkeys(_INVISIBLE)})
_TOKEN = re.compile(r"\w+(?:'\w+)*(?:(?<=[gGoO])'(?!\w))?")  # Uzbek "Xorugʻ" keeps its gʻ
_PATTERN = re.compile(r"^(?P<stem>[^*(]+)(?:\*(?P<max>\d*)|\((?P<endings>[^)]*)\))?$")
_SENTENCE_END = re.compile(r"[.!?։…]+[\"'»”’)\]]*(?:\s|$)|\n")
_MEMO_LIMIT = 300_000  # distinct tokens remembered before the memo starts afresh


def prepare(text: str) -> str:
    """NFC, one apostrophe, no invisible characters: the text every pattern is matched against."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_TABLE) if _ODD.search(text) else text


def fold(token: str) -> str:
    """Case-fold one token the way vocabulary entries are folded."""
    token = token.replace("İ", "i").casefold()
    return token.replace("i\u0307", "i").replace("ı", "i").replace("ё", "е")


def _swaps(stem: str) -> list[str]:
    """The stem with each pair of neighbouring letters swapped ("лгбт" -> "глбт", "лбгт", "лгтб")."""
    return [stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:] for i in range(len(stem) - 1)
            if stem[i] != stem[i + 1]]


@dataclass(frozen=True)
class Spelling:
    """How spellings of one word meet (see the module docstring); empty by default."""

    letters: dict[str, str] = field(default_factory=dict)  # one letter -> its matching form ("" drops it)
    rewrites: tuple[tuple[re.Pattern, str], ...] = ()  # tried on a text's word as well
    homoglyphs: tuple[str, str] = ("", "")  # Latin letters, their Cyrillic look-alikes
    compounds: frozenset[str] = frozenset()  # first words written solid, spaced or hyphenated
    acronyms: frozenset[str] = frozenset()  # stems whose neighbouring letters get swapped

    @classmethod
    def from_table(cls, table: dict) -> "Spelling":
        """From the data file's table: `letters`, `rewrites`, `homoglyphs`, `compounds`, `acronyms`
        (the last two lists per language key)."""
        latin, cyrillic = (table.get("homoglyphs", {}).get(k, "") for k in ("latin", "cyrillic"))
        if len(latin) != len(cyrillic):
            raise ValueError("homoglyphs: latin and cyrillic must be as long as each other")
        return cls(
            letters={fold(k): v for k, v in table.get("letters", {}).items()},
            rewrites=tuple((re.compile(r["find"]), r["replace"]) for r in table.get("rewrites", [])),
            homoglyphs=(latin, cyrillic),
            compounds=frozenset(fold(w) for words in table.get("compounds", {}).values() for w in words),
            acronyms=frozenset(fold(w) for words in table.get("acronyms", {}).values() for w in words),
        )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_table", str.maketrans(self.letters))
        odd = "".join(re.escape(c) for c in self.letters)
        object.__setattr__(self, "_odd", re.compile(f"[{odd}]") if odd else None)
        latin, cyrillic = self.homoglyphs
        object.__setattr__(self, "_to_cyrillic", str.maketrans(latin, cyrillic))
        object.__setattr__(self, "_to_latin", str.maketrans(cyrillic, latin))
        # a word mixing scripts: a look-alike letter of one script among letters of the other
        object.__setattr__(self, "_latin", re.compile(f"[{re.escape(latin)}]") if latin else None)
        object.__setattr__(self, "_cyrillic", re.compile("[\u0400-\u04ff]") if cyrillic else None)
        any_rewrite = "|".join(f"(?:{find.pattern})" for find, _ in self.rewrites)
        object.__setattr__(self, "_any_rewrite", re.compile(any_rewrite) if any_rewrite else None)
        # a token with none of these has one form: itself (the common case, tested first)
        special = "".join(re.escape(c) for c in set(self.letters) | set(latin))
        object.__setattr__(self, "_special", re.compile(f"[{special}]|{any_rewrite}" if any_rewrite else f"[{special}]")
                           if special or any_rewrite else None)

    def letter(self, token: str) -> str:
        """The token with its letters in their matching form (vocabulary and text alike)."""
        if token.endswith("'s") and token.isascii():  # the English possessive
            token = token[:-2]
        return token.translate(self._table) if self._odd and self._odd.search(token) else token

    def forms(self, token: str) -> list[str]:
        """The forms of one folded text token to look up: its letters' matching form, then its
        rewrites and, when it mixes scripts, its look-alike letters in one script."""
        base = self.letter(token)
        forms = [base]
        if self._any_rewrite and self._any_rewrite.search(base):
            forms += [self.letter(find.sub(replace, base)) for find, replace in self.rewrites if find.search(base)]
        if self._latin and not base.isascii() and self._latin.search(base) and self._cyrillic.search(base):
            forms += [base.translate(self._to_cyrillic), base.translate(self._to_latin)]
        return forms


@dataclass(frozen=True)
class Tokens:
    """The tokens of one text as written and folded, position for position."""

    raw: list[str]
    folded: list[str]

    def __len__(self) -> int:
        return len(self.raw)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens (see the module docstring)."""
    text = prepare(text or "")
    raw, folded = _TOKEN.findall(text), _TOKEN.findall(fold(text))
    if len(folded) != len(raw):  # folding changed a word boundary (rare): fold word by word
        folded = [fold(t) for t in raw]
    return Tokens(raw, folded)


def lead_length(text: str, minimum: int = 10, maximum: int = 40) -> int:
    """Tokens in the lead of ``text``: its first sentence (or line) ending after ``minimum``
    tokens, and never more than ``maximum``."""
    text = prepare((text or "")[: 30 * maximum])
    for end in _SENTENCE_END.finditer(text):
        count = len(_TOKEN.findall(text, 0, end.start()))
        if count >= minimum:
            return min(count, maximum)
    return maximum


@dataclass(frozen=True)
class Word:
    """One word pattern: a stem and the endings it may take."""

    stem: str
    max_extra: int | None  # None: any ending allowed
    endings: tuple[str, ...] | None  # None: any ending allowed by max_extra

    def matches(self, token: str) -> bool:
        if not token.startswith(self.stem):
            return False
        rest = token[len(self.stem):]
        if rest.endswith("'s") and self.stem.isascii():
            rest = rest[:-2]
        if self.endings is not None:
            return any(rest.startswith(e[:-1]) if e.endswith("*") else rest == e for e in self.endings)
        return self.max_extra is None or len(rest) <= self.max_extra


def parse_word(text: str, cased: bool = False) -> Word:
    """One word pattern (no markers); ValueError when it is not one."""
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"bad vocabulary pattern {text!r}")
    norm = prepare if cased else (lambda t: fold(prepare(t)))
    stem = norm(m["stem"])
    if m["endings"] is not None:
        return Word(stem, 0, tuple(norm(e) for e in m["endings"].split("|")))
    if m["max"] is None:  # no "*": exact word
        return Word(stem, 0, ("",))
    return Word(stem, int(m["max"]) if m["max"] else None, None)


@dataclass(frozen=True)
class Entry:
    """One compiled pattern and what it stands for."""

    key: str  # topic id, country code, organisation name, ...
    words: tuple[int, ...]  # word ids, see Gazetteer
    cased: bool
    languages: frozenset[str]  # the languages the pattern is listed under (empty: any)
    own_only: bool  # "!" entries: only used for that language
    doubtful: bool  # "?" entries
    needs_context: bool  # "~" entries
    group: str  # which list the caller added it to ("topics", "countries", ...)
    kind: str  # a label the caller chose when adding ("names", "demonyms", ...)
    pattern: str
    stem_length: int  # of the first word: the more specific of two entries has the longer stem


class Hit:
    """One entry matched at tokens ``start``..``end`` (a slotted class: hits are made by the
    thousand per article)."""

    __slots__ = ("entry", "key", "start", "end")

    def __init__(self, entry: Entry, start: int, end: int) -> None:
        self.entry, self.key, self.start, self.end = entry, entry.key, start, end

    def __repr__(self) -> str:
        return f"Hit({self.key!r}, {self.entry.pattern!r}, {self.start}, {self.end})"


class Gazetteer:
    """Patterns compiled into one dict lookup per distinct folded token.

    A case-sensitive word is indexed under its folded form too and checked against the token
    as written only when it matches folded, so every text is scanned once. One gazetteer may
    hold several lists (``group``): the tagger keeps topics, countries, organisations and their
    context phrases in one."""

    def __init__(self, spelling: Spelling | None = None) -> None:
        self.spelling = spelling or Spelling()
        self._seen: dict[tuple, Entry] = {}  # each spelling of a pattern is added once
        self._ids: dict[tuple[Word, bool], int] = {}
        self._words: list[Word] = []  # by id, as written (case-sensitive words keep their case)
        self._stems: dict[str, list[tuple[int, Word]]] = {}  # folded stem -> (id, folded word)
        self._exact: dict[str, list[int]] = {}  # a whole folded word -> ids of the words it is
        self._lengths: tuple[int, ...] = ()  # of the stems, ascending
        self._starts: dict[int, list[Entry]] = {}
        self._memo: dict[str, frozenset[int]] = {}

    def _word_id(self, word: Word, cased: bool) -> int:
        key = (word, cased)
        if key not in self._ids:
            self._ids[key] = wid = len(self._words)
            self._words.append(word)
            norm = self.spelling.letter
            folded = Word(norm(fold(word.stem)), word.max_extra,
                          None if word.endings is None else tuple(norm(fold(e)) for e in word.endings))
            if folded.endings is not None and not any(e.endswith("*") for e in folded.endings):
                for ending in folded.endings:  # whole words: one dict lookup, no prefix to try
                    self._exact.setdefault(folded.stem + ending, []).append(wid)
            else:
                self._stems.setdefault(folded.stem, []).append((wid, folded))
                self._lengths = tuple(sorted(set(self._lengths) | {len(folded.stem)}))
            self._memo.clear()
        return self._ids[key]

    def add(self, key: str, pattern: str, language: str | None = None, kind: str = "", group: str = "") -> Entry:
        """Compile one pattern (markers and all, see the module docstring) under ``key``, with
        the solid/spaced and acronym spellings its first word may take."""
        body, markers = pattern, []
        for marker in "!?~":
            markers.append(body.startswith(marker))
            body = body.removeprefix(marker)
        cased = body.startswith("=")
        words = [parse_word(w, cased) for w in body.removeprefix("=").split()]
        if not words or (len(words[0].stem) < 2 and words[0].endings != ("",)):
            raise ValueError(f"vocabulary pattern {pattern!r}: a prefix needs 2+ characters")
        own, doubtful, context = markers
        entries = []
        for variant in [words] + ([] if cased else self._spellings(words)):
            ids = tuple(self._word_id(w, cased) for w in variant)
            seen = (key, group, kind, ids, own, doubtful, context)
            old = self._seen.get(seen)
            if old is None or (language or None) not in (old.languages or {None}):
                # one entry per spelling, whatever the languages listing it: one hit per position
                if not language or (old is not None and not old.languages):
                    languages = frozenset()  # listed for any language
                else:
                    languages = (old.languages if old else frozenset()) | {language}
                made = Entry(key, ids, cased, languages,
                             own, doubtful, context, group, kind, pattern, len(variant[0].stem))
                starts = self._starts.setdefault(ids[0], [])
                if old is not None:
                    starts.remove(old)
                starts.append(made)
                self._seen[seen] = made
            entries.append(self._seen[seen])
        return entries[0]

    def _spellings(self, words: list[Word]) -> list[list[Word]]:
        """Other spellings of a pattern: its first word glued to the next or split off it, and
        its first word's acronym with two neighbouring letters swapped."""
        first, spelling, out = words[0], self.spelling, []
        if len(words) > 1 and first.endings == ("",) and first.stem in spelling.compounds:
            second = words[1]
            out.append([Word(first.stem + second.stem, second.max_extra, second.endings)] + words[2:])
        for part in spelling.compounds:
            if first.stem.startswith(part) and len(first.stem) - len(part) >= 3:
                out.append([Word(part, 0, ("",)), Word(first.stem[len(part):], first.max_extra, first.endings)]
                           + words[1:])
        if first.stem in spelling.acronyms:
            out += [[Word(stem, first.max_extra, first.endings)] + words[1:] for stem in _swaps(first.stem)]
        return out

    @property
    def entries(self) -> list[Entry]:
        """Every compiled entry (a pattern listed under several languages is one entry)."""
        return list(self._seen.values())

    def forget(self) -> None:
        """Drop the remembered tokens (a cold start, for benchmarks)."""
        self._memo.clear()

    def _matching(self, token: str) -> frozenset[int]:
        """Ids of the words a folded token matches (case-sensitive ones still to be checked)."""
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        ids: set[int] = set()
        stems, exact, lengths = self._stems, self._exact, self._lengths
        special = self.spelling._special
        if special is None or (token.isascii() and "'" not in token) or not special.search(token):
            forms: tuple | list = (token,)  # the common case: the token is its only form
        else:
            forms = self.spelling.forms(token)
        for form in forms:
            whole = exact.get(form)
            if whole:
                ids.update(whole)
            if "'" in form and form.endswith("'s") and form.isascii():  # the English possessive
                ids.update(exact.get(form[:-2], ()))
            size = len(form)
            for n in lengths:
                if n > size:
                    break
                for wid, word in stems.get(form[:n], ()):
                    if word.matches(form):
                        ids.add(wid)
        found = self._memo[token] = frozenset(ids)
        return found

    def find(self, tokens: Tokens, language: str = "und") -> list[Hit]:
        """Every entry matching at every position (overlaps included), in text order.

        Where an entry of the declared ``language`` matches for a key, entries of other
        languages starting at the same position are dropped for that key: Turkmen "protest"
        is read as Turkmen (doubtful), not as the English word."""
        get, matching, words, raw = self._memo.get, self._matching, self._words, tokens.raw
        sets = [m if (m := get(t)) is not None else matching(t) for t in tokens.folded]
        hits = []
        for i in [i for i, ids in enumerate(sets) if ids]:
            for wid in sets[i]:
                for entry in self._starts.get(wid, ()):
                    if entry.own_only and language != "und" and language not in entry.languages:
                        continue
                    end = i + len(entry.words)
                    if end > len(sets) or not all(w in sets[i + j] for j, w in enumerate(entry.words[1:], 1)):
                        continue
                    if entry.cased and not all(words[w].matches(raw[i + j]) for j, w in enumerate(entry.words)):
                        continue
                    hits.append(Hit(entry, i, end))
        if language != "und" and hits:
            own = {(h.entry.group, h.key, h.start) for h in hits if language in h.entry.languages}
            if own:
                hits = [h for h in hits if not h.entry.languages or language in h.entry.languages
                        or (h.entry.group, h.key, h.start) not in own]
        hits.sort(key=lambda h: (h.start, h.end))
        return hits
