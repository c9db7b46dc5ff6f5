"""The pieces of the extractor on small pages: structured data, dates, titles, body repair."""
from datetime import date

import pytest

from core.dates import parse_iso, text_date
from pipelines.extract import structured_data
from pipelines.extract.extract import NotAnArticle, extract, parse_html, prefer_article_body
from pipelines.extract.html_page import Block

PARAGRAPHS = [
    "Полиция задержала участников пикета у здания городского суда, сообщили правозащитники в воскресенье.",
    "По словам очевидцев, акция продолжалась не больше десяти минут, плакаты у участников отобрали.",
    "Задержанных доставили в районный отдел полиции, им грозят штрафы по административной статье.",
]


def page(head: str = "", body: str = "") -> bytes:
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def paragraphs(items=PARAGRAPHS) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def test_json_ld_graph_arrays_and_sloppy_json():
    tree = parse_html(page(
        '<script type="application/ld+json">[{"@type":"WebSite","name":"Дала"},'
        '{"@context":"https://schema.org","@graph":[{"@type":["NewsArticle"],"headline":"Заголовок",'
        '"datePublished":"2026-11-12 06:15:00Z","articleBody":"<p>Один.</p><p>Два.</p>",}]}]</script>'
        '<meta property="og:site_name" content="Дала Таймс">').decode())
    meta = structured_data.read(tree)
    assert meta.is_article and not meta.is_listing
    assert meta.headline == "Заголовок"
    assert meta.published == "2026-11-12 06:15:00Z"
    assert meta.body.split() == ["Один.", "Два."]
    assert meta.site_names[:2] == ["Дала Таймс", "Дала"]


def test_microdata_article():
    tree = parse_html(page(body='<div itemscope itemtype="https://schema.org/NewsArticle">'
                                '<meta itemprop="datePublished" content="2026-11-13T10:15:00+05:00">'
                                '<h1 itemprop="headline">Хабар</h1></div>').decode())
    meta = structured_data.read(tree)
    assert meta.is_article and meta.headline == "Хабар" and meta.published.startswith("2026-11-13")


@pytest.mark.parametrize("value, expected", [
    ("2026-11-12 06:15:00Z", "2026-11-12T06:15:00+00:00"),
    ("2026-11-10T00:00:00-0500", "2026-11-10T00:00:00-05:00"),
    ("2026-11-22T14:37:00.000Z", "2026-11-22T14:37:00+00:00"),
    ("2026-11-13", "2026-11-13T00:00:00+00:00"),
    ("13.11.2026", None), ("", None), ("2026-02-30", None),
])
def test_parse_iso(value, expected):
    found = parse_iso(value)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("Опубликовано: 03.11.2026", date(2026, 11, 3)),
    ("21 лістапада 2026, 14:05", date(2026, 11, 21)),
    ("Noyabr 14, 2026", date(2026, 11, 14)),
    ("05-Ноябрь, 2026", date(2026, 11, 5)),
    ("20 ნოემბერი, 2026", date(2026, 11, 20)),
    ("Середа, 19 листопада 2026, 14:20", date(2026, 11, 19)),
    ("09.11.2026, 18:47", date(2026, 11, 9)),
    ("11 ნოემბერი, 12:30", None),
    ("© 2005-2026", None),
])
def test_text_dates_in_the_regions_languages(text, expected):
    assert text_date(text) == expected


def test_header_today_is_not_the_publication_date():
    body = ('<div class="topbar">Сегодня: 25 ноября 2026</div><header><nav><a href="/">Главная</a></nav></header>'
            '<main><h1>Полиция задержала участников пикета у суда</h1>'
            '<div class="byline">Иван Петров, 18 ноября 2026</div>' + paragraphs() + '</main>')
    found = extract(page("<title>Полиция задержала участников пикета у суда</title>", body))
    assert found.published.date() == date(2026, 11, 18)


def test_json_ld_date_wins_and_keeps_the_bylines_offset():
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Полиция задержала '
            'участников пикета","datePublished":"2026-11-20 20:30:00Z"}</script>')
    body = ('<h1>Полиция задержала участников пикета</h1><time datetime="2026-11-21T02:30:00+06:00">'
            '21.11.2026</time>' + paragraphs())
    found = extract(page(head, body))
    assert found.published.isoformat() == "2026-11-21T02:30:00+06:00"


def test_no_date_anywhere_stays_none():
    body = '<h1>Полиция задержала участников пикета у суда</h1>' + paragraphs() + '<footer>© 2026</footer>'
    assert extract(page("", body)).published is None


def test_title_from_og_without_site_name_when_no_h1():
    head = ('<title>Активистов оштрафовали за пикет | Степной вестник</title>'
            '<meta property="og:site_name" content="Степной вестник">')
    found = extract(page(head, "<div class='title'>x</div>" + paragraphs()))
    assert found.title == "Активистов оштрафовали за пикет"


def test_lead_outside_the_body_is_kept_first():
    body = ('<h1>Полиция задержала участников пикета у суда</h1>'
            '<p class="article-lead">Акция прошла у здания суда, задержаны семь человек.</p>'
            '<div class="article-text">' + paragraphs() + '</div>')
    found = extract(page("<title>Полиция задержала участников пикета у суда</title>", body))
    assert found.text.splitlines()[0] == "Акция прошла у здания суда, задержаны семь человек."


def test_listing_of_teasers_is_not_an_article():
    items = "".join(f'<li><a href="/news/{i}"><h3>Новость номер {i}: в городе прошла акция протеста</h3></a>'
                    f'<p>Короткое описание новости номер {i}, несколько слов о том, что случилось.</p></li>'
                    for i in range(8))
    with pytest.raises(NotAnArticle, match="teasers"):
        extract(page("<title>Новости</title>", f"<h1>Новости</h1><ul class='list'>{items}</ul>"))


def test_article_with_a_related_list_is_still_an_article():
    related = "".join(f'<li><a href="/news/{i}">Связанная новость номер {i} о протестах в регионе</a></li>'
                      for i in range(6))
    body = ('<h1>Полиция задержала участников пикета у суда</h1><div class="content">' + paragraphs()
            + f'<h3>По теме</h3><ul>{related}</ul></div>')
    found = extract(page("<title>Полиция задержала участников пикета у суда</title>", body))
    assert found.text.splitlines() == PARAGRAPHS


def test_article_body_teaser_does_not_replace_the_page_text():
    blocks = [Block(p) for p in PARAGRAPHS]
    teaser = "Совсем другой короткий анонс. " * 7  # long enough to be read, shorter than the page text
    assert prefer_article_body(blocks, teaser) == blocks
    full = "\n".join(PARAGRAPHS + ["Четвертый абзац, которого нет на странице, но он есть в articleBody издателя."])
    assert [b.text for b in prefer_article_body(blocks[:1], full)][-1].startswith("Четвертый")


def test_written_date_split_across_inline_tags():
    body = ('<h1>Полиция задержала участников пикета у суда</h1><div class="meta"><b>18</b> ноября <b>2026</b></div>'
            + paragraphs())
    assert extract(page("", body)).published.date() == date(2026, 11, 18)
