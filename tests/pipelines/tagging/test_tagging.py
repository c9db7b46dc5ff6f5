"""Tagging: topics in context, the countries a text is about, organisation aliases, relevance."""
from __future__ import annotations

import pytest

from pipelines.tagging.tagging import RELEVANCE_THRESHOLD, tag
from tests.support.project import shared_path


# --- the reference article -------------------------------------------------------------

def test_reference_article():
    reference = shared_path("data", "reference", "azattyq-kk-amnesty-lgbt-2017.txt")
    title, _, body = reference.read_text(encoding="utf-8").partition("\n")
    tags = tag(title, body, "kk")
    assert {"lgbt", "assembly"} <= set(tags.topics)
    assert set(tags.countries) == {"KZ", "AM", "BY", "KG"}
    assert "Amnesty International" in tags.organizations
    assert tags.relevance >= RELEVANCE_THRESHOLD


# --- topics ----------------------------------------------------------------------------

TOPIC_POSITIVES = [
    ("ru", "В Москве прошла конференция о правах ЛГБТ-людей", "lgbt"),
    ("ru", "Сторонники оппозиции вышли на несанкционированный митинг", "assembly"),
    ("ru", "Полиция задержала участников пикета у здания акимата", "detention"),
    ("ru", "Суд запретил проведение гей-парада", "ban"),
    ("ru", "Суд запретил проведение гей-парада", "pride"),
    ("ru", "На участников ЛГБТ-акции напали неизвестные, двое избиты", "violence"),
    ("ru", "Госдума приняла закон о пропаганде нетрадиционных сексуальных отношений", "legislation"),
    ("ru", "Минюст внес правозащитный центр в реестр иноагентов", "foreign-agent"),
    ("ru", "Участники ЛГБТ-прайда прошли по улицам Киева", "pride"),
    ("kk", "Алматыда ЛГБТ белсенділері баспасөз мәслихатын өткізді", "lgbt"),
    ("kk", "Жаңаөзенде наразылық акциясы өтті", "assembly"),
    ("kk", "Полиция жалғыз пикетшіні ұстап алды", "detention"),
    ("kk", "Әкімдік митингке тыйым салды", "ban"),
    ("kk", "Мәжіліс бір жынысты некеге қатысты заң жобасын талқылады", "legislation"),
    ("kk", "Гейлерге шабуыл жасалды", "violence"),
    ("kk", "Үкімет шетелдік агенттер тізілімін жасамақ, дейді құқық қорғаушылар", "foreign-agent"),
    ("en", "Police detained dozens of protesters at an unsanctioned rally in Minsk", "detention"),
    ("en", "Court bans LGBTQ 'propaganda'", "ban"),
    ("en", "Gay men were attacked after the rally", "violence"),
    ("en", "Parliament passed a law restricting peaceful assembly", "legislation"),
    ("en", "The NGO was labelled a foreign agent", "foreign-agent"),
    ("en", "LGBT activists say the Pride march will go ahead", "pride"),
    ("ky", "Бишкекте тынч чогулуш эркиндиги боюнча мыйзам долбоору талкууланды", "assembly"),
    ("ky", "Бишкекте тынч чогулуш эркиндиги боюнча мыйзам долбоору талкууланды", "legislation"),
    ("ky", "Митингге чыккан активисттер кармалды", "detention"),
    ("ky", "ЛГБТ жамаатынын өкүлдөрү кысымга кабылууда", "lgbt"),
    ("uz", "Toshkentda norozilik aksiyasi qatnashchilari hibsga olindi", "detention"),
    ("uz", "Ўзбекистонда бесоқолбозлик учун жиноий жавобгарлик сақланиб қолмоқда", "lgbt"),
    ("uz", "O‘zbekistonda LGBT vakillari tahdidlarga duch kelmoqda", "violence"),
    ("tg", "Дар Душанбе ҳамҷинсгароён боздошт шуданд", "lgbt"),
    ("tg", "Дар Душанбе ҳамҷинсгароён боздошт шуданд", "detention"),
    ("tg", "Тазоҳурот дар Хоруғ пароканда карда шуд", "assembly"),
    ("hy", "Երևանում ԼԳԲՏ ակտիվիստների վրա հարձակում է եղել", "violence"),
    ("hy", "Ոստիկանությունը ձերբակալել է հանրահավաքի մասնակիցներին", "detention"),
    ("ka", "თბილისში ლგბტ აქტივისტების აქცია დაარბიეს, რამდენიმე ადამიანი დააკავეს", "detention"),
    ("ka", "უცხოური გავლენის კანონის წინააღმდეგ საპროტესტო აქცია გაიმართა", "foreign-agent"),
    ("ka", "უცხოური გავლენის კანონის წინააღმდეგ საპროტესტო აქცია გაიმართა", "legislation"),
    ("az", "Bakıda LGBT fəalları saxlanılıb", "detention"),
    ("az", "Etiraz aksiyası polis tərəfindən dağıdıldı", "assembly"),
    ("be", "У Мінску затрымалі ўдзельнікаў пікету", "detention"),
    ("be", "Беларускія ЛГБТ-актывісты паведамляюць пра ціск", "lgbt"),
    ("uk", "У Києві відбувся марш ЛГБТ-спільноти КиївПрайд, поліція затримала нападників", "pride"),
    ("uk", "У Києві відбувся марш ЛГБТ-спільноти КиївПрайд, поліція затримала нападників", "violence"),
    ("uk", "Правозахисники критикують закон про іноземних агентів", "foreign-agent"),
    ("tk", "Aşgabatda protest geçirildi, gatnaşyjylar tussag edildi", "detention"),
]


@pytest.mark.parametrize("language,text,topic", TOPIC_POSITIVES)
def test_topic_found(language, text, topic):
    assert topic in tag("", text, language).topics


TOPIC_NEGATIVES = [
    # sub-topics need lgbt or assembly in the same article
    ("ru", "Полиция задержала наркодилера в Алматы", "detention"),
    ("en", "Police arrested two men suspected of drug dealing in Tashkent", "detention"),
    ("kk", "Есірткі сатушы ұсталды", "detention"),
    ("en", "Parliament passed a new tax law", "legislation"),
    ("ru", "Введен запрет на продажу алкоголя ночью", "ban"),
    ("en", "National pride after the Olympic win", "pride"),
    ("en", "The novel follows a foreign agent who infiltrates the embassy", "foreign-agent"),
    ("ka", "ქალაქში ახალი კანონი ამოქმედდა", "legislation"),
    ("tg", "Иштирокчиёни митинг аз дастгирии мардум сипос гуфтанд", "detention"),  # "support"
    # word starts, never substrings
    ("ru", "Туристы осмотрели гейзер, а вечером обсуждали гейминг и геймеров", "lgbt"),
    ("kk", "Камчаткадағы гейзерлер туралы фильм", "lgbt"),
    ("ka", "გეიმინგი სულ უფრო პოპულარულია", "lgbt"),
    ("en", "Gayle wrote about gaming and transgenic crops", "lgbt"),
    ("ru", "Трансгенные растения и нетрадиционная медицина", "lgbt"),
    ("az", "Yeni geyim mağazası açıldı", "lgbt"),
    ("hy", "Գեյզերը կրկին ժայթքեց", "lgbt"),
]


@pytest.mark.parametrize("language,text,topic", TOPIC_NEGATIVES)
def test_topic_not_found(language, text, topic):
    assert topic not in tag("", text, language).topics


def test_lgbt_matches_suffixes_and_compounds():
    for text in ("LGBTQ+ rights", "ЛГБТ-активист", "LGBTIQ community", "lgbt's"):
        assert "lgbt" in tag("", text).topics, text


def test_topics_and_countries_ignore_declared_language():
    tags = tag("", "В Минске задержали участников пикета", "kk")  # mislabelled Russian
    assert {"assembly", "detention"} <= set(tags.topics) and tags.countries == ["BY"]


def test_hidden_topics_are_not_reported():
    assert tag("", "Human rights activists and journalists met NGOs").topics == []


# --- relevance -------------------------------------------------------------------------

FOOTBALL = [
    ("ru", "«Кайрат» обыграл «Ордабасы» в Алматы",
     "Футбольный матч на Центральном стадионе Алматы собрал 20 тысяч болельщиков. Нападающий забил дважды."),
    ("kk", "«Қайрат» Алматыда «Ордабасыны» жеңді",
     "Алматыдағы Орталық стадионда өткен футбол матчына 20 мың жанкүйер келді."),
    ("en", "Kairat beat Ordabasy in Almaty",
     "The football match at the Central Stadium in Almaty drew 20,000 fans; the striker scored twice."),
]
PICKETERS = [
    ("ru", "В Алматы задержали одиночного пикетчика",
     "Активист вышел с плакатом к зданию акимата и был доставлен в отдел полиции."),
    ("kk", "Алматыда жалғыз пикетке шыққан белсенді ұсталды",
     "Белсенді әкімдік ғимаратының алдына плакатпен шықты."),
    ("en", "Police detain lone picketer in Almaty",
     "A man holding a placard outside the city hall was taken to a police station."),
]


@pytest.mark.parametrize("language,title,text", FOOTBALL)
def test_football_in_almaty_is_not_relevant(language, title, text):
    tags = tag(title, text, language)
    assert tags.countries == ["KZ"] and tags.topics == []
    assert tags.relevance < RELEVANCE_THRESHOLD


@pytest.mark.parametrize("language,title,text", PICKETERS)
def test_detained_picketer_is_relevant(language, title, text):
    tags = tag(title, text, language)
    assert {"assembly", "detention"} <= set(tags.topics) and "KZ" in tags.countries
    assert tags.relevance >= RELEVANCE_THRESHOLD


def test_drug_arrest_is_not_relevant():
    tags = tag("Полиция задержала наркодилера", "Задержание прошло в Алматы.", "ru")
    assert tags.topics == [] and tags.relevance < RELEVANCE_THRESHOLD


def test_relevance_rewards_title_topics_and_region():
    lead = "В Алматы прошёл форум о городском транспорте, на котором выступили двадцать экспертов. "
    body = "ЛГБТ-активисты сообщили о давлении."
    in_title = tag("ЛГБТ-активисты в Казахстане", body, "ru").relevance
    in_body = tag("Новости", lead + body, "ru").relevance
    no_region = tag("Новости", body, "ru").relevance
    assert 0.0 <= no_region < in_body < in_title <= 1.0
    assert tag("", "").relevance == 0.0


def test_one_unambiguous_lgbt_term_in_the_body_of_a_regional_article_is_relevant():
    tags = tag("Жительница Караганды не может получить паспорт",
               "Уже год ей отказывают в замене документов. Она трансгендерная женщина, медицинское "
               "заключение у неё есть.", "ru")
    assert tags.topics == ["lgbt"] and tags.countries == ["KZ"] and tags.relevance >= RELEVANCE_THRESHOLD
    assert "lgbt: трансгендерная" in tags.relevance_terms


def test_relevance_explains_itself():
    tags = tag("В Бишкеке задержали участников пикета", "Их доставили в Октябрьский РОВД.", "ru")
    assert tags.relevance_terms[:2] == ["assembly: пикета", "detention: задержали"]
    assert "KG: Бишкеке" in tags.relevance_terms and len(tags.relevance_terms) == len(set(tags.relevance_terms))
    assert tag("Курс тенге укрепился", "Нацбанк сообщил о росте резервов.", "ru").relevance_terms == []


def test_outputs_are_sorted_and_bounded():
    tags = tag("Протест в Минске, Москве и Ереване", "Митинг разогнали, ЛГБТ-активистов задержали. "
               "Human Rights Watch и ОВД-Инфо сообщили об арестах.", "ru")
    assert tags.topics == sorted(tags.topics) and tags.countries == sorted(tags.countries)
    assert tags.organizations == sorted(tags.organizations) == ["Human Rights Watch", "OVD-Info"]
    assert tags.countries == ["AM", "BY", "RU"] and 0.9 <= tags.relevance <= 1.0


# --- countries -------------------------------------------------------------------------

COUNTRY_FORMS = [
    ("kk", "Қазақстандағы", "KZ"), ("kk", "Қазақстанда", "KZ"), ("kk", "Қырғызстандағы", "KG"),
    ("kk", "Ресейдің", "RU"), ("kk", "Беларусьтегі", "BY"), ("kk", "Мәскеуде", "RU"),
    ("ky", "Кыргызстанда", "KG"), ("ky", "Казакстандагы", "KZ"), ("ky", "Орусияда", "RU"),
    ("ky", "Ош шаарында", "KG"),
    ("ru", "Казахстане", "KZ"), ("ru", "Армении", "AM"), ("ru", "Беларуси", "BY"),
    ("ru", "Белоруссии", "BY"), ("ru", "Грузией", "GE"), ("ru", "Украине", "UA"),
    ("ru", "России", "RU"), ("ru", "Таджикистана", "TJ"), ("ru", "Туркмении", "TM"),
    ("ru", "Азербайджане", "AZ"), ("ru", "Узбекистану", "UZ"), ("ru", "Кыргызстане", "KG"),
    ("ru", "в Оше", "KG"), ("ru", "Алма-Ате", "KZ"),
    ("uz", "Oʻzbekistonda", "UZ"), ("uz", "O'zbekistonda", "UZ"), ("uz", "O‘zbekistonda", "UZ"),
    ("uz", "Ўзбекистонда", "UZ"), ("uz", "Qozog'istonda", "KZ"), ("uz", "Тожикистонда", "TJ"),
    ("tg", "Тоҷикистонро", "TJ"), ("tg", "дар шаҳри Душанбе", "TJ"), ("tg", "Қазоқистону", "KZ"), ("tg", "Русия", "RU"),
    ("tk", "Türkmenistanda", "TM"), ("tk", "Gazagystanyň", "KZ"),
    ("hy", "Հայաստանում", "AM"), ("hy", "Ադրբեջանի", "AZ"), ("hy", "Վրաստանում", "GE"),
    ("hy", "Երեւանում", "AM"),
    ("az", "Azərbaycanda", "AZ"), ("az", "AZƏRBAYCANDA", "AZ"), ("az", "Ermənistanın", "AM"),
    ("az", "Gürcüstanda", "GE"), ("az", "Qazaxıstanda", "KZ"), ("az", "İrəvanda", "AM"),
    ("ka", "საქართველოში", "GE"), ("ka", "სომხეთში", "AM"), ("ka", "რუსეთის", "RU"),
    ("ka", "უკრაინაში", "UA"), ("ka", "ბელარუსში", "BY"),
    ("be", "Беларусі", "BY"), ("be", "Расіі", "RU"), ("be", "Украіне", "UA"), ("be", "Мінску", "BY"),
    ("uk", "Україні", "UA"), ("uk", "Росії", "RU"), ("uk", "Білорусі", "BY"),
    ("uk", "Грузії", "GE"), ("uk", "Вірменії", "AM"), ("uk", "Казахстані", "KZ"),
    ("en", "Kazakhstan's", "KZ"), ("en", "Kyrgyz", "KG"), ("en", "Uzbek", "UZ"),
    ("en", "Georgian", "GE"), ("en", "Tbilisi", "GE"), ("en", "Belarusian", "BY"),
    ("en", "Ukrainian", "UA"), ("en", "Turkmenistan", "TM"), ("en", "Dushanbe", "TJ"),
]


@pytest.mark.parametrize("language,text,code", COUNTRY_FORMS)
def test_country_forms(language, text, code):
    assert tag("", f"… {text} …", language).countries == [code]


COUNTRY_NEGATIVES = [
    ("en", "A rally in Atlanta, Georgia drew thousands", "GE"),
    ("en", "Students of Georgia State University protested", "GE"),
    ("en", "A Russian-language newspaper in Almaty", "RU"),
    ("ru", "Грузить мебель", "GE"),
    ("ru", "Рейс в Бухарест", "UZ"),
    ("uk", "Кримінальна справа", "UA"),
    ("kk", "Арман есімді студент", "AM"),  # a common Kazakh name, not Uzbek "Armenian"
    ("tg", "Имрӯз ош пухтем", "KG"),  # plov, not the city of Osh
    ("tg", "Рӯзи душанбе ҷаласа баргузор шуд", "TJ"),  # Monday, not the capital
    ("tk", "Duşenbe güni ýagyş ýagar", "TJ"),
    ("ky", "Былтыркыга караганда баалар өстү", "KZ"),  # "compared with", not Karaganda
    ("be", "Ён ляжаў на баку", "AZ"),  # "on his side", not Baku
    ("ru", "Спал на боку", "AZ"),
    ("be", "Крымінальная справа", "UA"),
    ("ru", "Казахские власти задержали активистов", "XX"),  # sanity: the adjective does count
]


@pytest.mark.parametrize("language,text,code", COUNTRY_NEGATIVES)
def test_country_not_found(language, text, code):
    countries = tag("", text, language).countries
    assert code not in countries
    if code == "XX":
        assert countries == ["KZ"]


# --- organisations ---------------------------------------------------------------------

ORGANIZATIONS = [
    ("en", "Human Rights Watch said on Monday", "Human Rights Watch"),
    ("en", "According to HRW, the law is discriminatory", "Human Rights Watch"),
    ("ru", "Об этом сообщила «Хьюман Райтс Вотч»", "Human Rights Watch"),
    ("ru", "Правозащитный центр «Мемориал» признан иноагентом", "Memorial"),
    ("ru", "По данным ОВД-Инфо, задержаны 40 человек", "OVD-Info"),
    ("ru", "Наблюдатели ОБСЕ/БДИПЧ не были допущены", "OSCE/ODIHR"),
    ("ru", "Комитет ООН по правам человека рассмотрел жалобу", "UN Human Rights Committee"),
    ("ru", "Казахстанское международное бюро по правам человека", "Kazakhstan International Bureau for Human Rights"),
    ("ru", "Фонд «Феминита» подал иск", "Feminita"),
    ("ru", "Сотрудники «Лабриса» в Бишкеке", "Labrys"),
    ("kk", "ЕҚЫҰ байқаушылары", "OSCE/ODIHR"),
    ("kk", "БҰҰ баяндамасы", "United Nations"),
    ("kk", "Kok.team ұйымының мәлімдемесі", "Kok.team"),
    ("ka", "ამნესტი ინტერნეშენალის ანგარიში", "Amnesty International"),
    ("ka", "ეუთოს მისია", "OSCE/ODIHR"),
    ("hy", "Ամնեստի Ինթերնեշնլը հայտնել է", "Amnesty International"),
    ("hy", "ՄԱԿ-ի զեկույցը", "United Nations"),
    ("be", "Праваабарончы цэнтр «Вясна» паведаміў", "Viasna"),
    ("uk", "Амністі Інтернешнл закликала", "Amnesty International"),
    ("az", "ATƏT müşahidəçiləri", "OSCE/ODIHR"),
    ("en", "Freedom House and CIVICUS downgraded the rating", "CIVICUS"),
    ("en", "Freedom House and CIVICUS downgraded the rating", "Freedom House"),
    ("en", "ARTICLE 19 and ILGA-Europe issued a statement", "ARTICLE 19"),
    ("en", "ARTICLE 19 and ILGA-Europe issued a statement", "ILGA-Europe"),
    ("en", "Front Line Defenders reported the case", "Front Line Defenders"),
    ("en", "Amnesty's researchers interviewed LGBT activists", "Amnesty International"),
    ("en", "He spoke at the U.N. General Assembly", "United Nations"),
]


@pytest.mark.parametrize("language,text,name", ORGANIZATIONS)
def test_organization_aliases(language, text, name):
    assert name in tag("", text, language).organizations


ORG_NEGATIVES = [
    ("en", "The war memorial in the park was restored", "Memorial"),
    ("be", "Вясна прыйшла ў Мінск", "Viasna"),
    ("en", "Article 19 of the Constitution protects speech", "ARTICLE 19"),
    ("en", "The president announced a tax amnesty", "Amnesty International"),
    ("en", "AI tools are changing newsrooms", "Amnesty International"),
    ("tk", "Bazarda un gymmatlady", "United Nations"),  # Turkmen "un" is flour
]


@pytest.mark.parametrize("language,text,name", ORG_NEGATIVES)
def test_organization_not_found(language, text, name):
    assert name not in tag("", text, language).organizations


def test_own_language_entries_apply_when_language_is_unknown():
    assert tag("", "Арман", "und").countries == ["AM"]
    assert tag("", "Арман", "kk").countries == []
    assert tag("", "Arman", "uz-Latn").countries == ["AM"]


# --- doubtful words, support and context ---------------------------------------------------

DOUBTFUL = [
    # (language, title, text, is assembly)
    ("ka", "საქართველოს ბანკის აქციები გაძვირდა", "კომპანიის აქციების ფასი 4 პროცენტით გაიზარდა.", False),
    ("ka", "აქცია პარლამენტთან", "პოლიციამ აქციის ორი მონაწილე დააკავა.", True),
    ("ru", "В Минске прошла демонстрация электромобилей", "Завод представил три модели.", False),
    ("ru", "Прокурор внес протест на решение горсовета", "Тарифы утверждены без слушаний.", False),
    ("tk", "«Altyn Asyr» emin kararyna garşy protest bildirdi", "Klub federasiýa resmi protest iberdi.", False),
    ("kk", "Астанада Наурыз шеруі өтті", "Мыңдаған адам мерекелік шеруге қатысты.", False),
    ("kk", "Алматыда ата-аналар әкімдік алдына жиналды",
     "Жиналғандар мектеп ақысын төмендетуді талап етті.", True),
    ("ru", "Жители собрались у акимата", "Около двухсот человек собрались, требуя вернуть отопление.", True),
    ("ru", "Жители собрались на сход", "Около двухсот человек собрались во дворе, чтобы обсудить ремонт.", False),
    ("en", "Residents gathered after the earthquake", "Hundreds were killed; survivors gathered in the square.", False),
    ("en", "Drivers blocked roads in Bishkek", "Police dispersed the drivers and detained ten of them.", True),
]


@pytest.mark.parametrize("language,title,text,assembly", DOUBTFUL)
def test_doubtful_assembly_words_need_support(language, title, text, assembly):
    assert ("assembly" in tag(title, text, language).topics) is assembly


def test_an_lgbt_groups_name_counts_as_an_lgbt_mention():
    tags = tag("Мэрия отказала в проведении акции", "Labrys обжалует решение.", "ru")
    assert "lgbt" in tags.topics and tags.organizations == ["Labrys"]
    assert "lgbt: Labrys" in tags.relevance_terms


def test_a_un_body_is_not_also_the_un_at_large():
    assert tag("", "BMT Inson huquqlari qo'mitasi 120-moddani bekor qilishni so'radi",
               "uz").organizations == ["UN Human Rights Committee"]
    assert tag("", "Ukrainian 'амністія' law", "en").organizations == []
    assert tag("", "Верховна Рада ухвалила закон про амністію", "uk").organizations == []


@pytest.mark.parametrize("language,text,body", [
    ("tk", "BMG-niň Adam hukuklary boýunça geňeşi Türkmenistana ýüzlendi", "UN Human Rights Council"),
    ("tk", "BMG-niň Adam hukuklary boýunça komiteti maglumat sorady", "UN Human Rights Committee"),
    ("tg", "Шӯрои ҳуқуқи башари СММ ба Тоҷикистон муроҷиат кард", "UN Human Rights Council"),
    ("tg", "Кумитаи ҳуқуқи башари СММ хулосаҳояшро нашр кард", "UN Human Rights Committee"),
    ("uz", "BMT Inson huquqlari kengashi O‘zbekistonga tavsiya berdi", "UN Human Rights Council"),
    ("uz", "BMT inson huquqlari bo‘yicha Oliy komissari bayonot berdi", "UN Human Rights Office"),
    ("kk", "БҰҰ-ның Адам құқықтары жөніндегі комитеті ұсыныс берді", "UN Human Rights Committee"),
])
def test_un_bodies_in_central_asian_languages_resolve_to_the_body(language, text, body):
    assert tag("", text, language).organizations == [body]


@pytest.mark.parametrize("language,text,name", [
    ("ka", "ორგანიზაცია „იდენტობას“ ცნობით, თავდასხმა გამოძიებულია", "Identoba"),
    ("ru", "Как сообщила «Идентичность», нападавших не нашли", "Identoba"),
    ("hy", "«Աջ կողմ» ՀԿ-ն դիմել է ոստիկանություն", "Right Side"),
    ("ky", "«Кадыр-Касиет» коомдук фонду билдирди", "Kadyr Kasiet"),
    ("tk", "Türkmenistanyň Helsinki Gaznasy habar berdi", "Turkmen Helsinki Foundation"),
    ("be", "Праваабаронцы «Вясны» паведамляюць пра затрыманьні", "Viasna"),
    ("ru", "Правозащитный альянс Узбекистана выступил с заявлением", "Human Rights Alliance of Uzbekistan"),
])
def test_the_regions_groups_are_known_in_their_languages(language, text, name):
    assert name in tag("", text, language).organizations
