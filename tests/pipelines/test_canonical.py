"""Canonical URLs: twins of one page reached by different links fold to one spelling; distinct pages stay apart."""
import pytest

from pipelines.clean import canonical_url

SAME = [
    # tracking parameters
    ("https://azattyq.org/a/32714.html?utm_source=telegram&utm_medium=social", "https://azattyq.org/a/32714.html"),
    ("https://kaktus.media/doc/4521.html?fbclid=IwAR0xyz", "https://kaktus.media/doc/4521.html"),
    ("https://tengrinews.kz/news/x-5123/?gclid=abc&yclid=77", "https://tengrinews.kz/news/x-5123"),
    ("https://ria.ru/20261105/sud.html?ysclid=lq2a1b", "https://ria.ru/20261105/sud.html"),
    ("https://example.org/a?b=2&utm_campaign=x&a=1", "https://example.org/a?a=1&b=2"),
    ("https://24.kg/obschestvo/301/?ref=main&_ga=2.1", "https://24.kg/obschestvo/301"),
    ("https://civil.ge/archives/6120?mc_cid=abc&mc_eid=def", "https://civil.ge/archives/6120"),
    # fragments, case, default ports, www
    ("HTTPS://WWW.Azattyq.ORG/a/32714.html#comments", "https://azattyq.org/a/32714.html"),
    ("https://www.svaboda.org:443/a/33001.html", "https://svaboda.org/a/33001.html"),
    ("http://news.am:80/arm/news/812345.html", "https://news.am/arm/news/812345.html"),
    ("http://hetq.am/en/article/151", "https://hetq.am/en/article/151"),
    # mobile hosts
    ("https://m.kaktus.media/doc/4521.html", "https://kaktus.media/doc/4521.html"),
    ("https://mobile.reuters.com/article/idUS1", "https://reuters.com/article/idUS1"),
    ("https://m.ru.sputnik.kz/20261112/report.html", "https://ru.sputnik.kz/20261112/report.html"),
    ("https://www.m.inform.kz/kz/x_a123", "https://inform.kz/kz/x_a123"),
    # AMP twins
    ("https://amp.rferl.org/a/33120.html", "https://rferl.org/a/33120.html"),
    ("https://tengrinews.kz/amp/news/x-5123/", "https://tengrinews.kz/news/x-5123"),
    ("https://eurasianet.org/georgia-fines-ngos/amp", "https://eurasianet.org/georgia-fines-ngos"),
    ("https://jam-news.net/ru/story-77/amp/", "https://jam-news.net/ru/story-77"),
    ("https://zona.media/news/2026/11/05/sud?amp=1", "https://zona.media/news/2026/11/05/sud"),
    ("https://zona.media/news/2026/11/05/sud?amp", "https://zona.media/news/2026/11/05/sud"),
    ("https://novayagazeta.eu/articles/2026/11/05/x?output=amp", "https://novayagazeta.eu/articles/2026/11/05/x"),
    ("https://site.uz/news/2026/11/04/rally.amp.html", "https://site.uz/news/2026/11/04/rally.html"),
    ("https://www-hetq-am.cdn.ampproject.org/c/s/hetq.am/en/article/151", "https://hetq.am/en/article/151"),
    ("https://www.google.com/amp/s/www.azattyq.org/amp/32714.html", "https://azattyq.org/32714.html"),
    # index pages, trailing and doubled slashes, percent-encoding
    ("https://ararat-daily.am/2026/11/02/yerevan-police/", "https://ararat-daily.am/2026/11/02/yerevan-police"),
    ("https://ararat-daily.am/news/index.html", "https://ararat-daily.am/news"),
    ("https://kloop.kg/blog//2026/11/05/x/", "https://kloop.kg/blog/2026/11/05/x"),
    ("https://www.nur.kz/", "https://nur.kz/"),
    ("https://ru.wikipedia.org/wiki/%D0%9F%D1%80%D0%B0%D0%B9%D0%B4", "https://ru.wikipedia.org/wiki/Прайд"),
    ("https://site.kz/жаңалықтар/пикет", "https://site.kz/%D0%B6%D0%B0%D2%A3%D0%B0%D0%BB%D1%8B%D2%9B%D1%82%D0%B0%D1%80/%D0%BF%D0%B8%D0%BA%D0%B5%D1%82"),
]

DIFFERENT = [
    ("https://azattyq.org/a/32714.html", "https://azattyq.org/a/32715.html"),
    ("https://news.am/arm/news/812345.html", "https://news.am/rus/news/812345.html"),
    ("https://forum.kz/view.php?id=1", "https://forum.kz/view.php?id=2"),
    ("https://site.kz/news?page=2", "https://site.kz/news?page=3"),
    ("https://site.kz/search?output=rss", "https://site.kz/search?output=json"),
    ("https://ru.sputnik.kz/x", "https://kz.sputnik.kz/x"),
    ("https://site.kz/lamp/1", "https://site.kz/l/1"),
]

# (fetched URL, declared canonical from rel=canonical or og:url, expected)
DECLARED = [
    ("https://m.site.kz/x?amp=1", "https://site.kz/x", "https://site.kz/x"),
    ("https://site.kz/news/123?print=1", "/news/123", "https://site.kz/news/123"),
    ("https://site.kz/amp/news/123", "https://site.kz/news/123/", "https://site.kz/news/123"),
    ("https://mirror.kg/repost/55", "https://dala-times.kz/news/55.html", "https://dala-times.kz/news/55.html"),
    ("https://site.kz/news/123", "https://site.kz/", "https://site.kz/news/123"),  # root canonical: a CMS slip
    ("https://site.kz/news/123", "javascript:void(0)", "https://site.kz/news/123"),
    ("https://site.kz/news/123", "", "https://site.kz/news/123"),
]


@pytest.mark.parametrize("url,expected", SAME)
def test_twins_fold_to_one_spelling(url, expected):
    assert canonical_url(url) == canonical_url(expected)


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_distinct_pages_stay_apart(a, b):
    assert canonical_url(a) != canonical_url(b)


@pytest.mark.parametrize("url,declared,expected", DECLARED)
def test_declared_canonical_is_honoured(url, declared, expected):
    assert canonical_url(url, declared) == canonical_url(expected)


def test_canonical_url_is_idempotent():
    for url, _ in SAME:
        once = canonical_url(url)
        assert canonical_url(once) == once


def test_table_has_at_least_thirty_pairs():
    assert len(SAME) + len(DIFFERENT) + len(DECLARED) >= 30
