"""Lines that are not the article (menus, teasers, read-also boxes, disclaimers) are left out."""
import pytest

from pipelines.tagging.inserts import Inserts
from pipelines.tagging.tagging import tag

TABLE = {
    "teasers": {"ru": ["читайте также", "главное за день"], "uz-Latn": ["shuningdek o'qing", "mavzuga oid"]},
    "lines": {"ru": ["ссылки для упрощенного доступа"], "en": ["skip to main content"]},
}


@pytest.fixture(scope="module")
def inserts():
    return Inserts.from_table(TABLE, {"'": ""})


def test_a_read_also_line_and_the_headlines_after_a_lone_marker_go(inserts):
    text = ("Первый абзац статьи о ценах.\nЧитайте также: Активистов задержали в Бишкеке\n"
            "Второй абзац статьи.\nЧитайте также\nЗаголовок другой истории\nЕщё один заголовок\n"
            "Последний абзац статьи, с точкой.")
    assert inserts.article(text) == ("Первый абзац статьи о ценах.\nВторой абзац статьи.\n"
                                     "Последний абзац статьи, с точкой.")


def test_a_marker_closing_a_paragraph_drops_the_headlines_below_it(inserts):
    text = "Бумаги выросли на 5%. Главное за день:\nЦБ сохранил ставку\nВ Москве задержаны участники пикета"
    assert inserts.article(text) == "Бумаги выросли на 5%. Главное за день:"


def test_apostrophe_variants_and_punctuation_do_not_hide_a_marker(inserts):
    text = "Narxlar oshdi.\nShuningdek, o‘qing: Toshkentda faollar ushlandi\n«Mavzuga oid»\nYana bir sarlavha"
    assert inserts.article(text) == "Narxlar oshdi."


def test_menus_tickers_and_furniture_go_but_a_lone_subheading_stays(inserts):
    text = ("Skip to main content\nHome\nNews\nPolitics\nSport\nThe council met on Monday.\n"
            "What comes next\nThe vote is due in May.")
    assert inserts.article(text) == "The council met on Monday.\nWhat comes next\nThe vote is due in May."


def test_text_without_inserts_is_returned_as_it_is(inserts):
    text = "Одна строка без разметки. Вторая фраза."
    assert inserts.article(text) is text


def test_another_storys_teaser_adds_no_topic_or_country():
    text = ("Басты бет\nЖаңалықтар\nЭкономика\nАлматыда бір шаршы метр баспана 650 мың теңге тұрды.\n"
            "Тағы оқыңыз:\nБішкекте ЛГБТ белсенділері ұсталды\nМинскіде наразылық акциясы таратылды")
    tags = tag("Алматыда баспана қымбаттады", text, "kk")
    assert tags.topics == [] and tags.countries == ["KZ"]


def test_a_foreign_agent_disclaimer_is_not_the_story():
    text = ("ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ "
            "ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА\nВ Самаре открылся новый мост через Волгу.")
    assert tag("Мост открыт", text, "ru").topics == []
