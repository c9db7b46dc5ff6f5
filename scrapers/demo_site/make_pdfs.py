"""(Re)generate the two fictional NGO report PDFs of the demo site.

    python -m scrapers.demo_site.make_pdfs

Needs fpdf2 (dev extra). Uses DejaVu Sans (embedded, subset) so Cyrillic works;
without it only the English report is written, with a core font.
The output is deterministic (fixed creation date), so regenerating changes nothing.
"""
from __future__ import annotations

import datetime as dt
import os
import pathlib
import sys

from fpdf import FPDF

OUT_DIR = pathlib.Path(__file__).resolve().parent / "site" / "rights-observatory" / "files"
FONT_NAME = "DejaVuSans.ttf"
FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts"]
ORG = "Rights Observatory for Eurasia"

EN = {
    "file": "roe-defenders-under-pressure-2026.pdf",
    "lang": "en",
    "title": "Under Pressure: LGBTI Rights Defenders in Armenia, Belarus, Kazakhstan and Kyrgyzstan",
    "index": "ROE 04/1123/2026",
    "date": dt.datetime(2026, 11, 12, 9, 0, tzinfo=dt.timezone.utc),
    "front": ["Index: ROE 04/1123/2026", "Date: 12 November 2026", "Original language: English"],
    "sections": [
        ("1. Summary", [
            "LGBTI rights defenders in Armenia, Belarus, Kazakhstan and Kyrgyzstan work in a climate of fear. "
            "Between January 2025 and September 2026 the Rights Observatory for Eurasia documented 87 incidents in "
            "which activists were threatened, physically attacked, summoned by the police or harassed online because "
            "of their work. In most cases nobody was held responsible.",
            "The four countries differ in their laws and politics, but the pattern is similar. Authorities describe "
            "defenders of LGBTI people as a threat to \"traditional values\", restrict their right to peaceful assembly "
            "and tolerate hostility against them. New laws on \"propaganda\" and on foreign funding make their work "
            "harder still.",
            "\"Rights defenders are working in an atmosphere of fear. Governments must protect them instead of treating "
            "them as enemies,\" said Nadia Veselova, Central Asia researcher at the Rights Observatory for Eurasia.",
        ]),
        ("2. Methodology", [
            "Between March and September 2026 our researchers interviewed 54 activists: 12 in Armenia, 11 from Belarus "
            "(most of them now living abroad), 17 in Kazakhstan and 14 in Kyrgyzstan. Interviews were held in person and "
            "online, in Armenian, Kazakh, Kyrgyz, Russian and English.",
            "We also reviewed court documents, police summonses shared by the activists, media reports and data "
            "published by Amnesty International, ILGA-Europe and the OSCE Office for Democratic Institutions and Human "
            "Rights (OSCE/ODIHR). The names of all interviewees have been withheld for their safety.",
        ]),
        ("TABLE", [
            ("Country", "Threats", "Attacks", "Police summonses", "Online", "Total"),
            ("Armenia", "6", "7", "2", "9", "24"),
            ("Belarus", "3", "1", "11", "4", "19"),
            ("Kazakhstan", "8", "8", "5", "7", "28"),
            ("Kyrgyzstan", "5", "3", "4", "4", "16"),
            ("All four", "22", "19", "22", "24", "87"),
        ]),
        ("3. Armenia", [
            "Armenia does not criminalise same-sex relations, and activists can register organisations. However, hate "
            "speech online is widespread, and community events have been attacked several times. Of the 24 incidents "
            "documented in Armenia, seven were physical attacks. The police opened criminal cases in only a few of them, "
            "usually for hooliganism rather than as hate crimes. Activists said they often did not report threats "
            "because they expected no result.",
        ]),
        ("4. Belarus", [
            "In Belarus, most independent LGBTI groups were forced to close or move abroad after 2021. Activists who "
            "remain in the country face police summonses, searches and fines. Eleven of the 19 incidents we recorded in "
            "Belarus were police summonses, often after posts on social media. Pages run by LGBTI initiatives have been "
            "declared \"extremist materials\", which makes sharing them an offence.",
        ]),
        ("5. Kazakhstan", [
            "In Kazakhstan, a draft law banning \"LGBT propaganda\" is under discussion in parliament. The authorities in "
            "Almaty have repeatedly refused permission for pickets and rallies by feminist and LGBTI activists, citing "
            "repair works or public order. Activists who held pickets without permission were detained and fined.",
            "We documented 28 incidents in Kazakhstan, the highest number among the four countries, including eight "
            "physical attacks. Organisations such as Feminita and Kok.team have been placed on the register of persons "
            "receiving foreign funding.",
        ]),
        ("6. Kyrgyzstan", [
            "In Kyrgyzstan, the 2023 ban on \"propaganda of non-traditional sexual relations\" has been followed by "
            "amendments extending it to the internet and advertising. The law on \"foreign representatives\" forced "
            "several groups to close or to stop public work. Courts in Bishkek have banned rallies in the city centre "
            "for months at a time. Activists described police visits to their offices and pressure on their landlords.",
        ]),
        ("7. Recommendations", [
            "To the governments of Armenia, Belarus, Kazakhstan and Kyrgyzstan:",
            "- Investigate all attacks and threats against LGBTI rights defenders promptly and effectively, including "
            "possible hate motives.",
            "- Withdraw draft laws and repeal laws that ban \"propaganda\" of same-sex relations.",
            "- Respect and protect the right to peaceful assembly; do not require prior permission for peaceful "
            "gatherings.",
            "- Stop using laws on extremism, foreign funding and \"foreign representatives\" to punish human rights work.",
            "To international partners, including the OSCE and the European Union:",
            "- Raise the situation of LGBTI rights defenders in bilateral dialogues and support their safety.",
        ]),
    ],
    "footer": "Rights Observatory for Eurasia - ROE 04/1123/2026 - page",
}

RU = {
    "file": "roe-svoboda-sobranij-2026-ru.pdf",
    "lang": "ru",
    "title": "Право на мирные собрания в Центральной Азии, на Южном Кавказе и в Беларуси: обзор за 2026 год",
    "index": "ROE 04/1187/2026",
    "date": dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc),
    "front": ["Индекс: ROE 04/1187/2026", "Дата: 23 ноября 2026 г.", "Язык оригинала: русский",
              "Обсерватория прав в Евразии (Rights Observatory for Eurasia)"],
    "sections": [
        ("Краткое содержание", [
            "В 2026 году власти семи стран региона продолжали ограничивать право на мирные собрания. Мы изучили 64 "
            "случая отказов, запретов, задержаний и штрафов за период с января по ноябрь 2026 года в Азербайджане, "
            "Армении, Беларуси, Грузии, Казахстане, Кыргызстане и Узбекистане.",
            "Почти везде действует разрешительный, а не уведомительный порядок проведения собраний. Суды вводят "
            "многомесячные запреты на акции в центре городов. Людей задерживают за одиночные пикеты и даже за "
            "фотографии в социальных сетях. Особенно жесткие ограничения касаются ЛГБТИ-активистов и феминисток.",
        ]),
        ("Казахстан", [
            "17 ноября в Алматы полиция задержала шестерых участников пикета против законопроекта о «пропаганде ЛГБТ». "
            "Акимат заранее отказал в проведении пикета, сославшись на ремонтные работы. Двоих активистов суд "
            "оштрафовал на 20 МРП, остальным вынесли предупреждение.",
        ]),
        ("Кыргызстан", [
            "10 ноября Октябрьский районный суд Бишкека по иску мэрии запретил любые собрания у здания Жогорку Кенеша "
            "и у Белого дома до 1 марта 2027 года. Решение было принято за два дня до акции против поправок о "
            "«пропаганде нетрадиционных отношений».",
        ]),
        ("Узбекистан", [
            "4 ноября хокимият Яшнабадского района Ташкента отказал жителям в проведении митинга против сноса домов. "
            "После отказа трех членов инициативной группы вызвали в милицию и предупредили об ответственности.",
        ]),
        ("Армения", [
            "2 ноября в Ереване полиция задержала 38 участников мирной акции против строительства нового рудника в "
            "Вайоцдзорской области. В отношении десяти человек возбуждены административные дела.",
        ]),
        ("Азербайджан", [
            "8 ноября в Гяндже задержали девятерых жителей, протестовавших у здания исполнительной власти из-за "
            "нехватки питьевой воды. Двоих подвергли административному аресту, остальных оштрафовали.",
        ]),
        ("Грузия", [
            "Мэрия Тбилиси отказала организаторам в проведении марша равенства, намеченного на 28 ноября, сославшись "
            "на закон «о семейных ценностях и защите несовершеннолетних». Ранее Антикоррупционное бюро оштрафовало "
            "четыре НПО, в том числе организацию, которая направляет наблюдателей на собрания.",
        ]),
        ("Беларусь", [
            "В Беларуси продолжаются задержания за участие в протестах 2020 года: 4 и 5 ноября в Минске задержали не "
            "менее 12 человек. В Гродно мужчину оштрафовали на 40 базовых величин за фотографию с радужным флагом, "
            "которую милиция сочла «одиночным пикетом».",
        ]),
        ("Рекомендации", [
            "- Перейти от разрешительного к уведомительному порядку проведения мирных собраний.",
            "- Отменить многомесячные и бессрочные запреты на собрания в центре городов.",
            "- Прекратить задержания за мирные одиночные пикеты и публикации в социальных сетях.",
            "- Соблюдать Руководящие принципы ОБСЕ/БДИПЧ по свободе мирных собраний.",
        ]),
    ],
    "footer": "Обсерватория прав в Евразии - ROE 04/1187/2026 - стр.",
}


def find_font() -> str | None:
    """$DEMO_PDF_FONT, else the first DejaVuSans.ttf under the usual font directories."""
    if os.path.isfile(os.environ.get("DEMO_PDF_FONT", "")):
        return os.environ["DEMO_PDF_FONT"]
    for d in FONT_DIRS:
        root = pathlib.Path(d).expanduser()
        if root.is_dir():
            for hit in sorted(root.rglob(FONT_NAME)):
                return str(hit)
    return None


class Report(FPDF):
    footer_text = ""
    base_family = "Helvetica"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.base_family, size=8)
        self.cell(0, 10, f"{self.footer_text} {self.page_no()}", align="C")


def build(spec: dict, font: str | None) -> pathlib.Path:
    pdf = Report(format="A4")
    pdf.footer_text = spec["footer"]
    if font:
        pdf.add_font("DejaVu", "", font)
        bold = font.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
        pdf.add_font("DejaVu", "B", bold if os.path.isfile(bold) else font)
        pdf.base_family = "DejaVu"
    pdf.set_creation_date(spec["date"])
    pdf.set_title(spec["title"])
    pdf.set_author(ORG)
    pdf.set_subject(spec["index"])
    pdf.set_lang(spec["lang"])
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    f = pdf.base_family
    pdf.set_font(f, size=10)
    pdf.cell(0, 8, ORG.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    pdf.set_font(f, "B", 20)
    pdf.multi_cell(0, 10, spec["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(f, size=12)
    for line in spec["front"]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    for heading, paras in spec["sections"]:
        if heading == "TABLE":
            pdf.set_font(f, "B", 10)
            pdf.cell(0, 8, "Documented incidents, January 2025 - September 2026", new_x="LMARGIN", new_y="NEXT")
            widths = (40, 25, 25, 40, 25, 25)
            for i, row in enumerate(paras):
                pdf.set_font(f, "B" if i in (0, len(paras) - 1) else "", 10)
                for w, val in zip(widths, row):
                    pdf.cell(w, 7, val, border=1)
                pdf.ln(7)
            pdf.ln(4)
            continue
        pdf.set_font(f, "B", 14)
        pdf.multi_cell(0, 8, heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font(f, size=11)
        for p in paras:
            pdf.multi_cell(0, 6, p, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.ln(3)
    out = OUT_DIR / spec["file"]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def main() -> int:
    font = find_font()
    specs = [EN, RU] if font else [EN]
    if not font:
        print("DejaVu Sans not found: writing the English report only, with a core font", file=sys.stderr)
    for spec in specs:
        out = build(spec, font)
        print(out.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
