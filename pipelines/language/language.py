"""Language identification for the region's twelve languages (kk ky ru uz tg tk hy az ka be uk en).

Backends: ``region`` (default) reads the script first, then weighs, for each language written in
it, py3langid's likelihood, CLD2's vote, a prior towards the twelve, the letters its alphabet
lacks, and its function words and grammatical endings; foreign languages keep their own code.
``py3langid`` and ``pycld2`` are those models alone; ``langdetect`` is seeded langdetect (no model
for most of the twelve). ``detect_document`` decides an article by a length-weighted vote of its
sentences, so a quotation in another language does not flip it.
"""
from __future__ import annotations

import math
import re
import unicodedata

from pipelines import region
from pipelines.language import langid_model, langid_rules as rules
from pipelines.models import LangResult

BACKENDS: tuple[str, ...] = ("region", "py3langid", "pycld2", "langdetect")
DEFAULT_BACKEND = "region"

REGION_LANGUAGES = frozenset(region.LANGUAGES)
MAX_CHARS = 3000  # classify at most this much of a long text
# Prior weights: the twelve, then languages the region's media plausibly carry (neighbours,
# majors), then everything else (mostly low-resource languages). Tatar and Bashkir sit with the
# rest: no outlet in the registry publishes them, and their own letters (җ; ҙ ҫ ҡ) still name them.
REGION_PRIOR = 9.0
KNOWN_PRIOR = 6.0
KNOWN = frozenset("tr crh mn bg mk sr fa ar de pl lt lv et fr es it ro cs sk hu he el fi "
                  "sv nl pt hr bs sl zh ja ko ug ps ur hi".split())
CLD2_VOTE = 2.0  # log-weight of CLD2 agreeing with a language
WORD_WEIGHT = 2.0  # log-weight per unit of lexical evidence (a word found in one language only)
MAX_EVIDENCE = 3.0  # lexical evidence is capped at this many units
DROP_NAMES: frozenset = frozenset({"Latn"})  # scripts whose names the models skip...
NAMES_MATTER_BELOW = 100  # ...in texts shorter than this many characters
MIN_SCORE = 0.15  # below this the text is too mixed or too short to call: und
MIN_LETTERS = 6  # a lone word of the main script (among names in another) needs this many letters
MIN_RUNNING = 2  # names leave the model text when this many other words remain
CYRILLIC_LANGS = frozenset("ru uk be bg mk sr kk ky tg uz tt ba mn".split())
_QUOTE_OPENERS = ('"', "“", "„", "«")
_SENTENCE_END = re.compile(r"(?<=[.!?…。])[\"'»”)]*\s+|\n+")


def detect_script(text: str) -> str:
    """Dominant script of the letters in ``text``: Cyrl, Latn, Armn, Geor, Arab, or ""."""
    script = rules.main_script(rules.script_counts(text or ""))
    return "" if script == "Other" else script


def _truncate(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind(" ", MAX_CHARS - 200, MAX_CHARS)
    return text[: cut if cut > 0 else MAX_CHARS]


def _und(script: str = "", score: float = 0.0) -> LangResult:
    return LangResult("und", script, score)


def _map_code(code: str) -> str:
    """Backend codes to ours: zh-cn -> zh, Southern Uzbek (Arabic script) -> uz, none -> und."""
    code = code.lower().split("-")[0]
    return "und" if code in ("zxx", "un", "unknown", "xxx", "") else {"uzs": "uz"}.get(code, code)


def _detect_py3langid(text: str) -> LangResult:
    text = _truncate(text)
    if not rules.WORD.search(text):
        return _und(detect_script(text))
    lang, prob = langid_model.stock().classify(text)
    return LangResult(_map_code(lang), detect_script(text), float(prob))


def _detect_pycld2(text: str) -> LangResult:
    text = _truncate(text)
    if not rules.WORD.search(text):
        return _und(detect_script(text))
    code, share = langid_model.cld2_best(text)
    return LangResult(_map_code(code), detect_script(text), share)


def _detect_langdetect(text: str) -> LangResult:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    text = _truncate(text)
    script = detect_script(text)
    try:
        best = detect_langs(text)[0]
    except (LangDetectException, IndexError):
        return _und(script)
    return LangResult(_map_code(best.lang), script, float(best.prob))


_candidate_sets: dict[str, tuple] = {}


def _candidates(script: str) -> tuple[frozenset, object]:
    """The model's labels that can be written in ``script``, and their log priors (in the
    model's column order)."""
    if script not in _candidate_sets:
        import numpy as np

        model = langid_model.py3langid()
        classes = set(model.classes)
        if script == "Cyrl":
            labels = frozenset(classes & CYRILLIC_LANGS)
        else:
            labels = frozenset(classes - rules.NON_LATIN_LANGS - {"zxx"})
        priors = [math.log(REGION_PRIOR if _map_code(label) in REGION_LANGUAGES else
                           KNOWN_PRIOR if label in KNOWN else 1.0) for label in model.labels(labels)]
        _candidate_sets[script] = labels, np.array(priors, dtype=np.float32)
    return _candidate_sets[script]


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word starting at ``start`` follows a sentence end or opens a quotation
    (an initial such as "W." ends no sentence)."""
    before = text[max(0, start - 4):start].rstrip()
    if before.endswith((".", "!", "?", ":", *_QUOTE_OPENERS)):
        return not (before.endswith(".") and len(before) > 1 and before[-2].isupper() and
                    (len(before) == 2 or not before[-3].isalpha()))
    return False


_NEXT_WORD = re.compile(r"\s+(\w)")


def _opens_title(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word opening a quotation is followed by another: the first word of
    a quoted name or title ("“The Sunday Times”"), not of a quoted sentence."""
    if text[max(0, start - 1):start] not in _QUOTE_OPENERS:
        return False
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).isupper()


def _tokens(text: str, script: str) -> tuple[str, list[tuple[str, int]]]:
    """The text the models read and the lower-case words of the main script, each marked 0
    running word, 1 capitalised name, 2 piece after a hyphen. The models do not read words of
    other scripts, nor (in scripts listed in DROP_NAMES) names when two running words remain."""
    foreign, names, tokens = [], [], []
    for m in rules.WORD.finditer(text):
        word = m.group(0)
        if rules.char_script(word[0]) != script:
            foreign.append(m.span())
            continue
        start = m.start()
        if start > 1 and text[start - 1] in "-'’" and not text[start - 2].isspace():
            kind = 2  # an ending on a name or number: "2000-жылдары", "1895'te"
        elif word[0].isupper() and (tokens and not _opens_sentence(text, start) or
                                    len(word) > 1 and word.isupper() or _opens_title(text, start, m.end())):
            kind = 1
            names.append(m.span())
        else:
            kind = 0
        tokens.append((word.lower(), kind))
    if script in DROP_NAMES and sum(1 for _, kind in tokens if kind != 1) >= MIN_RUNNING:
        foreign = sorted(foreign + names)
    if not foreign:
        return text, tokens
    pieces, last = [], 0
    for start, end in foreign:
        pieces.append(text[last:start] + " ")
        last = end
    pieces.append(text[last:])
    return "".join(pieces), tokens


def _detect_region(text: str) -> LangResult:
    """Script first (Armenian and Georgian are settled by it), then the weighing below."""
    text = unicodedata.normalize("NFC", _truncate(text))
    counts = rules.script_counts(text)
    if not counts:  # nothing but digits, punctuation or symbols
        return _und()
    script = rules.main_script(counts)
    share = counts[script] / sum(counts.values())
    script = "" if script == "Other" else script
    # A single word says too little (scripts written without spaces: fewer than 4 letters).
    first = rules.WORD.search(text)
    if script and (first is None or rules.WORD.search(text, first.end()) is None) or \
            not script and sum(map(len, rules.WORD.findall(text))) < 4:
        return _und(script, 0.05)
    if script == "Armn":
        return LangResult("hy", script, share)
    if script == "Geor":
        return LangResult("ka", script, share)
    if script not in ("Cyrl", "Latn"):
        lang, prob = langid_model.py3langid().classify(text)
        return LangResult(_map_code(lang), script, float(prob))

    if script == "Cyrl" and "Latn" in counts:
        text = rules.fix_homoglyphs(text)
    elif script == "Latn":
        text = rules.normalise_uzbek_apostrophe(text)
    if script == "Latn" and rules.kazakh_latin(text):
        return LangResult("kk", script, 0.9)
    if len(counts) == 1 and (script not in DROP_NAMES or len(text) > NAMES_MATTER_BELOW):
        # The models read it all (names drown in a long text); words are split on demand.
        return _weigh(text, None, script)
    model_text, tokens = _tokens(text, script)
    if len(tokens) < 2 and sum(len(w) for w, _ in tokens) < MIN_LETTERS:
        return _und(script, 0.05)
    return _weigh(model_text, tokens, script)


def _weigh(text: str, tokens: list[tuple[str, int]] | None, script: str) -> LangResult:
    """Add up each candidate's evidence: model likelihood, prior, missing letters, and, while
    they could still change the answer, CLD2's vote, function words and endings."""
    model = langid_model.py3langid()
    counts, nbytes = model.features(text)
    extra = CLD2_VOTE + WORD_WEIGHT * MAX_EVIDENCE  # the most the last two can add
    candidates, priors = _candidates(script)
    # Likelihood and prior; what trails by more than the other evidence can add is dropped.
    scores = model.scores(counts, nbytes, candidates, extra, priors)
    codes = _codes()
    lexicon = rules.lexicon(script)
    if tokens is None:
        letters = {ch for ch in "".join(set(text)).lower() if ch.isalpha()}
    else:
        letters = {ch for ch in set("".join(w for w, _ in tokens)) if ch.isalpha()}
    for lang, penalty in lexicon.letter_penalties(letters, scores).items():
        scores[lang] += penalty
    if _margin(scores) < extra:
        vote = langid_model.cld2(text)
        for lang in scores:
            if codes.get(lang, lang) == vote:
                scores[lang] += CLD2_VOTE
        if _margin(scores) < WORD_WEIGHT * MAX_EVIDENCE:
            if tokens is None:
                tokens = _tokens(text, script)[1]
            for lang, units in lexicon.evidence(tokens).items():
                if lang in scores:
                    scores[lang] += WORD_WEIGHT * min(units, MAX_EVIDENCE)
            for lang, penalty in lexicon.ending_penalties(tokens, scores).items():
                scores[lang] += penalty
    best = max(scores, key=scores.get)
    score = 1.0 / sum(math.exp(v - scores[best]) for v in scores.values())
    return LangResult(codes.get(best, best) if score >= MIN_SCORE else "und", script, score)


def _margin(scores: dict[str, float]) -> float:
    if len(scores) < 2:
        return math.inf
    first, second = sorted(scores.values(), reverse=True)[:2]
    return first - second


_label_codes: dict[str, str] = {}


def _codes() -> dict[str, str]:
    """Model labels whose code differs from ours (uzs -> uz, zxx -> und)."""
    if not _label_codes:
        for label in langid_model.py3langid().classes:
            if _map_code(label) != label:
                _label_codes[label] = _map_code(label)
    return _label_codes


_BACKENDS = {"region": _detect_region, "py3langid": _detect_py3langid,
             "pycld2": _detect_pycld2, "langdetect": _detect_langdetect}


def detect(text: str, backend: str = DEFAULT_BACKEND) -> LangResult:
    """Language and script of ``text``; ``und`` with a low score when there is too little."""
    if backend not in _BACKENDS:
        raise ValueError(f"unknown language backend {backend!r}; choose from {BACKENDS}")
    return _BACKENDS[backend](text) if text and text.strip() else _und()


def sentences(text: str) -> list[str]:
    """Lines and sentences of a text (split after . ! ? … and at line breaks)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def detect_document(text: str, backend: str = DEFAULT_BACKEND, max_chars: int = 4000) -> LangResult:
    """Language of an article body: each sentence of its first ``max_chars`` votes with its
    length in words (times 0.5 + its confidence), so a quotation in another language cannot
    outvote the text around it and a mixed text gets its majority language. Sentences of fewer
    than three words do not vote unless nothing else does; the score is the winner's share."""
    parts, used = [], 0
    for sentence in sentences(text):
        parts.append(sentence)
        used += len(sentence)
        if used >= max_chars:
            break
    voters = [p for p in parts if len(rules.WORD.findall(p)) >= 3] or parts
    if len(voters) <= 1:
        return detect(" ".join(voters), backend)
    weights: dict[tuple[str, str], float] = {}
    for part in voters:
        result = detect(part, backend)
        if result.lang == "und":
            continue
        key = (result.lang, result.script)
        weights[key] = weights.get(key, 0.0) + len(rules.WORD.findall(part)) * (0.5 + result.score)
    if not weights:
        return detect(" ".join(voters), backend)
    (lang, script), weight = max(weights.items(), key=lambda kv: kv[1])
    return LangResult(lang, script, weight / sum(weights.values()))
