"""One story in Kazakh, Russian and English, another story of the same day, and the articles
built from them: what the dedup, story-link and cluster tests place."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipelines.clean import content_hash
from pipelines.models import Article

T0 = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)
STORY = ("Алматы полициясы 17 қарашада бейбіт жиналыс кезінде үш белсендіні ұстады.\n"
         "Белсенділер ЛГБТ адамдардың құқығын қорғауды талап етіп, әкімдік алдында пикетке шыққан.\n"
         "Құқық қорғаушы Жанар Секербаева ұсталғандарды дереу босатуды сұрады.\n"
         "Полиция оқиға туралы ресми түсініктеме бермеді, сот үш белсендіге 50 000 теңгеден айыппұл салды.\n"
         "Пикет қала әкімдігінің алдында жарты сағатқа созылды.")


STORY_RU = ("Полиция Алматы 17 ноября задержала трёх активистов во время мирного собрания.\n"
            "Активисты вышли на пикет у акимата, требуя защитить права ЛГБТ.\n"
            "Правозащитница Жанар Секербаева потребовала немедленно освободить задержанных.\n"
            "Полиция не дала официальных комментариев, суд оштрафовал троих активистов на 50 000 тенге.\n"
            "Пикет у здания акимата города продолжался полчаса.")


STORY_EN = ("Police in Almaty on 17 November detained three activists at a peaceful assembly.\n"
            "The activists picketed outside the akimat, demanding protection of LGBT rights.\n"
            "Rights defender Zhanar Sekerbayeva demanded the immediate release of those detained.\n"
            "The police gave no official comment; a court fined the three activists 50,000 tenge each.\n"
            "The picket outside the city akimat lasted half an hour.")


OTHER_SAME_DAY = ("Шымкент соты 17 қарашада белсенді Әйгерім Нұрлановаға 120 000 теңге айыппұл салды.\n"
                  "Полицияның айтуынша, ол 12 қарашада мәслихат алдында тарифтерге қарсы митинг ұйымдастырған.\n"
                  "Нұрланова шешімге облыстық сотқа шағымданатынын мәлімдеді.")


def article(aid, text, lang="kk", url=None, hours=0, index=None, source="s", published=True):
    """An untagged article `hours` after T0 (undated with `published=False`)."""
    when = T0 + timedelta(hours=hours)
    return Article(
        article_id=aid, url=url or f"https://x.kz/{aid}", canonical_url=url or f"https://x.kz/{aid}",
        source_id=source, title="", text=text, published_at=when if published else None,
        first_seen_at=when, language=lang, script="Cyrl", language_score=1,
        topics=[], countries=[], organizations=[], relevance=0, content_hash=content_hash(text),
        report_index=index)


def republished(text: str) -> str:
    """A mirror's copy: a Source line, new boilerplate, one paragraph dropped."""
    paragraphs = text.split("\n")
    return "\n".join(["Дереккөз: Dala Times"] + paragraphs[:2] + paragraphs[3:] +
                     ["Жаңалықтарды жіберіп алмау үшін Telegram-арнамызға жазылыңыз!"])


# Another outlet's own write-up of the event in STORY_RU: the same facts in their order, but
# its own words and its own sources (a lawyer, the article of the code, the officer).
STORY_RU_OTHER_OUTLET = (
    "Утром 17 ноября в Алматы сотрудники полиции увели с площади у акимата трёх человек, вышедших с плакатами.\n"
    "Участники акции требовали защитить права ЛГБТ, рассказал их адвокат Ерлан Калиев.\n"
    "Жанар Секербаева, известная правозащитница, назвала задержание незаконным, а Калиев подал жалобу в Медеуский суд.\n"
    "Вечером того же дня суд назначил каждому штраф в 50 000 тенге по статье 488, протоколы подписал майор Асхат "
    "Нурланов.")

# A second Russian translation of STORY, worded apart from STORY_RU: its facts in their order.
STORY_RU_SECOND_TRANSLATION = (
    "17 ноября в Алматы полицейские задержали трёх активистов на мирном собрании.\n"
    "Они стояли с пикетом возле акимата и требовали защиты прав ЛГБТ.\n"
    "Правозащитница Жанар Секербаева призвала сразу отпустить задержанных.\n"
    "Полиция от комментариев отказалась, а суд назначил трём активистам штрафы по 50 000 тенге.\n"
    "Пикет возле городского акимата длился полчаса.")

# Teasers an outlet prints among an article's paragraphs: other stories' headlines, each with
# its lead, ending as sentences do (so only knowing those headlines would tell them apart).
TEASERS_RU = [
    "В Бишкеке открылась выставка молодых художников из пяти стран Центральной Азии. Организаторы ожидают, "
    "что за две недели её посетят более десяти тысяч человек.",
    "Правительство Таджикистана утвердило новую программу развития горных районов до 2030 года. На её "
    "реализацию выделят средства из государственного бюджета и от международных доноров.",
    "В Ташкенте завершился международный турнир по дзюдо среди юниоров. Сборная Узбекистана заняла первое "
    "место в командном зачёте, опередив команды Казахстана и Грузии.",
    "Синоптики обещают резкое похолодание на севере Казахстана в конце недели. В Петропавловске и Костанае "
    "ночью ожидается до пятнадцати градусов мороза и сильный ветер.",
    "Армянские археологи нашли в Ширакской области остатки поселения бронзового века. Раскопки продолжатся "
    "летом следующего года при поддержке местного университета.",
]

def among_teasers(text: str) -> str:
    """A repost that keeps three of the text's paragraphs between five long teasers of its own."""
    kept = text.split("\n")
    return "\n".join([TEASERS_RU[0], kept[0], kept[1], TEASERS_RU[1], TEASERS_RU[2], kept[3],
                      TEASERS_RU[3], TEASERS_RU[4]])


# Another story of the same day in Russian, of five long paragraphs.
OTHER_RU_LONG = (
    "Суд Шымкента 17 ноября оштрафовал активистку Айгерим Нурланову на 120 000 тенге за организацию митинга.\n"
    "По данным полиции, 12 ноября она собрала у здания маслихата около сорока жителей, недовольных тарифами.\n"
    "Нурланова заявила журналистам, что митинг был мирным и что она обжалует решение в областном суде.\n"
    "Её адвокат Бахыт Оспанов считает, что полиция не доказала, что именно она созвала людей на площадь.\n"
    "В прошлом году тарифы на отопление в Шымкенте выросли почти на треть, напоминают местные журналисты.")
