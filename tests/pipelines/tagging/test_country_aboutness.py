"""Countries are what a text is about: passing mentions, position, lists, institutions, cities."""
import pytest

from pipelines.tagging import aboutness
from pipelines.tagging.tagging import tag

PASSING = [
    # (language, title, text, expected countries)
    ("en", "Almaty's Russian-language theatre opens its season",
     "The drama theatre in Almaty opened its 90th season with a new production of The Seagull.", ["KZ"]),
    ("en", "Kairat beat Astana in Almaty",
     "A Russian striker scored twice at the Central Stadium in Almaty on Sunday.", ["KZ"]),
    ("ru", "«Кайрат» обыграл «Тобол»",
     "Матч в Алматы завершился со счетом 2:0. Оба мяча забил российский нападающий.", ["KZ"]),
    ("ru", "Таможенники в Самаре изъяли поддельный алкоголь",
     "На складе нашли 4 тысячи бутылок. Часть была оформлена как армянский коньяк.", ["RU"]),
    ("kk", "Қырғызстанда «шетелдік өкілдер» туралы заң қабылданды",
     "Заң үкіметтік емес ұйымдарды тіркелуге міндеттейді. Құқық қорғаушылар бұл заң Ресей сияқты "
     "елдердің тәжірибесін қайталайды дейді.", ["KG"]),
    ("uk", "Україна запроваджує цифрові паспорти",
     "Відтепер, як у Росії та Білорусі, документи будуть в застосунку.", ["UA"]),
    ("en", "Georgia's wine exports hit a record",
     "Georgia exported 110 million bottles of wine this year, with Russia, Ukraine and China the main "
     "markets.", ["GE"]),
    ("hy", "Գյումրիում բացվել է նոր գործարան",
     "Գործարանի արտադրանքը կարտահանվի Եվրոպա և Ռուսաստան։ Ներդրումը կազմում է 5 միլիոն դոլար։", ["AM"]),
]


@pytest.mark.parametrize("language,title,text,expected", PASSING)
def test_passing_mentions_do_not_make_a_country(language, title, text, expected):
    assert tag(title, text, language).countries == expected


def test_a_country_named_once_in_a_short_text_is_still_its_country():
    assert tag("", "Police detained ten protesters in Minsk on Sunday.", "en").countries == ["BY"]
    assert tag("", "Kazakh police detained two activists.", "en").countries == ["KZ"]


def test_a_list_of_countries_is_what_a_report_is_about():
    text = ("Правозащитники опубликовали доклад. Исследование посвящено положению активистов "
            "в Армении, Беларуси, Казахстане и Кыргызстане. Больше всего нападений — в Казахстане.")
    assert tag("Доклад о давлении на активистов", text, "ru").countries == ["AM", "BY", "KG", "KZ"]


INSTITUTIONS = [
    ("ky", "Жогорку Кеңеш мыйзамды кабыл алды", "KG"),
    ("ru", "Мажилис одобрил поправки", "KZ"),
    ("uk", "Верховна Рада ухвалила закон", "UA"),
    ("ru", "Милли Меджлис принял закон", "AZ"),
    ("az", "Milli Məclis qanunu qəbul edib", "AZ"),
    ("uz-Latn", "Oliy Majlis qonunni qabul qildi", "UZ"),
    ("tg", "Маҷлиси Олӣ қонунро қабул кард", "TJ"),
    ("hy", "Ազգային ժողովն ընդունել է օրենքը", "AM"),
    ("be", "Палата прадстаўнікоў прыняла закон", "BY"),
    ("ru", "Госдума приняла закон", "RU"),
    ("en", "Tokayev signed the bill", "KZ"),
    ("en", "Lukashenko pardoned 30 prisoners", "BY"),
    ("ka", "ბათუმში აქცია გაიმართა", "GE"),
    ("ru", "В Худжанде открылся рынок", "TJ"),
    ("tk", "Türkmenabatda täze bazar açyldy", "TM"),
]


@pytest.mark.parametrize("language,text,code", INSTITUTIONS)
def test_parliaments_leaders_and_cities_imply_their_country(language, text, code):
    assert tag(text, "", language).countries == [code]


def test_georgia_the_us_state_is_not_georgia():
    assert tag("Georgia's governor signs bill", "Governor Brian Kemp signed it in Atlanta.", "en").countries == []
    assert tag("Hundreds rally at Georgia Capitol", "Demonstrators gathered in downtown Atlanta.", "en").countries == []
    assert tag("Georgia passes 'foreign influence' law", "Protesters in Tbilisi ...", "en").countries == ["GE"]


def test_monday_is_not_dushanbe():
    assert tag("Рӯзи душанбе дар Хуҷанд ярмарка кушода мешавад", "", "tg").countries == ["TJ"]
    assert tag("Ҷаласа душанбеи оянда баргузор мешавад", "", "tg").countries == []
    assert tag("Дар Душанбе ҷаласа баргузор шуд", "", "tg").countries == ["TJ"]


def test_the_weights_are_as_documented():
    assert aboutness.PLACE_WEIGHT["title"] > aboutness.PLACE_WEIGHT["lead"] > aboutness.PLACE_WEIGHT["body"]
    assert aboutness.KIND_WEIGHT["demonyms"] == aboutness.KIND_WEIGHT["names"] / 2
    assert aboutness.PLACE_WEIGHT["title"] >= aboutness.ABOUT > aboutness.PLACE_WEIGHT["lead"]


LISTS = [
    # (language, title, text, expected): countries named only in a list are not what it is about
    ("ru", "Экспорт зерна вырос", "Основными покупателями стали Узбекистан, Таджикистан, Афганистан, "
     "Туркменистан и Китай. В министерстве Казахстана ожидают роста.", ["KZ"]),
    ("en", "Kazakhstan's Tokayev visits Beijing, Moscow and Ankara",
     "During the tour the president signed agreements on trade and transit.", ["KZ"]),
    ("ky", "Жапаровдун сапары", "Президент Ташкентке, Душанбеге жана Ашхабадка барып, соода келишимдерине "
     "кол койду. Бишкекке кайтып келди.", ["KG"]),
    ("uz", "Toshkent va Samarqandda yangi bozorlar", "Bozorlar Toshkent va Samarqandda ochildi.", ["UZ"]),
    ("ru", "Доклад о давлении на ЛГБТ-активистов", "Доклад посвящён ЛГБТ-активистам в Армении, Беларуси, "
     "Казахстане и Кыргызстане.", ["AM", "BY", "KG", "KZ"]),
]


@pytest.mark.parametrize("language,title,text,expected", LISTS)
def test_a_list_counts_only_next_to_its_topic(language, title, text, expected):
    assert tag(title, text, language).countries == expected


def test_a_rights_story_naming_no_country_is_about_its_languages_country():
    assert tag("Ընդդիմության հանրահավաքը Ազատության հրապարակում",
               "Հանրահավաքին մասնակցել է մի քանի հազար մարդ։", "hy").countries == ["AM"]
    assert tag("Ընդդիմության հանրահավաքը", "Հանրահավաքին մասնակցել է մի քանի հազար մարդ։",
               "ru").countries == []  # Russian is written everywhere: no home
    assert tag("Мітинги Трампа в Західній Вірджинії", "Тисячі людей прийшли на мітинг.", "uk").countries == []
    assert tag("Ринок праці", "Зарплати зросли на 10%.", "uk").countries == []  # no rights story, no guess


def test_a_regional_group_named_is_a_mention_of_its_country():
    assert tag("", "Pink Armenia reported three attacks on gay men last month.", "en").countries == ["AM"]


def test_the_russian_law_of_georgia_is_georgias():
    assert tag("„რუსული კანონის“ წინააღმდეგ აქცია თბილისში", "", "ka").countries == ["GE"]
