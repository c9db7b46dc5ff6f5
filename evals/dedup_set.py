"""The labelled set `rightswatch eval dedup` scores: read as given, or built from parallel stories.

Parallel stories (one record per story and language, no `url`, like the shared
`stories/dev.jsonl`) become a seeded mix: each story in a few languages, spread over two
weeks, some of its articles republished by a mirror outlet with new boilerplate, a
"Source:" line, maybe a dropped paragraph and a changed title. Every other story is a
negative. A record with a `url` is taken as it is (the project's own fixture set).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.errors import BadInput
from evals.labelled import json_lines, require

T0 = datetime(2026, 3, 2, 6, tzinfo=timezone.utc)
SPREAD_DAYS = 14

OUTLETS = ["dala-times.kz", "alatoo-post.kg", "ararat-daily.am", "eurasia-wire.net", "tashkent-herald.uz",
           "nasha-vesnik.by", "mtatsminda-courier.ge", "step-news.ua", "caspian-reporter.az",
           "dushanbe-echo.tj", "ashgabat-bulletin.tm", "steppe-mirror.kz"]

# Written for this evaluation: what a republishing outlet adds, in each language.
SOURCE_LINE = {
    "en": "Source: {}", "ru": "Источник: {}", "kk": "Дереккөз: {}", "ky": "Булак: {}", "uz": "Manba: {}",
    "tg": "Манбаъ: {}", "tk": "Çeşme: {}", "hy": "Աղբյուրը՝ {}", "az": "Mənbə: {}", "ka": "წყარო: {}",
    "be": "Крыніца: {}", "uk": "Джерело: {}",
}
BOILERPLATE = {
    "en": ["Subscribe to our Telegram channel so you never miss the news.",
           "Reprinting is allowed only with a link to the source.", "Read also: the main news of the day"],
    "ru": ["Подписывайтесь на наш Telegram-канал, чтобы не пропустить новости.",
           "Перепечатка разрешена только со ссылкой на источник.", "Читайте также: главные новости дня"],
    "kk": ["Жаңалықтарды жіберіп алмау үшін Telegram-арнамызға жазылыңыз.",
           "Материалды көшіріп басу тек дереккөзге сілтеме берілгенде рұқсат етіледі.",
           "Сондай-ақ оқыңыз: күннің басты жаңалықтары"],
    "ky": ["Жаңылыктарды өткөрүп жибербөө үчүн Telegram-каналыбызга жазылыңыз.",
           "Материалды көчүрүп басууга булакка шилтеме менен гана уруксат берилет.",
           "Ошондой эле окуңуз: күндүн негизги жаңылыктары"],
    "uz": ["Yangiliklarni o‘tkazib yubormaslik uchun Telegram kanalimizga obuna bo‘ling.",
           "Materialni ko‘chirib bosish faqat manbaga havola bilan ruxsat etiladi.",
           "Shuningdek o‘qing: kunning asosiy yangiliklari"],
    "tg": ["Барои аз даст надодани хабарҳо ба канали Telegram-и мо обуна шавед.",
           "Нашри дубораи мавод танҳо бо истинод ба манбаъ иҷозат дода мешавад.",
           "Инчунин хонед: хабарҳои асосии рӯз"],
    "tk": ["Täzelikleri sypdyrmazlyk üçin Telegram kanalymyza ýazylyň.",
           "Materiallary göçürip çap etmek diňe çeşmä salgylanma bilen rugsat edilýär.",
           "Şeýle hem okaň: günüň esasy täzelikleri"],
    "hy": ["Բաժանորդագրվեք մեր Telegram ալիքին, որպեսզի բաց չթողնեք նորությունները։",
           "Նյութի վերատպումը թույլատրվում է միայն աղբյուրին հղումով։",
           "Կարդացեք նաև՝ օրվա գլխավոր նորությունները"],
    "az": ["Xəbərləri qaçırmamaq üçün Telegram kanalımıza abunə olun.",
           "Materialın təkrar çapı yalnız mənbəyə istinadla icazə verilir.",
           "Həmçinin oxuyun: günün əsas xəbərləri"],
    "ka": ["გამოიწერეთ ჩვენი Telegram არხი, რომ სიახლეები არ გამოგრჩეთ.",
           "მასალის გადაბეჭდვა დაშვებულია მხოლოდ წყაროს მითითებით.",
           "ასევე წაიკითხეთ: დღის მთავარი ამბები"],
    "be": ["Падпісвайцеся на наш Telegram-канал, каб не прапусціць навіны.",
           "Перадрук дазволены толькі са спасылкай на крыніцу.", "Чытайце таксама: галоўныя навіны дня"],
    "uk": ["Підписуйтеся на наш Telegram-канал, щоб не пропустити новини.",
           "Передрук дозволено лише з посиланням на джерело.", "Читайте також: головні новини дня"],
}
FIELDS = ("story", "title", "text")


def read_records(path: Path) -> list[dict]:
    """JSON lines with at least story, title, text and lang (or language)."""
    records = []
    for number, record in json_lines(path, "the default lives in shared/data/stories/ beside the project"):
        require(path, number, all(isinstance(record.get(f), str) for f in FIELDS),
                f"needs string fields {', '.join(FIELDS)}")
        record["lang"] = record.get("lang") or record.get("language") or ""
        if not record["lang"]:
            raise BadInput(f"{path}:{number}: needs lang")
        records.append(record)
    if not records:
        raise BadInput(f"{path}: no records")
    return records


def labelled_set(records: list[dict], seed: int = 7) -> list[dict]:
    """Articles with `story`, `url`, `source`, `published`: as given, or mixed from parallel stories."""
    if all(r.get("url") for r in records):
        out = []
        for r in records:
            published = r.get("published")
            out.append({**r, "source": r.get("source") or "fixture",
                        "published": datetime.fromisoformat(published) if published else None})
        return out
    return mix(records, seed)


def mix(records: list[dict], seed: int = 7, min_languages: int = 2, max_languages: int = 5,
        republish_share: float = 0.5) -> list[dict]:
    rng = random.Random(seed)
    by_story: dict[str, dict[str, dict]] = {}
    for r in records:
        by_story.setdefault(r["story"], {})[r["lang"]] = r
    out: list[dict] = []
    for n, story in enumerate(sorted(by_story)):
        versions = by_story[story]
        languages = rng.sample(sorted(versions), min(len(versions), rng.randint(min_languages, max_languages)))
        day = T0 + timedelta(days=rng.randrange(SPREAD_DAYS), minutes=rng.randrange(600))
        for lang in languages:
            outlet = rng.choice(OUTLETS)
            when = day + timedelta(minutes=rng.randrange(36 * 60))
            base = versions[lang]
            original = {"story": story, "lang": lang, "title": base["title"], "text": base["text"],
                        "url": f"https://{outlet}/{lang}/news/{n}-{lang}.html", "source": outlet,
                        "published": when}
            out.append(original)
            if rng.random() < republish_share:
                out.append(republish(original, rng))
    return out


def republish(article: dict, rng: random.Random) -> dict:
    """A mirror outlet's copy: new boilerplate and source line, maybe a paragraph dropped
    and a new title."""
    lang = article["lang"]
    mirror = rng.choice([o for o in OUTLETS if o != article["source"]])
    paragraphs = article["text"].split("\n")
    if len(paragraphs) >= 3 and rng.random() < 0.6:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    boiler = BOILERPLATE.get(lang, BOILERPLATE["en"])
    source = SOURCE_LINE.get(lang, SOURCE_LINE["en"]).format(article["source"])
    head = [boiler[2]] if rng.random() < 0.5 else []
    tail = [source, boiler[0], boiler[1]] if rng.random() < 0.5 else [boiler[0], source, boiler[1]]
    title = article["title"]
    if rng.random() < 0.6:
        lead = paragraphs[0].split()
        title = " ".join(lead[:rng.randint(6, 12)]).rstrip(",.;:")
    return {**article, "title": title, "text": "\n".join(head + paragraphs + tail),
            "url": f"https://{mirror}/{lang}/repost/{rng.randrange(10**6)}.html",
            "source": mirror, "published": article["published"] + timedelta(minutes=rng.randrange(60, 72 * 60))}
