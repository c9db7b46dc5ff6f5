"""What real regional text does to tagging: word forms and spellings, police-custody phrasings,
gatherings without a protest word, false friends and negations, law-making context."""
import pytest

from pipelines.tagging.tagging import tag

# --- word forms and spellings -------------------------------------------------------------

FORMS = [
    # (language, text, topic): each written the way the press writes it, not the way the list does
    ("tg", "Ширкаткунандагони гирдиҳамоии эътирозӣ пароканда карда шуданд", "assembly"),  # izofat -ии
    ("tg", "Ҳуқуқи ақаллиятҳои ҷинсии кишвар поймол мешавад", "lgbt"),
    ("be", "Затрыманьні працягваліся ўвесь вечар пасьля акцыі пратэсту", "detention"),  # тарашкевіца
    ("be", "Лесьбіянкі і геі баяцца зьвяртацца ў міліцыю", "lgbt"),
    ("kk", "Біржынысты жұптарға қатысты сауалнама жарияланды", "lgbt"),  # solid compound
    ("kk", "Бір-жынысты отбасылар туралы пікірталас", "lgbt"),  # hyphenated
    ("ru", "ЛГТБ-сообщество Бишкека готовит заявление", "lgbt"),  # swapped letters
    ("en", "GLBT groups in Tbilisi issued a statement", "lgbt"),
    ("uz", "Bir jinsli juftliklar haqida so`rovnoma o`tkazildi", "lgbt"),  # backtick apostrophe
    ("uz", "Ozbekistonda birjinsli munosabatlar jinoyat hisoblanadi", "lgbt"),  # apostrophe left out
    ("az", "Polis etiraz aksiyasinin istirakcilarini saxlayib", "detention"),  # written without ə ş ç
    ("ru", "Пoлицeйcкиe задержали пикетчиков у здания акимата", "detention"),  # Latin o, e, c inside
    ("ru", "Около сорока человек задержаны на мирной акции", "assembly"),
]


@pytest.mark.parametrize("language,text,topic", FORMS)
def test_word_forms_and_spellings_meet(language, text, topic):
    assert topic in tag("", text + " Полиция разогнала собравшихся.", language).topics


def test_classical_and_official_belarusian_name_the_same_places():
    assert tag("", "Затрыманьні ў Берасьці і Горадні", "be").countries == ["BY"]


# --- custody, in each language's own phrasing ---------------------------------------------

CUSTODY = [
    ("ru", "Участники пикета у мэрии были доставлены в территориальный отдел полиции."),
    ("ru", "После митинга активистов затолкали в автобус и увезли в неизвестном направлении."),
    ("kk", "Митингке шыққандарды полиция көлікке отырғызып, бөлімшеге алып кетті."),
    ("ky", "Пикетке чыккандарды милиция автобуска салып, райондук бөлүмгө алып кетти."),
    ("uz", "Namoyish ishtirokchilarini militsiya avtobusga o'tqazib, IIB bo'limiga olib ketdi."),
    ("uz", "Намойиш қатнашчиларини милиция ички ишлар бўлимига олиб кетди."),
    ("tg", "Иштирокчиёни митингро кормандони милитсия ба шуъбаи корҳои дохилӣ бурданд."),
    ("tk", "Protest geçirenleri polisiýa işgärleri ulaga salyp, polisiýa bölümine äkitdi."),
    ("hy", "Ակցիայի մասնակիցներից տասը բերման է ենթարկվել ոստիկանության բաժին։"),
    ("az", "Mitinq iştirakçıları polis maşınına mindirilərək polis idarəsinə aparılıb."),
    ("ka", "აქციის მონაწილეები პოლიციამ განყოფილებაში წაიყვანა."),
    ("be", "Удзельнікаў пікету пагрузілі ў аўтазак і павезьлі ў РУУС."),
    ("uk", "Учасників пікету поліцейські доставили до відділку поліції."),
    ("en", "Protesters were bundled into police vans and driven to a station."),
]


@pytest.mark.parametrize("language,text", CUSTODY)
def test_police_custody_phrasings_are_detention(language, text):
    assert {"assembly", "detention"} <= set(tag("", text, language).topics)


def test_taken_away_is_custody_only_near_the_police():
    assert "detention" not in tag("", "Protesters demanding higher wages were taken to the square by "
                                      "their union leaders and later went home.", "en").topics
    assert "detention" in tag("", "Protesters demanding higher wages were taken away by police.", "en").topics


# --- gatherings without a protest word ------------------------------------------------------

SUPPRESSED = [
    ("ru", "В Хороге задержали 30 молодых людей, которые собрались на площади на праздник."),
    ("uz", "Nukusdagi ommaviy tartibsizliklar ishtirokchilari sudlandi va qamoqqa olindi."),
    ("ru", "Родственники политзаключённых принесли цветы к мемориалу; полиция задержала двенадцать человек."),
    ("en", "Police detained dozens who had gathered to lay flowers at the memorial in Minsk."),
    ("kk", "Әкімдік алдына жиналған тұрғындар жалақы талап етті, полиция оларды таратты."),
    ("hy", "Բնակիչները փակել են ճանապարհը՝ պահանջելով վերականգնել ջրամատակարարումը։"),
    ("kk", "Алаңға бос плакат ұстап шыққан жігітті полиция бөлімшеге алып кетті."),
]


@pytest.mark.parametrize("language,text", SUPPRESSED)
def test_a_suppressed_gathering_is_assembly(language, text):
    assert "assembly" in tag("", text, language).topics


def test_a_gathering_without_grievance_or_police_is_not_assembly():
    assert tag("", "Тысячи горожан собрались на площади на новогодний концерт.", "ru").topics == []
    assert tag("", "Survivors gathered in the square after the earthquake.", "en").topics == []


# --- false friends and negations -----------------------------------------------------------

NOT_LEGISLATION = [
    ("ru", "Правоохранительные органы задержали участников пикета."),
    ("tk", "Kanun goraýjy edaralaryň işgärleri protestçileri saklady."),
    ("tk", "Protestçiler kanuna laýyk hereket etmedi diýip polisiýa saklady."),
    ("hy", "Ակցիայի մասնակիցները պահանջում էին ԱԺ նախագահի հրաժարականը, ոստիկանությունը ձերբակալեց երկուսին։"),
    ("ky", "Митингге чыккан активисттерди сотко беришти, алар кармалды."),
    ("ka", "პოლიციამ აქციის მონაწილეები კანონიერი მოთხოვნის შეუსრულებლობისთვის დააკავა."),
    ("az", "Polis mitinq iştirakçılarını qanuna uyğun olaraq saxladığını bildirib."),
    ("en", "Law enforcement officers detained the protesters under martial law."),
    ("ru", "Суд приговорил участника митинга к 15 суткам ареста."),
    ("tg", "Мақомоти ҳифзи ҳуқуқ иштирокчиёни гирдиҳамоиро боздошт карданд."),
]


@pytest.mark.parametrize("language,text", NOT_LEGISLATION)
def test_law_enforcement_lawful_chairman_and_courts_are_not_legislation(language, text):
    topics = tag("", text, language).topics
    assert "assembly" in topics and "legislation" not in topics, topics


LEGISLATION = [
    ("ru", "Депутаты приняли закон, ужесточающий правила проведения митингов."),
    ("kk", "Мәжіліс митингтер туралы заңға түзетулерді қабылдады."),
    ("uz", "Oliy Majlis mitinglar to'g'risidagi qonunni qabul qildi."),
    ("tk", "Mejlis ýygnanyşyklar baradaky kanuny kabul etdi, protestçiler nägile."),
    ("hy", "Խորհրդարանը ընդունել է հավաքների մասին օրենքի փոփոխությունները, ցուցարարները բողոքում են։"),
    ("en", "Parliament adopted a bill restricting peaceful assembly."),
    ("ka", "„უცხოური გავლენის“ კანონის წინააღმდეგ საპროტესტო აქცია გაიმართა."),
]


@pytest.mark.parametrize("language,text", LEGISLATION)
def test_law_making_is_legislation(language, text):
    assert "legislation" in tag("", text, language).topics


NEGATED = [
    ("ru", "На митинге никого не задержали."),
    ("kk", "Митингте ешкім ұсталмады."),
    ("uz", "Mitingda hech kim ushlanmadi."),
    ("tg", "Дар митинг ҳеҷ кас боздошт нашуд."),
    ("en", "The protest passed peacefully and no one was detained."),
    ("uk", "Під час мітингу нікого не затримали."),
]


@pytest.mark.parametrize("language,text", NEGATED)
def test_no_one_detained_is_not_detention(language, text):
    assert tag("", text, language).topics == ["assembly"]


def test_a_foreign_agent_disclaimer_of_meta_is_not_a_ban():
    text = ("Активисты объявили о пикете в Instagram (принадлежит Meta, признанной в России экстремистской "
            "и запрещённой). Полиция задержала троих в Казани.")
    tags = tag("", text, "ru")
    assert "ban" not in tags.topics and {"assembly", "detention"} <= set(tags.topics)
