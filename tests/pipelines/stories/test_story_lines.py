"""An article's own lines: what an outlet repeats, quoted headlines and lines that are not
sentences are set aside; the article's paragraphs stay."""
from pipelines.stories.story_lines import LineFilter
from tests.support.outlet_noise import COURT_RU, article, MARCH_RU, MENU, SOCIAL, SUBSCRIBE, filler, wrapped_article


def body(filt: LineFilter, docs: list) -> list[str]:
    return [text.split("\n") for text, _ in filt.bodies(docs)]


def test_what_a_source_repeats_goes_even_within_one_batch():
    docs = filler("vesti-kg", 2) + [wrapped_article("court", COURT_RU.split("\n"), "vesti-kg", hours=2)]
    lines = body(LineFilter(), docs)
    assert lines[2] == COURT_RU.split("\n")
    assert all(SUBSCRIBE not in kept and SOCIAL not in kept for kept in lines)


def test_a_ticker_whose_numbers_change_daily_is_still_the_same_line():
    filt = LineFilter()
    filt.bodies(filler("vesti-kg", 2, hours=0))
    later = wrapped_article("court", COURT_RU.split("\n"), "vesti-kg", hours=24 * 5)
    kept = body(filt, [later])[0]
    assert not any("USD" in line for line in kept)
    assert kept == COURT_RU.split("\n")


def test_the_first_article_of_a_source_loses_its_menus_and_social_bar_but_not_its_paragraphs():
    kept = body(LineFilter(), [wrapped_article("court", COURT_RU.split("\n"), "new-outlet")])[0]
    assert MENU not in kept and SOCIAL not in kept and not any("USD" in line for line in kept)
    assert all(p in kept for p in COURT_RU.split("\n"))


def test_a_line_quoting_another_known_headline_is_not_the_body():
    filt = LineFilter()
    headline = "Суд в Бишкеке оштрафовал двух журналистов за съёмку у мэрии"
    filt.bodies([wrapped_article("court", COURT_RU.split("\n"), "a", title=headline)])
    march = wrapped_article("march", MARCH_RU.split("\n"), "b", hours=3, headline=headline + ".",
                            title="Марш в Тбилиси прошёл без столкновений")
    kept = body(filt, [march])[0]
    assert not any(headline in line for line in kept)
    assert all(p in kept for p in MARCH_RU.split("\n"))


def test_the_articles_own_headline_in_its_text_stays():
    headline = "Суд в Бишкеке оштрафовал двух журналистов за съёмку у мэрии и здания суда."
    doc = wrapped_article("court", [headline] + COURT_RU.split("\n"), "a", title=headline)
    assert headline in body(LineFilter(), [doc])[0]


def test_armenian_full_stops_end_sentences():
    text = ["Երևանում ոստիկանությունը երեք ակտիվիստի է բերման ենթարկել։",
            "Իրավապաշտպան Արման Սահակյանը պահանջել է ազատ արձակել նրանց:"]
    doc = wrapped_article("hy", text, "hy-outlet", lang="hy")
    assert body(LineFilter(), [doc])[0][:2] == text


def test_an_article_of_only_short_lines_keeps_its_text():
    doc = wrapped_article("x", [], "x")
    doc.text = "Главное за день\nКоротко о погоде"
    assert body(LineFilter(), [doc])[0] == ["Главное за день", "Коротко о погоде"]


def test_a_text_of_only_blank_lines_leaves_the_next_articles_lines_in_place():
    blank = wrapped_article("blank", [], "x")
    blank.text = " \n\t\n"
    court = wrapped_article("court", [], "y")
    court.text = COURT_RU
    assert body(LineFilter(), [blank, court]) == [[""], COURT_RU.split("\n")]


def test_a_standfirst_without_a_full_stop_opens_the_article_but_a_teaser_list_does_not():
    standfirst = "Бишкек, 3 ноября — Октябрьский районный суд оштрафовал двух журналистов «Азия Ньюс»"
    teasers = ("Ещё по теме: В Оше открылся новый рынок / Мэрия Бишкека закрыла два парка на ремонт / "
               "Сборная Кыргызстана по футболу проиграла в Ташкенте со счётом 0:2")
    paragraphs = [standfirst] + COURT_RU.split("\n")
    kept = body(LineFilter(), [wrapped_article("court", paragraphs[:2] + [teasers] + paragraphs[2:], "new-outlet")])[0]
    assert kept[0] == standfirst
    assert teasers not in kept and MENU not in kept
    assert all(p in kept for p in COURT_RU.split("\n"))


def test_a_text_wrapped_at_a_line_length_keeps_its_lines():
    report = ("Правозащитный центр «Мемориал» в докладе № 14/2024 фиксирует задержания\n"
              "участников мирных собраний в Бишкеке, Оше и Караколе: за год задержаны\n"
              "не менее 312 человек, из них 40 получили административные аресты\n"
              "сроком до 15 суток, а 12 привлечены к уголовной ответственности.\n"
              "Авторы доклада отмечают, что суды не рассматривали доводы защиты\n"
              "о мирном характере акций, не вызывали свидетелей со стороны\n"
              "задержанных и не изучали видеозаписи, представленные адвокатами,\n"
              "а ссылались только на рапорты сотрудников полиции.")
    kept = body(LineFilter(), [article("report", report, "ru", source="pdf-ngo")])[0]
    assert kept == report.split("\n")


# a box of teasers: headlines (no full stop) each followed by its lead, in the middle of the text
BOX = ["Читайте также",
       "В Оше задержали участников пикета у здания акимиата",
       "Полиция Оша задержала шестерых участников пикета, требовавших отставки акима района.",
       "Суд в Караколе продлил арест правозащитника на два месяца",
       "Каракольский городской суд продлил срок содержания под стражей правозащитника Эмиля Бакирова."]


def test_leads_alone_between_the_headlines_of_a_box_are_teasers_not_paragraphs():
    court = COURT_RU.split("\n")
    doc = wrapped_article("court", court[:2] + BOX + ["Самое читаемое за неделю"] + court[2:], "new-outlet")
    kept = body(LineFilter(), [doc])[0]
    assert all(p in kept for p in court)
    assert not any("Оша" in line or "Каракол" in line for line in kept)


def test_one_paragraph_between_a_caption_and_an_aside_stays():
    court = COURT_RU.split("\n")
    caption = "Фото: пресс-служба Октябрьского районного суда"
    aside = "Подписывайтесь на наш канал, чтобы узнавать новости первыми"
    doc = wrapped_article("court", court[:1] + [caption] + court[1:2] + [aside] + court[2:], "new-outlet")
    assert all(p in body(LineFilter(), [doc])[0] for p in court)


def test_a_ticker_with_more_numbers_than_words_opens_no_article():
    ticker = "21.05.2024: RUB 5,90 ▲0,34, CNY 55,78 ▼0,19; нефть Brent $69,99; Бишкек: ночью 16°, днём +28°"
    doc = article("court", "\n".join([ticker] + COURT_RU.split("\n")), "ru", source="new-outlet")
    kept = body(LineFilter(), [doc])[0]
    assert ticker not in kept and kept == COURT_RU.split("\n")


def test_a_teaser_opening_with_a_headline_another_page_listed_is_a_quote_before_its_story_arrives():
    filt = LineFilter()
    headline = "Суд в Караколе продлил арест правозащитника на два месяца"
    # one outlet lists the headline among its most read (a line without a full stop) ...
    filt.bodies([wrapped_article("court", COURT_RU.split("\n") + ["Самое читаемое", headline], "a")])
    # ... another prints it with its lead as one line, in the middle of another story
    teaser = headline + ". Каракольский городской суд продлил срок содержания под стражей правозащитника."
    march = MARCH_RU.split("\n")
    kept = body(filt, [wrapped_article("march", march[:1] + [teaser] + march[1:], "b", hours=3)])[0]
    assert teaser not in kept
    assert all(p in kept for p in march)


def test_an_articles_lines_before_its_first_sentence_are_not_learned_as_headlines():
    filt = LineFilter()
    repost = "По сообщению агентства «Кабар», Октябрьский районный суд Бишкека 3 ноября оштрафовал журналистов"
    filt.bodies([article("repost", "\n".join([repost] + COURT_RU.split("\n")[1:]), "ru", source="a")])
    original = article("court", COURT_RU, "ru", source="b", hours=2)
    assert body(filt, [original])[0] == COURT_RU.split("\n")
