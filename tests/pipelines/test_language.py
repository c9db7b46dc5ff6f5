"""Language identification: inline fixtures in the twelve and a few foreign languages, the
reference Kazakh article, and accuracy floors on the shared dev set (skipped when absent)."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

from pipelines.language import BACKENDS, DEFAULT_BACKEND, detect, detect_script
from pipelines.models import LangResult
from tests.conftest import shared_path

TWELVE = {"kk", "ky", "ru", "uz", "tg", "tk", "hy", "az", "ka", "be", "uk", "en"}

# Written for these tests: a sentence, headline fragments, (lang, script) expected.
REGION_TEXTS = {
    ("kk", "Cyrl"): [
        "Алматыда бейбіт жиынға қатысқан белсенділер полиция бөлімшесіне апарылды.",
        "Құқық қорғаушылар сот шешіміне шағым түсірді",
        "Астанадағы наразылық акциясы",
        "Ұйым баяндамасында ЛГБТ адамдарының құқығы туралы айтылған",
    ],
    ("ky", "Cyrl"): [
        "Бишкекте тынчтык жыйынга катышкан активисттер милицияга алып кетилди.",
        "Укук коргоочулар соттун чечимине даттанышты",
        "Жогорку Кеңеш мыйзам долбоорун кабыл алды",
    ],
    ("ru", "Cyrl"): [
        "В Москве полиция задержала участников одиночного пикета у здания суда.",
        "Правозащитники обжаловали решение суда",
        "Закон об иностранных агентах вступил в силу",
    ],
    ("uz", "Latn"): [
        "Toshkentda huquq himoyachilari sud qaroriga shikoyat qilishdi.",
        "Oʻzbekistonda jurnalistlar hibsga olindi",
        "O'zbekiston hukumati yangi qonun loyihasini e'lon qildi",
    ],
    ("uz", "Cyrl"): [
        "Тошкентда ҳуқуқ ҳимоячилари суд қарорига шикоят қилишди.",
        "Ўзбекистонда журналистлар ҳибсга олинди",
        "Мустақил оммавий ахборот воситалари ҳақида",
    ],
    ("tg", "Cyrl"): [
        "Дар Душанбе ҳимоятгарони ҳуқуқи башар аз қарори суд шикоят карданд.",
        "Рӯзноманигорон дар Хуҷанд боздошт шуданд",
        "Озодии баён ва ҷамъомадҳо",
    ],
    ("tk", "Latn"): [
        "Aşgabatda hukuk goraýjylary kazyýetiň kararyna şikaýat etdiler.",
        "Türkmenistanda žurnalistler tussag edildi",
        "Garaşsyz habar beriş serişdeleri barada",
    ],
    ("hy", "Armn"): [
        "Երևանում իրավապաշտպանները բողոքարկել են դատարանի որոշումը։",
        "Խաղաղ հավաքների ազատություն",
    ],
    ("ka", "Geor"): [
        "თბილისში უფლებადამცველებმა სასამართლოს გადაწყვეტილება გაასაჩივრეს.",
        "მშვიდობიანი შეკრების თავისუფლება",
    ],
    ("az", "Latn"): [
        "Bakıda hüquq müdafiəçiləri məhkəmənin qərarından şikayət etdilər.",
        "Azərbaycanda jurnalistlər həbs edildi",
        "Sülh yolu ilə toplaşmaq azadlığı",
    ],
    ("be", "Cyrl"): [
        "У Мінску праваабаронцы абскардзілі рашэнне суда.",
        "Удзельнікаў акцыі затрымалі ў цэнтры горада",
        "Свабода мірных сходаў",
    ],
    ("uk", "Cyrl"): [
        "У Києві правозахисники оскаржили рішення суду щодо заборони маршу.",
        "Учасників акції затримали в центрі міста",
        "Свобода мирних зібрань",
    ],
    ("en", "Latn"): [
        "Police in Almaty detained activists who gathered for a peaceful rally on Sunday.",
        "Rights groups appeal court ruling",
        "Freedom of peaceful assembly",
    ],
}
# Neighbours and others the pipeline meets: they must keep their own code, not one of ours.
FOREIGN_TEXTS = {
    ("tr", "Latn"): [
        "İstanbul'da polis Onur Yürüyüşü'ne katılan aktivistleri gözaltına aldı.",
        "Mahkeme kararına itiraz edildi",
        "Barışçıl toplanma özgürlüğü",
    ],
    ("bg", "Cyrl"): [
        "Полицията в София задържа участниците в протеста пред съдебната палата.",
        "Съдът отхвърли жалбата на правозащитниците",
    ],
    ("mn", "Cyrl"): [
        "Улаанбаатар хотод цагдаа нар жагсагчдыг баривчилсан байна.",
        "Хүний эрхийн байгууллагууд шүүхийн шийдвэрийг эсэргүүцэв",
    ],
    ("de", "Latn"): [
        "Die Polizei in Berlin hat am Sonntag mehrere Aktivisten festgenommen.",
        "Gericht weist Klage der Menschenrechtler ab",
    ],
}


def _cases(table):
    return [pytest.param(text, lang, script, id=f"{lang}-{script}-{i}")
            for (lang, script), texts in table.items() for i, text in enumerate(texts)]


def test_backends_and_default():
    assert BACKENDS == ("region", "py3langid", "langdetect")
    assert DEFAULT_BACKEND == "region"
    with pytest.raises(ValueError, match="unknown language backend"):
        detect("Some English text here", backend="nope")


@pytest.mark.parametrize(("text", "lang", "script"), _cases(REGION_TEXTS))
def test_region_backend_on_the_twelve(text, lang, script):
    result = detect(text)
    assert isinstance(result, LangResult)
    assert (result.lang, result.script) == (lang, script)
    assert 0.5 < result.score <= 1.0


@pytest.mark.parametrize(("text", "lang", "script"), _cases(FOREIGN_TEXTS))
def test_region_backend_keeps_foreign_languages(text, lang, script):
    result = detect(text)
    assert (result.lang, result.script) == (lang, script)
    assert result.lang not in TWELVE


@pytest.mark.parametrize("text", ["", "   \n", "12345 678", "2017-12-22 10:00", "— … !!!"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_or_number_only_is_und(text, backend):
    result = detect(text, backend)
    assert result.lang == "und"
    assert result.score < 0.2


@pytest.mark.parametrize("text", ["Алматы", "ok", "Ереван"])
def test_region_refuses_a_single_word(text):
    result = detect(text)
    assert result.lang == "und"
    assert result.score < 0.2


def test_detect_script():
    assert detect_script("Қазақстан және Қырғызстан") == "Cyrl"
    assert detect_script("Oʻzbekiston Respublikasi") == "Latn"
    assert detect_script("Հայաստանի Հանրապետություն") == "Armn"
    assert detect_script("საქართველოს რესპუბლიკა") == "Geor"
    assert detect_script("جمهوری اسلامی ایران") == "Arab"
    assert detect_script("中华人民共和国") == ""
    assert detect_script("2017 — 42%") == ""
    # Capitalised Latin names do not outvote the text around them.
    assert detect_script("В интервью The Sunday Telegraph") == "Cyrl"
    assert detect_script("გადაცემა \"Saturday Night Live\"") == "Geor"


def test_uzbek_is_uz_in_both_scripts():
    latin = detect("Oʻzbekistonda jurnalistlar hibsga olindi")
    cyrillic = detect("Ўзбекистонда журналистлар ҳибсга олинди")
    assert (latin.lang, latin.script) == ("uz", "Latn")
    assert (cyrillic.lang, cyrillic.script) == ("uz", "Cyrl")


def test_kazakh_in_latin_alphabet():
    for text in ("Qazaqstan Respýblıkasynyń Prezıdenti búgin jańa zańǵa qol qoıdy.",
                 "Adamdar Almatydaǵy alańǵa jınaldy."):
        assert (detect(text).lang, detect(text).script) == ("kk", "Latn")


def test_kazakh_with_latin_look_alike_letters():
    # Web Kazakh often types Latin "i" for Cyrillic "і".
    result = detect("Бүгiн Алматыда бейбiт жиын өттi, белсендiлер ұсталды")
    assert (result.lang, result.script) == ("kk", "Cyrl")


def test_arabic_script_left_to_the_model():
    result = detect("این یک متن فارسی است که برای آزمایش نوشته شده است.")
    assert (result.lang, result.script) == ("fa", "Arab")


def test_long_text_classified_on_its_beginning():
    russian = "Правозащитники обжаловали решение суда о запрете акции. " * 80
    kazakh = "Құқық қорғаушылар сот шешіміне шағым түсірді. " * 200
    assert len(russian) > 3000
    assert detect(russian + kazakh).lang == "ru"
    assert detect(kazakh + russian).lang == "kk"


@pytest.mark.parametrize("backend", BACKENDS)
def test_deterministic(backend):
    text = "Құқық қорғаушылар сот шешіміне шағым түсірді"
    assert len({detect(text, backend) for _ in range(5)}) == 1


def test_as_dict():
    result = detect("Rights groups appeal court ruling")
    assert set(result.as_dict()) == {"lang", "script", "score"}


# ---- shared data (skipped when ../shared is absent) ---------------------------------------

def _reference_text() -> str:
    return shared_path("data", "reference", "azattyq-kk-amnesty-lgbt-2017.txt").read_text("utf-8")


def test_reference_article_is_kazakh():
    result = detect(_reference_text())
    assert (result.lang, result.script) == ("kk", "Cyrl")
    assert result.score > 0.9


def test_langdetect_misses_the_reference_article():
    """The motivating failure: langdetect has no Kazakh model and calls this article Russian,
    which is why it is not the default."""
    result = detect(_reference_text(), backend="langdetect")
    assert result.lang != "kk"


def _load(name: str) -> list[dict]:
    path = shared_path("data", "langid", name)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_region_accuracy_floor_on_dev():
    """Macro accuracy over 13 groups (uz-Latn and uz-Cyrl apart); measured 0.9995 / 0.9795."""
    hits = defaultdict(list)
    for row in _load("dev.jsonl"):
        result = detect(row["text"])
        key = (row["lang"], row["script"], row["len"])
        hits[key].append((result.lang, result.script) == (row["lang"], row["script"]))
    macro = {}
    for length in ("full", "short"):
        groups = [sum(v) / len(v) for (_, _, n), v in hits.items() if n == length]
        assert len(groups) == 13
        macro[length] = sum(groups) / len(groups)
    assert macro["full"] >= 0.995, macro
    assert macro["short"] >= 0.97, macro


def test_region_rarely_claims_other_languages():
    """Foreign text answered as one of the twelve is an error; measured 2.1% (short 4.2%)."""
    rows = _load("other-dev.jsonl")
    claimed = [row for row in rows if detect(row["text"]).lang in TWELVE]
    assert len(claimed) / len(rows) <= 0.05, claimed[:5]
