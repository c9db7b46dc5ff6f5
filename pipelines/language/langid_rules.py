"""What the letters and words of a text say about its language, from knowledge of the languages.

Scripts, the alphabets each language uses, and evidence from function words and grammatical
endings (data in langid_lexicon.toml). Every function is cheap and pure; language.py weighs them."""
from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache
from pathlib import Path

LEXICON_FILE = Path(__file__).with_name("langid_lexicon.toml")

PENALTY_EXTENDED = 0.03  # per distinct letter outside a language's alphabet (non-basic)
PENALTY_BASIC = 0.3  # same, for basic Russian / ASCII letters (names, loans)
MAX_PENALTIES = 3
PENALTY_ENDING = 0.1  # per word ending as the language's grammar never ends one
MAX_ENDING_PENALTIES = 2
_LOG_EXTENDED, _LOG_BASIC = math.log(PENALTY_EXTENDED), math.log(PENALTY_BASIC)
_LOG_ENDING = math.log(PENALTY_ENDING)
NAME_WEIGHT = 0.25  # weight of capitalised words' letters when choosing the script

WORD = re.compile(r"[^\W\d_]+(?:['’ʼʻ][^\W\d_]+)*")
_RU_BASIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_LAT_BASIC = frozenset("abcdefghijklmnopqrstuvwxyz")
BASIC = {"Cyrl": _RU_BASIC, "Latn": _LAT_BASIC}
# Model labels never written in Latin script; dropped when the text is Latin.
NON_LATIN_LANGS = frozenset("am ar as ba be bg bn dz el fa gom grc gu hbo he hi hy ja ka kk km kn "
                            "ko ky lo mk ml mn mr my ne or pa ps ru sa sdh si ta te tg th tt ug uk "
                            "ur uzs wuu yue zh arz ary".split())
# Latin look-alikes inside Cyrillic words (common in web Kazakh: "i" for "і", "ə" for "ә").
_HOMOGLYPHS = str.maketrans("aceopxyiəhkABCEHIKMOPTXYƏ", "асеорхуіәһкАВСЕНІКМОРТХУӘ")
_UZ_APOSTROPHE = re.compile(r"(?<=[oOgG])['‘’ʼʻ`]")
# Kazakh in the Latin alphabets of 2018 (acute accents) and 2021 (ä ğ ñ ö ş ū ü ı).
_KK_LATIN_LETTERS = frozenset("áǵńóúýū")
_KK_LATIN_WORDS = re.compile(r"\b(qazaq\w*|jáne|jäne|úshin|üşin|boıynsha|boiynşa|bolyp|bolady|"
                             r"týraly|turaly|adamdar\w*|degen|sıaqty|búgin|bügin|memlekettik)\b")

_SCRIPT_CLASSES = {
    "Latn": "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0250-\u02AF\u1E00-\u1EFF",
    "Cyrl": "\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F",
    "Armn": "\u0530-\u058F\uFB13-\uFB17",
    "Geor": "\u10A0-\u10FF\u1C90-\u1CBF\u2D00-\u2D2F",
    "Arab": "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF",
}
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPT_CLASSES.items()}
_NEUTRAL = "\u02B0-\u02FF"  # modifier letters: the Uzbek ʻ, the Ukrainian ʼ belong to no script
_LETTER = re.compile(f"[^\\W\\d_{_NEUTRAL}]")  # ``[^\W\d_]`` is "a letter"
# A letter outside the script.
_FOREIGN_LETTER = {name: re.compile(f"[^\\W\\d_{_NEUTRAL}{_SCRIPT_CLASSES[name]}]")
                   for name in ("Cyrl", "Latn")}


@lru_cache(maxsize=8192)
def char_script(ch: str) -> str:
    for name, pattern in _SCRIPT_RE.items():
        if pattern.match(ch):
            return name
    return "Other"


def script_counts(text: str) -> dict[str, float]:
    """Letters per script. In mixed text capitalised words weigh less (they are mostly names),
    and a script written only in capitalised words yields to one that has lower-case words.
    Text in one script only (the usual case) is recognised by two quick searches."""
    for name in ("Cyrl", "Latn"):
        if _FOREIGN_LETTER[name].search(text) is None:
            return {name: 1.0} if _SCRIPT_RE[name].search(text) else {}
    total = len(_LETTER.findall(text))
    counts, seen = {}, 0
    for name, pattern in _SCRIPT_RE.items():
        if seen >= total:
            break
        n = len(pattern.findall(text))
        if n:
            counts[name] = n
            seen += n
    if total > seen:
        counts["Other"] = total - seen
    if len(counts) < 2:
        return counts
    weighted: dict[str, float] = {}
    lower: dict[str, int] = {}
    for word in WORD.findall(text):
        script = char_script(word[0])
        capital = word[0].isupper()
        weighted[script] = weighted.get(script, 0.0) + len(word) * (NAME_WEIGHT if capital else 1.0)
        if not capital:
            lower[script] = lower.get(script, 0) + len(word)
    best = max(weighted, key=weighted.get)
    if lower and best not in lower:
        weighted[max(lower, key=lower.get)] = weighted[best] + 1.0
    return weighted


def main_script(counts: dict[str, float]) -> str:
    return max(counts, key=counts.get) if counts else ""


def fix_homoglyphs(text: str) -> str:
    """Latin look-alike letters inside Cyrillic words -> Cyrillic ("бүгiн" -> "бүгін")."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        if _SCRIPT_RE["Latn"].search(word) and _SCRIPT_RE["Cyrl"].search(word):
            return word.translate(_HOMOGLYPHS)
        return word

    return WORD.sub(fix, text)


def normalise_uzbek_apostrophe(text: str) -> str:
    return _UZ_APOSTROPHE.sub("ʻ", text)


def kazakh_latin(text: str) -> bool:
    """Kazakh in Latin letters: the 2018 acute-accent alphabet, or cue words
    (the 2021 umlaut alphabet is close to Crimean Tatar and is caught only by cue words)."""
    lower = text.lower()
    if "ə" in lower or "ň" in lower or "ʻ" in lower or "q" not in lower and "ı" not in lower:
        return False
    words = WORD.findall(lower)
    marked = sum(1 for w in words if _KK_LATIN_LETTERS & set(w))
    cues = len(_KK_LATIN_WORDS.findall(lower))
    return (cues >= 1 and cues + marked >= 2) or marked >= max(2, len(words) // 5)


class Lexicon:
    """Alphabets, words and endings of one script's languages, with how specific each entry is."""

    def __init__(self, script: str, table: dict) -> None:
        self.script = script
        self.basic = BASIC[script]
        self.alphabets = {lang: frozenset(v["alphabet"]) for lang, v in table.items()}
        self.langs = frozenset(lang for lang, v in table.items() if "words" in v)
        words: dict[str, set] = {}
        stems: dict[str, set] = {}
        suffixes: dict[str, set] = {}
        for lang, v in table.items():
            for w in (v.get("words", "") + " " + v.get("news", "")).split():
                (stems if w.endswith("*") else words).setdefault(w.rstrip("*"), set()).add(lang)
            for s in v.get("suffixes", "").split():
                if len(s) >= MIN_SUFFIX:
                    suffixes.setdefault(s, set()).add(lang)
        # An entry shared by k of the n languages is worth log(n/k)/log(n) to each: "лар" says
        # little more than "Turkic", "нун" says Kyrgyz.
        n = max(len(self.langs), 2)
        worth = lambda ls: {lang: math.log(n / len(ls)) / math.log(n) for lang in ls}
        self.words = {w: worth(ls) for w, ls in words.items()}
        self.stems = {s: worth(ls) for s, ls in stems.items()}
        self.suffixes = {s: worth(ls) for s, ls in suffixes.items()}
        self.never = {lang: tuple(v["never_ends"].split()) for lang, v in table.items() if "never_ends" in v}
        self.stem_heads = {s[:3] for s in self.stems}
        self.max_suffix = max(map(len, self.suffixes), default=0)

    def letter_penalties(self, letters: set[str], langs) -> dict[str, float]:
        """Log-penalty per language for the letters present that its alphabet lacks (at most
        MAX_PENALTIES, extended letters first); languages without a known alphabet are
        penalised for every letter beyond the basic ones."""
        extended = letters - self.basic
        generic = self._penalty(extended)
        out = {}
        for lang in langs:
            alphabet = self.alphabets.get(lang)
            penalty = generic if alphabet is None else self._penalty(letters - alphabet)
            if penalty:
                out[lang] = penalty
        return out

    def _penalty(self, outside: set[str]) -> float:
        if not outside:
            return 0.0
        extended = min(len(outside - self.basic), MAX_PENALTIES)
        basic = min(len(outside) - extended, MAX_PENALTIES - extended)
        return extended * _LOG_EXTENDED + basic * _LOG_BASIC

    def ending_penalties(self, tokens: list[tuple[str, int]], langs) -> dict[str, float]:
        """Log-penalty per language for words (names too) ending in a way its grammar never
        ends a word (the Kazakh genitive "-ның" in Kyrgyz, Kyrgyz long vowels in Kazakh)."""
        out = {}
        for lang in langs:
            endings = self.never.get(lang)
            if endings:
                hits = sum(1 for word, _ in tokens if len(word) > 3 and word.endswith(endings))
                if hits:
                    out[lang] = min(hits, MAX_ENDING_PENALTIES) * _LOG_ENDING
        return out

    def evidence(self, tokens: list[tuple[str, int]]) -> dict[str, float]:
        """Sum over words of the best entry each language has for it. ``tokens`` are lower-case
        words with a kind: 0 running word, 1 capitalised (a name: only endings of 3+ letters
        count), 2 piece after a hyphen ("Коммонс-ийн": the piece is an ending)."""
        total: dict[str, float] = {}
        words, stems, suffixes = self.words, self.stems, self.suffixes
        for word, kind in tokens:
            best: dict[str, float] = {}
            if kind == 0:
                found = words.get(word)
                if found:
                    best.update(found)
                if word[:3] in self.stem_heads:
                    for stem, found in stems.items():
                        if word.startswith(stem):
                            for lang, w in found.items():
                                best[lang] = max(best.get(lang, 0.0), w)
            shortest = 3 if kind == 1 else 2
            longest = min(self.max_suffix, len(word) if kind == 2 else len(word) - 2)
            for k in range(shortest, longest + 1):
                found = suffixes.get(word[-k:])
                if found:
                    for lang, w in found.items():
                        w *= SUFFIX_SHARE
                        if w > best.get(lang, 0.0):
                            best[lang] = w
            for lang, w in best.items():
                total[lang] = total.get(lang, 0.0) + w
        return total


SUFFIX_SHARE = 0.7  # an ending is worth less than a whole word
MIN_SUFFIX = 2  # shorter endings say nothing


@lru_cache(maxsize=None)
def lexicon(script: str) -> Lexicon | None:
    if script not in BASIC:
        return None
    with open(LEXICON_FILE, "rb") as handle:
        table = tomllib.load(handle)[script]
    return Lexicon(script, table)
