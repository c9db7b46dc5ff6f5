"""Language identification for the region's twelve languages (kk ky ru uz tg tk hy az ka be uk en).

Backends: ``region`` (default) reads the script first, then reweights py3langid's distribution
over all its languages with a prior towards the twelve, the letters each alphabet lacks and
frequent function words; foreign languages keep their own code. ``py3langid`` is that model
unchanged; ``langdetect`` is seeded langdetect (no model for most of the twelve).
"""
from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

from pipelines.models import LangResult

BACKENDS: tuple[str, ...] = ("region", "py3langid", "langdetect")
DEFAULT_BACKEND = "region"

REGION = frozenset("kk ky ru uz tg tk hy az ka be uk en".split())
MAX_CHARS = 3000  # classify at most this much of a long text
# Prior weights before renormalising: the twelve, then languages the region's media plausibly
# carry (neighbours, majors), then everything else (mostly low-resource languages) at 1.
REGION_PRIOR = 9.0
KNOWN_PRIOR = 3.0
KNOWN = frozenset("tr crh tt ba mn bg mk sr fa ar de pl lt lv et fr es it ro cs sk hu he el fi "
                  "sv nl pt hr bs sl zh ja ko ug ps ur hi".split())
PENALTY_EXTENDED = 0.03  # per distinct letter outside a language's alphabet (non-basic)
PENALTY_BASIC = 0.3  # same, for basic Russian / ASCII letters (names, loans)
MAX_PENALTIES = 3
NAME_WEIGHT = 0.25  # weight of capitalised words' letters when choosing the script

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_RU_BASIC = frozenset(_RU)
_LAT_BASIC = frozenset("abcdefghijklmnopqrstuvwxyz")
# Alphabets (lower case) of the Cyrillic languages the model knows, ours and neighbours.
CYRILLIC_ALPHABETS = {
    "ru": _RU, "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "be": "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
    "kk": _RU + "әғқңөұүһі", "ky": _RU + "ңөү", "tg": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
    "uz": "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ", "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџшѝ", "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mn": _RU + "өү", "tt": _RU + "әөүҗңһ", "ba": _RU + "әөүғҡңҙҫһ",
}
# Latin alphabets; "ʻ" stands for the Uzbek tutuq belgisi (oʻ gʻ, any apostrophe form).
LATIN_ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz", "uz": "abcdefghijklmnopqrstuvxyzʻ",
    "tk": "abcdefghijklmnoprstuvwxyzäçňöşüýž", "az": "abcdefghijklmnopqrstuvxyzçəğıöşü",
    "tr": "abcdefghijklmnoprstuvyzçğıöşüâîû", "crh": "abcdefghijklmnopqrstuvyzçğıñöşüâ",
}
# Frequent function words and month names, per script and language ("stem*" matches words
# starting with it). Each one found multiplies its languages' weight by WORD_BOOST (at most
# MAX_WORD_HITS times): a headline fragment often turns on one "and", "in", "that" or a date.
FUNCTION_WORDS = {
    "Cyrl": {
        "ru": "и в во не на что с со по это как он она они но к у за из от о об же так также "
            "который которая которые было был была быть его её их все уже только для при после "
            "когда если или бы чтобы ещё будет может есть этого этой году между через под более",
        "uk": "і й та в у не на що з із зі по це як він вона вони але до від про також який яка "
            "які було був була бути його її їх всі вже лише тільки для при після коли якщо або "
            "б щоб ще буде може є цього цієї році між через під більше січня лютого березня "
            "квітня травня червня липня серпня вересня жовтня листопада грудня",
        "be": "і й ды ў у не на што з са па гэта як ён яна яны але да ад пра таксама які якая "
            "якія было быў была быць яго яе іх усе ўжо толькі для пры пасля калі або каб яшчэ "
            "будзе можа ёсць гэтага годзе паміж праз пад больш студзеня лютага сакавіка "
            "красавіка мая чэрвеня ліпеня жніўня верасня кастрычніка лістапада снежня",
        "bg": "и в във не на че с със по това как той тя те но към от за е са се да ще бъде който "
            "която които беше бе може има при след когато ако или още само този тази тези "
            "година както между чрез под повече",
        "mk": "и во не на дека со по ова како тој таа тие но кон од за е се да ќе биде кој која "
            "кои беше може има при кога ако или уште само овој оваа овие година помеѓу преку",
        "sr": "и у не на да са по ово како он она они али ка од за је се ће бити који која које "
            "био може има при после када ако или још само овај ова ови године између преко",
        "kk": "және мен бен пен да де та те бұл осы ол олар деп үшін бойынша болып болды еді бір "
            "туралы сол оның оны қатысты тиіс керек жылы арқылы сондай-ақ кейін дейін бірақ біз "
            "сіз ретінде қаңтар* ақпан* наурыз* сәуір* мамыр* маусым* шілде* тамыз* қыркүйек* "
            "қазан* қараша* желтоқсан*",
        "ky": "мен жана менен бул ошол ал алар деп үчүн боюнча болуп болду эле бир жөнүндө анын "
            "аны тийиш керек жылы аркылуу ошондой кийин чейин бирок биз сиз катары",
        "tg": "ва дар ба аз бо ки ин он барои мебошад буд шуд аст як онҳо мо шумо ҳам низ то бояд "
            "тавассути вай баъд пеш аммо лекин агар соли",
        "uz": "мен ва бу у улар учун билан деб бўлди бўлган эди бир ҳақида ҳам лекин аммо эса "
            "керак йил йили орқали кейин олдин ўз бўйича эмас биз сиз",
        "mn": "ба болон нь юм байна байсан энэ тэр гэж гэсэн бол ч нэг дээр тул мөн жил оны",
        "tt": "һәм белән дә да бу ул алар дип өчен буенча булды иде бер турында аның ләкин тиеш "
            "кирәк елны аша соң кадәр",
        "ba": "һәм менән дә да был ул улар тип өсөн буйынса булды ине бер тураһында уның ләкин "
            "тейеш кәрәк йылы аша һуң тиклем",
    },
    "Latn": {
        "en": "the of and to in a is that for it was on with as by at from be this have are which "
            "has an not or but they he she his her their were will would been",
        "uz": "va bu u ular uchun bilan deb boʻldi boʻlgan edi bir haqida ham lekin ammo esa "
            "kerak yil yili orqali keyin oldin oʻz boʻyicha emas biz siz",
        "az": "və bu o onlar üçün ilə deyə oldu olan idi bir haqqında da həm lakin amma isə lazım "
            "il ili vasitəsilə sonra əvvəl öz üzrə deyil ki biz siz",
        "tr": "ve bu o onlar için ile diye oldu olan idi bir hakkında da de ama fakat ise gerek "
            "yıl yılı sonra önce kendi göre değil ki çok daha biz siz ocak* şubat* nisan* "
            "mayıs* haziran* temmuz* ağustos* eylül* ekim* kasım* aralık*",
        "tk": "we bu ol olar üçin bilen diýip boldy bolan bir hakynda hem emma ýöne bolsa gerek "
            "ýyl ýylyň arkaly soň öň öz boýunça däl diýen biz siz",
        "crh": "ve bu o olar içün ile dep oldı olğan edi bir aqqında da em amma lâkin ise kerek "
            "yıl soñ evel öz köre degil biz siz",
    },
}
WORD_BOOST = 2.0
MAX_WORD_HITS = 4
_LEXICON: dict[str, dict[str, set]] = {}  # script -> word -> languages
_STEMS: dict[str, dict[str, list]] = {}  # script -> first 3 letters -> [(stem, language)]
for _script, _table in FUNCTION_WORDS.items():
    for _lang, _words in _table.items():
        for _w in _words.split():
            if _w.endswith("*"):
                _STEMS.setdefault(_script, {}).setdefault(_w[:3], []).append((_w[:-1], _lang))
            else:
                _LEXICON.setdefault(_script, {}).setdefault(_w, set()).add(_lang)

_ALPHABETS = {script: ({k: frozenset(v) for k, v in table.items()}, basic) for script, table, basic
              in (("Cyrl", CYRILLIC_ALPHABETS, _RU_BASIC), ("Latn", LATIN_ALPHABETS, _LAT_BASIC))}
CYRILLIC_LANGS = frozenset(CYRILLIC_ALPHABETS)
# Model labels never written in Latin script; dropped when the text is Latin.
NON_LATIN_LANGS = frozenset("am ar as ba be bg bn dz el fa gom grc gu hbo he hi hy ja ka kk km kn "
                            "ko ky lo mk ml mn mr my ne or pa ps ru sa sdh si ta te tg th tt ug uk "
                            "ur uzs wuu yue zh arz ary".split())
# Kazakh in the Latin alphabets of 2018 (acute accents) and 2021 (ä ğ ñ ö ş ū ü ı).
_KK_LATIN_LETTERS = frozenset("áǵńóúýū")
_KK_LATIN_WORDS = re.compile(r"\b(qazaq\w*|jáne|jäne|úshin|üşin|boıynsha|boiynşa|bolyp|bolady|"
                             r"týraly|turaly|adamdar\w*|degen|sıaqty|búgin|bügin|memlekettik)\b")
_UZ_APOSTROPHE = re.compile(r"(?<=[oOgG])['‘’ʼʻ`]")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼʻ][^\W\d_]+)*")
# Latin look-alikes inside Cyrillic words (common in web Kazakh: "i" for "і", "ə" for "ә").
_HOMOGLYPHS = str.maketrans("aceopxyiəhkABCEHIKMOPTXYƏ", "асеорхуіәһкАВСЕНІКМОРТХУӘ")

_SCRIPT_RANGES = (
    (0x0041, 0x024F, "Latn"), (0x0250, 0x02AF, "Latn"), (0x1E00, 0x1EFF, "Latn"),
    (0x0400, 0x052F, "Cyrl"), (0x1C80, 0x1C8F, "Cyrl"), (0x2DE0, 0x2DFF, "Cyrl"),
    (0xA640, 0xA69F, "Cyrl"), (0x0530, 0x058F, "Armn"), (0xFB13, 0xFB17, "Armn"),
    (0x10A0, 0x10FF, "Geor"), (0x1C90, 0x1CBF, "Geor"), (0x2D00, 0x2D2F, "Geor"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
)


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str:
    cp = ord(ch)
    for lo, hi, name in _SCRIPT_RANGES:
        if lo <= cp <= hi:
            return name
    return "Other"


def _script_counts(text: str) -> Counter:
    """Letters per script; capitalised words weigh less (in mixed text they are names)."""
    counts: Counter = Counter()
    for word in _WORD.findall(text):
        weight = NAME_WEIGHT if word[0].isupper() else 1.0
        for ch in word:
            if ch not in "ʻʼ'’":
                counts[_char_script(ch)] += weight
    return counts


def detect_script(text: str) -> str:
    """Dominant script of the letters in ``text``: Cyrl, Latn, Armn, Geor, Arab, or ""."""
    counts = _script_counts(text or "")
    script = counts.most_common(1)[0][0] if counts else ""
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
    return "und" if code in ("zxx", "un", "unknown", "") else {"uzs": "uz"}.get(code, code)


_lock = threading.Lock()
_identifier = None


def _py3langid():
    """The unrestricted identifier with normalised probabilities, built once on first use."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _detect_py3langid(text: str) -> LangResult:
    text = _truncate(text)
    if not _WORD.search(text):
        return _und(detect_script(text))
    lang, prob = _py3langid().classify(text)
    return LangResult(_map_code(lang), detect_script(text), float(prob))


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


def _fix_homoglyphs(text: str) -> str:
    def fix(m: re.Match) -> str:
        word = m.group(0)
        scripts = {_char_script(ch) for ch in word}
        return word.translate(_HOMOGLYPHS) if {"Cyrl", "Latn"} <= scripts else word

    return _WORD.sub(fix, text)


def _letter_factors(letters: Counter, script: str) -> dict[str, float]:
    """Down-weight each language by the letters present that its alphabet lacks."""
    alphabets, basic = _ALPHABETS[script]
    factors = {}
    for lang, alphabet in alphabets.items():
        outside = [ch for ch in letters if ch not in alphabet]
        outside.sort(key=lambda ch: ch in basic)  # extended letters count first
        factor = 1.0
        for ch in outside[:MAX_PENALTIES]:
            factor *= PENALTY_BASIC if ch in basic else PENALTY_EXTENDED
        factors[lang] = factor
    return factors


def _word_factors(words: list[str], script: str) -> dict[str, float]:
    """Up-weight languages whose function words occur in the text."""
    lexicon, stems = _LEXICON[script], _STEMS.get(script, {})
    hits: Counter = Counter()
    for word in words:
        word = word.lower()
        langs = set(lexicon.get(word, ()))
        langs.update(lang for stem, lang in stems.get(word[:3], ()) if word.startswith(stem))
        hits.update(langs)
    return {lang: WORD_BOOST ** min(n, MAX_WORD_HITS) for lang, n in hits.items()}


def _kazakh_latin(lower: str, words: list[str]) -> bool:
    """Cheap test for Kazakh in Latin letters: the 2018 acute-accent alphabet, or cue words
    (the 2021 umlaut alphabet is close to Crimean Tatar and is caught only by cue words)."""
    if "ə" in lower or "ň" in lower or "ʻ" in lower or "q" not in lower and "ı" not in lower:
        return False
    marked = sum(1 for w in words if _KK_LATIN_LETTERS & set(w))
    cues = len(_KK_LATIN_WORDS.findall(lower))
    return (cues >= 1 and cues + marked >= 2) or marked >= max(2, len(words) // 5)


def _detect_region(text: str) -> LangResult:
    text = unicodedata.normalize("NFC", _truncate(text))
    counts = _script_counts(text)
    if not counts:  # nothing but digits, punctuation or symbols
        return _und()
    script = counts.most_common(1)[0][0]
    share = counts[script] / sum(counts.values())
    script = "" if script == "Other" else script
    # A single word says too little (scripts written without spaces: fewer than 4 letters).
    words = _WORD.findall(text)
    if len(words) < 2 if script else sum(map(len, words)) < 4:
        return _und(script, 0.05)
    if script == "Armn":
        return LangResult("hy", script, share)
    if script == "Geor":
        return LangResult("ka", script, share)
    if script not in ("Cyrl", "Latn"):
        lang, prob = _py3langid().classify(text)
        return LangResult(_map_code(lang), script, float(prob))

    text = _fix_homoglyphs(text) if script == "Cyrl" else _UZ_APOSTROPHE.sub("ʻ", text)
    lower = text.lower()
    words = [w for w in _WORD.findall(text) if _char_script(w[0]) == script]
    if script == "Latn" and _kazakh_latin(lower, [w.lower() for w in words]):
        return LangResult("kk", script, 0.9)
    letters = Counter(ch for ch in lower if ch.isalpha() and _char_script(ch) == script)
    factors = _letter_factors(letters, script)
    boosts = _word_factors(words, script)
    probs = {}
    for lang, p in _py3langid().rank(text):
        if script == "Cyrl" and lang not in CYRILLIC_LANGS:
            continue
        if script == "Latn" and lang in NON_LATIN_LANGS:
            continue
        prior = REGION_PRIOR if lang in REGION else KNOWN_PRIOR if lang in KNOWN else 1.0
        probs[lang] = p * prior * factors.get(lang, 1.0) * boosts.get(lang, 1.0)
    total = sum(probs.values())
    if not total or math.isnan(total):
        return _und(script, 0.05)
    lang = max(probs, key=probs.get)
    return LangResult(_map_code(lang), script, probs[lang] / total)


_BACKENDS = {"region": _detect_region, "py3langid": _detect_py3langid,
             "langdetect": _detect_langdetect}


def detect(text: str, backend: str = DEFAULT_BACKEND) -> LangResult:
    """Language and script of ``text``; ``und`` with a low score when there is too little."""
    if backend not in _BACKENDS:
        raise ValueError(f"unknown language backend {backend!r}; choose from {BACKENDS}")
    return _BACKENDS[backend](text) if text and text.strip() else _und()
