"""Signals that survive translation: name keys across scripts, dates in the region's languages,
numbers, and the pair score that tells a translation from another story."""
from datetime import datetime

import numpy as np
import pytest

from pipelines.stories import story_link as sl
from tests.support.stories import OTHER_SAME_DAY, STORY, STORY_EN, STORY_RU


@pytest.mark.parametrize("spellings", [
    ["Trump", "Трамптың", "Թրամփ", "ტრამპი"],
    ["Johnson", "Джонсон", "ჯონსონი"],
    ["Merkel", "Меркель", "Меркельдің", "მერკელი"],
    ["Kazakhstan", "Казахстан", "Қазақстан"],
    ["Berianidze", "Берианидзе", "ბერიანიძემ"],
    ["Tokayev", "Токаев", "Тоқаев"],
])
def test_one_name_in_many_scripts_gives_one_key(spellings):
    assert len(set(sl.skeletons(" ".join(spellings)))) == 1


def test_ukrainian_h_is_english_h():
    assert sl.skeletons("Гілларі", "uk") == sl.skeletons("Hillary", "en")


def test_turkmen_w_is_the_v_of_the_other_alphabets():
    assert sl.skeletons("Iwanow Waşington", "tk") == sl.skeletons("Иванов Вашингтон", "ru")
    assert sl.skeletons("Ivanov", "az") == sl.skeletons("Иванов", "ru")


@pytest.mark.parametrize("text,expected", [
    ("Митинг прошёл 5 ноября в Алматы.", "5.11"),
    ("Пикет 17 қарашада өтті.", "17.11"),
    ("Акция 2-ноябрда болду.", "2.11"),
    ("Police detained them on 17 November.", "17.11"),
    ("It happened on March 7 in Tbilisi.", "7.3"),
    ("Երևանում նոյեմբերի 2-ին", "2.11"),
    ("21 ნოემბერს დაგეგმილი მარში", "21.11"),
    ("Суд адбыўся 11 лістапада.", "11.11"),
    ("Рішення ухвалили 3 грудня.", "3.12"),
    ("Miting 4 noyabrda bo‘ldi.", "4.11"),
    ("Aksiýa 4 noýabrda geçirildi.", "4.11"),
    ("Jurnalistlər 6 noyabrda saxlanılıb.", "6.11"),
])
def test_day_month_dates_in_the_region_languages(text, expected):
    assert [d for d, _ in sl._dates(text)] == [expected]


def test_no_date_from_decimals_or_far_words():
    assert sl._dates("Цены выросли на 3,5 процента") == []
    assert sl._dates("Бюджет 45 миллионов") == []


def test_features_skip_sentence_starts_and_place_keys_by_their_sentence():
    text = "Алматы сегодня. В Алматы задержали 38 человек. Суд назначил 120 000 тенге."
    feats = {(k, v): p for k, v, p in sl.features("Заголовок", text, "ru")}
    assert (sl.NAME, "lmt") in feats and (sl.NUMBER, "38") in feats
    # keys of one sentence share its place, whatever order a translation gives its words
    assert 0 < feats[(sl.NAME, "lmt")] == feats[(sl.NUMBER, "38")] < feats[(sl.NUMBER, "120000")] < 1


def test_a_long_run_without_a_sentence_end_keeps_its_own_places():
    run = "Бүгін Алматы " + "және " * 150 + "сот 38 белсенді"
    feats = {(k, v): p for k, v, p in sl.features("", "Кіріспе. " + run, "kk")}
    assert feats[(sl.NUMBER, "38")] > feats[(sl.NAME, "lmt")] + 0.5


def test_a_translation_that_reorders_words_within_a_sentence_keeps_its_keys():
    kk = "33, 34 және 39 жастағы ер адамдар Лондондерри қаласында тұтқындалды. Оқиға Баллинагардта болды."
    en = "Three men were arrested in Londonderry, aged 33, 34 and 39. It unfolded in Ballynagard."
    score, shared, _ = scores((kk, "kk"), (en, "en"))
    assert shared[0] >= 4


def test_georgian_words_give_weak_names():
    feats = sl.features("", "თბილისის მერიამ ლევან ბერიანიძის განცხადება", "ka")
    assert {k for k, _, _ in feats} == {sl.WEAK_NAME}


def scores(*texts_langs):
    enc = sl.encode([sl.features("", t, lang) for t, lang in texts_langs])
    n = len(texts_langs)
    a = np.array([0] * (n - 1))
    b = np.arange(1, n)
    return sl.pair_scores(enc.keys, enc.kinds, enc.positions, enc.offsets, a, b)


def test_translation_scores_above_a_same_day_story():
    score, shared, _ = scores((STORY, "kk"), (STORY_RU, "ru"), (STORY_EN, "en"), (OTHER_SAME_DAY, "kk"))
    links = sl.links(score, shared)
    assert links.tolist() == [True, True, False]


def test_keys_out_of_order_do_not_count():
    first = "Сот 17 қарашада 38 белсендіге Жанар Секербаева атынан 120 000 теңге айыппұл салды."
    shuffled = "Zhanar Sekerbayeva said 120,000 tenge. Police counted 38 people on 17 November."
    in_order = "On 17 November a court fined 38 activists named by Zhanar Sekerbayeva 120,000 tenge."
    score, _, _ = scores((first, "kk"), (shuffled, "en"), (in_order, "en"))
    assert score[1] > score[0]


def test_weak_names_meet_names_but_not_each_other():
    ka = "პრეზიდენტი ტრამპი და ჯონსონი შეხვდნენ"
    score, shared, _ = scores((ka, "ka"), ("President Trump and Johnson met", "en"), (ka, "ka"))
    assert shared[0] == 2.0 and shared[1] == 0.0


@pytest.mark.parametrize("text, lang, number", [
    ("Полиция не подпустила 25-тысячную толпу к мечети.", "ru", "25000"),
    ("Полиция 25 миң элди мечиттин алдына жолотподу.", "ky", "25000"),
    ("Police kept the crowd of 25,000 away from the mosque.", "en", "25000"),
    ("Бюджет программы составит 1,5 млн тенге.", "ru", "1500000"),
    ("The budget is 1.5 million tenge.", "en", "1500000"),
    ("Aksiyada 5 min nəfər iştirak edib.", "az", "5000"),
    ("Ծրագրի արժեքը 2 միլիարդ դրամ է։", "hy", "2000000000"),
])
def test_a_number_scaled_by_a_word_is_the_number_it_names(text, lang, number):
    assert [v for k, v, _ in sl.features("", text, lang) if k == sl.NUMBER] == [number]


def test_a_word_that_scales_in_one_language_is_only_a_word_in_another():
    assert [v for k, v, _ in sl.features("", "The march began 5 min later, at 12 noon.", "en") if k == sl.NUMBER] == ["12"]


def test_a_case_ending_on_a_short_name_meets_the_bare_name():
    ky = "Жүздөгөн адамдар кечээ Бишкекте чогулушту."  # Бишкекте: bSkt, the name and -те
    score, shared, _ = scores((ky, "ky"), ("Сотни людей вчера собрались в Бишкеке.", "ru"), (ky, "ky"),
                              ("Hundreds gathered in Bishkek yesterday.", "en"))
    assert shared.tolist() == [1.0, 1.0, 1.0]
    assert score[0] == score[2] == 0.5  # the weak key counts where it meets the name, never against


def test_the_first_consonants_of_two_long_names_do_not_meet():
    score, shared, _ = scores(("Президент Трамп прибыл.", "ru"), ("Министр Трамбле прибыл.", "ru"))
    assert shared[0] == 0.0


def test_a_day_month_counts_only_near_the_articles_own_date():
    text = "Марш прошёл 17 мая в Тбилиси."
    near = {v for k, v, _ in sl.features("", text, "ru", when=datetime(2019, 5, 18)) if k == sl.DATE}
    far = {v for k, v, _ in sl.features("", text, "ru", when=datetime(2019, 11, 30)) if k == sl.DATE}
    other_year = {v for k, v, _ in sl.features("", text, "ru", when=datetime(2013, 5, 17)) if k == sl.DATE}
    assert near == {"17.5.2019"} and far == set() and other_year == {"17.5.2013"}


def test_a_date_with_its_year_is_that_day_and_its_numbers_are_not_number_keys():
    feats = sl.features("", "Акция 17 мая 2013 года собрала 250 человек.", "ru", when=datetime(2019, 5, 18))
    assert {(k, v) for k, v, _ in feats} == {(sl.DATE, "17.5.2013"), (sl.NUMBER, "250")}


@pytest.mark.parametrize("text, lang", [
    ("Сот 2013 жылғы 17 мамырда 250 белсендіні айыппұлға жықты.", "kk"),  # the year first
    ("Məhkəmə 2013-cü il mayın 17-də 250 fəalı cərimələdi.", "az"),
    ("Դատարանը 2013 թվականի մայիսի 17-ին տուգանեց 250 ակտիվիստի։", "hy"),
    ("Суд 17.05.2013 оштрафовал 250 активистов.", "ru"),  # in digits
    ("On 05/17/2013 a court fined 250 activists.", "en"),  # month first: 17 is no month
])
def test_a_date_in_any_order_or_in_digits_is_that_day(text, lang):
    feats = sl.features("", text, lang, when=datetime(2019, 5, 18))
    assert {(k, v) for k, v, _ in feats if k in (sl.DATE, sl.NUMBER)} == {(sl.DATE, "17.5.2013"), (sl.NUMBER, "250")}


def test_numbers_are_read_as_printed():
    numbers = lambda text, lang: {v for k, v, _ in sl.features("", text, lang) if k == sl.NUMBER}
    assert numbers("штраф 15 000 сомов", "ru") == numbers("a fine of 15,000 som", "en") == {"15000"}
    assert numbers("рост на 3,5 процента", "ru") == set()
