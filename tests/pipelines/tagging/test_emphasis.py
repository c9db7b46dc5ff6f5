"""Which country and topic a story is mostly about, by the evidence in its texts, so a report
lists it once: not the first of a list, not the first topic of the watch list."""
from pipelines.alerts import alerts
from pipelines.alerts.alert_config import AlertConfig
from pipelines.tagging import emphasis

WATCH = AlertConfig().watch

ALMATY = {  # a rally in Almaty; Bishkek named once as a comparison further down
    "title": "В Алматы полиция задержала участников митинга против законопроекта",
    "text": "В Алматы полиция задержала шестерых участников мирного митинга у акимата. Участники "
            "митинга требовали отозвать законопроект. Правозащитники Казахстана назвали задержания "
            "незаконными. Похожий митинг в прошлом месяце прошёл в Бишкеке, Кыргызстан.",
    "language": "ru"}
REVIEW = {  # an NGO review: freedom of assembly in five countries, LGBT activists mentioned once
    "title": "Право на мирные собрания: обзор за 2026 год",
    "text": "Обзор охватывает Казахстан, Кыргызстан, Армению, Грузию и Беларусь. В Казахстане акимат "
            "отказал в проведении митинга. В Кыргызстане суд запретил митинги у парламента. В Армении "
            "полиция разогнала шествие. В Грузии мэрия отказала в проведении марша. В Беларуси за "
            "участие в пикете задержаны двенадцать человек, среди них ЛГБТ-активисты.",
    "language": "ru"}
REVIEW_KK = {  # the same review's Kazakh write-up
    "title": "Бейбіт жиналыс құқығы: бес елге шолу",
    "text": "Шолу Қазақстан, Қырғызстан, Армения, Грузия және Беларусьті қамтиды. Қазақстанда әкімдік "
            "митинг өткізуге рұқсат бермеді. Беларусьте пикетке қатысқан он екі адам ұсталды.",
    "language": "kk"}
LGBT_KK = {
    "title": "Алматыда ЛГБТ белсенділеріне қарсы шабуыл жасалды",
    "text": "Алматыда ЛГБТ қауымдастығының белсенділеріне белгісіз адамдар шабуыл жасады. "
            "Құқық қорғаушылар полицияға жүгінді.",
    "language": "kk"}


def cluster(countries, topics, **over):
    return {"cluster_id": "c1", "first_article_id": "a0", "countries": countries, "topics": topics,
            "languages": ["ru"], "relevance": 0.9, "size": 1, **over}


def members(*texts):
    return [dict(t, article_id=f"a{n}", cluster_id="c1") for n, t in enumerate(texts)]


def test_the_country_the_text_dwells_on_is_the_main_one_whatever_the_list_order():
    countries, main, topic = alerts.main_country_and_topic(
        cluster(["KG", "KZ"], ["assembly", "detention"]), members(ALMATY), WATCH)
    assert main == "KZ" and countries == ["KZ", "KG"] and topic == "assembly"


def test_a_review_of_many_countries_with_no_first_is_region_wide_and_about_assembly():
    countries, main, topic = alerts.main_country_and_topic(
        cluster(["AM", "BY", "GE", "KG", "KZ"], ["assembly", "detention", "lgbt"]), members(REVIEW, REVIEW_KK), WATCH)
    assert main is None and sorted(countries) == ["AM", "BY", "GE", "KG", "KZ"]
    assert topic == "assembly"  # although lgbt comes first in the watch list


def test_lgbt_story_is_under_lgbt_and_weights_are_shares_per_article():
    found = emphasis.of_story(members(LGBT_KK))
    assert found.topics["lgbt"] > found.topics.get("assembly", 0)
    assert abs(sum(found.countries.values()) - 1.0) < 1e-9  # one article: its shares sum to 1
    line = alerts.story_line(cluster(["KZ"], ["lgbt", "violence"]), members(LGBT_KK), WATCH)
    assert line["country"] == "KZ" and line["topic"] == "lgbt"


def test_without_texts_the_watch_order_decides_and_three_countries_are_region_wide():
    assert alerts.main_country_and_topic(cluster(["KG", "KZ"], ["assembly", "lgbt"]), [], WATCH) == \
        (["KZ", "KG"], "KZ", "lgbt")
    assert alerts.main_country_and_topic(cluster(["AM", "KG", "KZ"], ["lgbt"]), [], WATCH)[1] is None


def test_region_wide_needs_three_countries_and_no_main_share():
    assert not emphasis.region_wide(["KZ", "KG"], {"KZ": 1, "KG": 1})
    assert emphasis.region_wide(["KZ", "KG", "AM"], {"KZ": 1, "KG": 1, "AM": 1})
    assert not emphasis.region_wide(["KZ", "KG", "AM"], {"KZ": 3, "KG": 1, "AM": 1})
