"""Articles wrapped the way extracted pages arrive, written for the story tests: a ticker whose
numbers change daily, a masthead, a menu, a read-also line quoting another headline, social
and copyright lines. Two stories besides those of tests/support/stories.py, each in Russian and
English, and a helper that wraps any paragraphs in one outlet's chrome."""
from __future__ import annotations

from dataclasses import replace

from tests.support.stories import article

COURT_RU = ("Октябрьский районный суд Бишкека 3 ноября оштрафовал журналистов Айбека Токтогулова и Нургуль Асановой.\n"
            "По версии обвинения, они провели съёмку у здания мэрии без аккредитации.\n"
            "Адвокат Тимур Бекназаров заявил, что обжалует решение в городском суде.\n"
            "Организация «Адилет» назвала приговор давлением на прессу и потребовала отменить штрафы по 15 000 сомов.\n"
            "Журналисты работают в издании «Азия Ньюс» и освещали протест жителей района Ала-Арча.")
COURT_EN = ("Bishkek's Oktyabrsky district court on 3 November fined journalists Aibek Toktogulov and Nurgul Asanova.\n"
            "Prosecutors said they had filmed outside the mayor's office without accreditation.\n"
            "Their lawyer Timur Beknazarov said he would appeal to the city court.\n"
            "The Adilet group called the ruling pressure on the press and demanded the 15,000 som fines be lifted.\n"
            "The journalists work for Asia News and had covered a protest by residents of the Ala-Archa district.")
MARCH_RU = ("В Тбилиси 17 мая около двухсот активистов прошли маршем к зданию парламента.\n"
            "Организаторы из группы «Равенство» заявили, что полиция обеспечила безопасность шествия.\n"
            "Контрдемонстранты собрались у станции метро Руставели, но столкновений не произошло.\n"
            "Депутат Георгий Мчедлишвили призвал принять закон о защите от дискриминации.")
MARCH_OTHER_YEAR_RU = ("В Тбилиси 17 мая 2013 года полиция задержала восемь участников акции группы «Равенство».\n"
                       "Правозащитник Леван Беридзе сообщил, что задержанных доставили в отдел у станции Руставели.\n"
                       "Омбудсмен Нино Ломджария потребовала расследовать действия полиции.\n"
                       "Участники акции требовали равных прав и закона о защите от дискриминации.")

TICKER = "USD {usd} · EUR {eur} · Бишкек +{temp}°C"
MENU = "Главная · Новости · Лента · Политика · Общество · Видео"
SOCIAL = "Facebook · Telegram · YouTube · Instagram"
FOOTER = "© 2026 {outlet}. Все права защищены. Перепечатка только со ссылкой."
SUBSCRIBE = "Подпишитесь на наш канал в Telegram, чтобы не пропустить главное."


def chrome(paragraphs: list[str], outlet: str, day: int, headline: str | None = None, menu_top: bool = True) -> str:
    """The paragraphs inside an outlet's wrapping on day `day` (the ticker's numbers move)."""
    ticker = TICKER.format(usd=f"{87 + day * 0.37:.2f}", eur=f"{94 + day * 0.41:.2f}", temp=5 + day % 9)
    head = [ticker, f"{outlet} — новости, которым доверяют"] + ([MENU] if menu_top else [])
    body = list(paragraphs)
    if headline:
        body.insert(len(body) // 2, f"Читайте также: {headline}")
    tail = [SUBSCRIBE, SOCIAL, FOOTER.format(outlet=outlet)] + ([] if menu_top else [MENU])
    return "\n".join(head + body + tail)


def wrapped_article(aid: str, paragraphs: list[str], outlet: str, lang: str = "ru", hours: float = 0,
                    title: str = "", headline: str | None = None, menu_top: bool = True, published: bool = True):
    """An article of `outlet` (its source id) `hours` after T0, wrapped in its chrome."""
    day = int(hours // 24)
    a = article(aid, chrome(paragraphs, outlet, day, headline, menu_top), lang, hours=hours, source=outlet,
                published=published)
    return replace(a, title=title)


def filler(outlet: str, n: int, hours: float = 0, day: int = 0):
    """Unrelated short news of `outlet`, to teach the index what the outlet repeats."""
    topics = [("Мэрия отремонтирует {k} дворов в Свердловском районе до конца года.",
               "Работы оплатят из городского бюджета, сообщили в пресс-службе."),
              ("Тренер сборной объявил состав на матч с командой {k} округа.",
               "Игра пройдет на Центральном стадионе в субботу вечером."),
              ("Синоптики обещают снег в горах и похолодание до минус {k} градусов.",
               "Водителей просят не выезжать на перевалы без зимних шин.")]
    out = []
    for i in range(n):
        first, second = topics[i % len(topics)]
        out.append(wrapped_article(f"{outlet}-{day}-{i}", [first.format(k=11 + 7 * i + day), second], outlet,
                                   hours=hours + i * 0.5))
    return out
