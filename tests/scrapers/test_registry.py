import re
import tomllib
from pathlib import Path

import pytest

from core.errors import BadInput
from scrapers.registry import KINDS, load_sources, select
from workflows.settings import DEFAULT_SOURCES

GOOD = """
[[sources]]
id = "dala-times"
name = "Dala Times"
kind = "feed"
url = "http://127.0.0.1:1/rss.xml"
country = "KZ"
languages = ["kk", "ru"]
category = "news"

[[sources]]
id = "ararat-daily"
name = "Ararat Daily"
kind = "listing"
url = "http://127.0.0.1:1/news/"
country = "AM"
languages = ["hy"]
category = "news"
article_pattern = "/\\\\d{4}/"
next_page = "a.next"
enabled = false
"""


def write(tmp_path, text):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_registry_parses(tmp_path):
    sources = load_sources(write(tmp_path, GOOD))
    assert [s.id for s in sources] == ["dala-times", "ararat-daily"]
    assert sources[0].languages == ("kk", "ru") and sources[1].enabled is False
    assert [s.id for s in select(sources)] == ["dala-times"]
    assert [s.id for s in select(sources, ["ararat-daily"])] == ["ararat-daily"]


def test_project_registry_is_valid():
    sources = load_sources(DEFAULT_SOURCES)
    assert all(s.kind in KINDS for s in sources)


@pytest.mark.parametrize("change, expected", [
    (('kind = "feed"', 'kind = "rss"'), "unknown kind 'rss'"),
    (('id = "ararat-daily"', 'id = "dala-times"'), "duplicate id 'dala-times'"),
    (('country = "KZ"', 'country = "XX"'), "key 'country'"),
    (('country = "KZ"', 'country = "kz"'), "key 'country'"),
    (('category = "news"\n\n', 'category = "blog"\n\n'), "key 'category'"),
    (('languages = ["kk", "ru"]', 'languages = []'), "key 'languages'"),
    (('name = "Dala Times"\n', ''), "missing key 'name'"),
    (('id = "dala-times"', 'id = "Dala Times"'), "key 'id'"),
    (('url = "http://127.0.0.1:1/rss.xml"', 'url = "ftp://x"'), "key 'url'"),
    (('url = "http://127.0.0.1:1/rss.xml"', 'url = "http://127.0.0.1:1@x.invalid/"'), "user name or password"),
    (('url = "http://127.0.0.1:1/rss.xml"', 'url = "http://host:port/rss"'), "port"),
    (('url = "http://127.0.0.1:1/rss.xml"', 'url = "http:///rss"'), "no host"),
    (('url = "http://127.0.0.1:1/rss.xml"', 'url = "http://x.example/a b"'), "spaces"),
    (('kind = "feed"', 'kind = "telegram"'), "https://t.me/s/<channel>"),
    (('enabled = false', 'enabled = false\nverified = "last week: looked fine"'), "key 'verified'"),
    (('enabled = false', 'enabled = false\nverified = "2026-02-30: bad day"'), "key 'verified'"),
    (('enabled = false', 'enabled = false\nverified = "2026-02-03: ok"\nunverified = "x"'), "exclude each other"),
    (('enabled = false', 'enabled = false\nunverified = ""'), "key 'unverified'"),
    (('next_page = "a.next"', 'next_page = "a.next"\ncolour = "red"'), "unknown key 'colour'"),
    (('article_pattern = "/\\\\d{4}/"', 'article_pattern = "(["'), "key 'article_pattern'"),
    (('enabled = false', 'enabled = "no"'), "key 'enabled'"),
    (('next_page = "a.next"', 'next_page = "a["'), "key 'next_page'"),
])
def test_bad_registry_names_the_key(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(BadInput) as err:
        load_sources(path)
    message = str(err.value)
    assert str(path) in message and expected in message and "\n" not in message


def test_toml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, GOOD.replace('name = "Dala Times"', 'name = "Dala Times'))
    with pytest.raises(BadInput, match=r"line \d+"):
        load_sources(path)


@pytest.mark.parametrize("content, expected", [
    (None, "no such file"), (b"", "no [[sources]]"), (b"\xff\xfe\x00binary", "not UTF-8"),
])
def test_missing_empty_or_binary_registry(tmp_path, content, expected):
    path = tmp_path / "sources.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BadInput, match=expected.replace("[", r"\[").replace("]", r"\]")):
        load_sources(path)


def test_unknown_only_id(tmp_path):
    with pytest.raises(BadInput, match="unknown source id 'nope'"):
        select(load_sources(write(tmp_path, GOOD)), ["nope"])


RFERL_SERVICES = ("rferl.org", "currenttime.tv", "azattyq.org", "rus.azattyq.org", "azattyk.org", "ozodlik.org",
                  "ozodi.org", "azathabar.com", "azatutyun.am", "azadliq.org", "radiotavisupleba.ge",
                  "svaboda.org", "svoboda.org", "radiosvoboda.org", "krymr.com", "sibreal.org")
NGOS = ("Amnesty International", "Human Rights Watch", "ILGA-Europe", "Freedom House", "CIVICUS Monitor",
        "Front Line Defenders", "OVD-Info", "ARTICLE 19")
COUNTRIES = ("KZ", "KG", "UZ", "TJ", "TM", "AM", "AZ", "GE", "BY", "RU", "UA")
MAIN_LANGUAGE = {"KZ": "kk", "KG": "ky", "UZ": "uz", "TJ": "tg", "TM": "tk", "AM": "hy", "AZ": "az", "GE": "ka",
                 "BY": "be", "RU": "ru", "UA": "uk"}
LANGUAGES = ("kk", "ky", "ru", "uz", "tg", "tk", "hy", "az", "ka", "be", "uk", "en")


def test_project_registry_covers_the_region():
    from collections import Counter
    from urllib.parse import urlsplit
    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources) >= 90
    hosts = {urlsplit(s.url).hostname.removeprefix("www.").removeprefix("ru.").removeprefix("ua."): s
             for s in sources if s.cms}
    for service in RFERL_SERVICES:
        assert service in hosts and hosts[service].cms == "pangea", service
    news = [s for s in sources if s.category == "news" and s.enabled]
    for country in COUNTRIES:  # its main language, and Russian, each from an enabled outlet of the country
        langs = {lang for s in news if s.country == country for lang in s.languages}
        assert {MAIN_LANGUAGE[country], "ru"} <= langs, (country, langs)
    per_language = Counter(lang for s in sources for lang in s.languages)
    assert all(per_language[lang] >= 3 for lang in LANGUAGES), per_language
    names = {s.name for s in sources if s.category == "ngo"}
    assert set(NGOS) <= names
    assert Counter(s.category for s in sources)["ngo"] >= 25
    telegram = [s for s in sources if s.kind == "telegram"]
    assert len(telegram) >= 15 and all(s.url.startswith("https://t.me/s/") for s in telegram)
    assert {s.kind for s in sources} == set(KINDS)
    assert all(s.notes for s in sources if not s.enabled), "a disabled source must say why"
    assert all(s.evidence != "none" for s in sources), [s.id for s in sources if s.evidence == "none"]


SAMPLES = tomllib.loads((Path(DEFAULT_SOURCES).parent / "sources.samples.toml").read_text(encoding="utf-8"))
PATTERNED = [s for s in load_sources(DEFAULT_SOURCES) if s.article_pattern or s.next_page]


@pytest.mark.parametrize("key", [s.id for s in PATTERNED] + ["cms:pangea"])
def test_patterns_match_real_url_shapes(key):
    """Each article_pattern and next_page against real URLs of that outlet (sources.samples.toml)."""
    from scrapy.http import HtmlResponse

    from scrapers.cms import PANGEA
    from scrapers.parse import next_page
    source = next((s for s in PATTERNED if s.id == key), None)
    samples = SAMPLES.get(key)
    if samples is None:
        assert source is not None and not source.enabled and "untested" in source.notes, \
            f"{key}: enabled with a pattern but no real URLs in sources.samples.toml"
        return
    pattern = re.compile(source.article_pattern if source else PANGEA.article_pattern)
    articles, other = samples["articles"], samples.get("other", [])
    assert len(articles) >= 3
    assert [u for u in articles if not pattern.search(u)] == []
    assert [u for u in other if pattern.search(u)] == []
    if source and source.next_page:
        pages = samples["pages"]
        body = "".join(f'<a href="{u}">article</a>' for u in articles) + "".join(
            f'<a class="page" href="{u}">more</a>' for u in pages[:1])
        found = next_page(HtmlResponse(url=articles[0], body=body.encode(), encoding="utf-8"), source.next_page)
        assert found == pages[0]


def test_cms_key_is_validated(tmp_path):
    path = write(tmp_path, GOOD.replace('category = "news"\n\n', 'category = "news"\ncms = "drupal"\n\n', 1))
    with pytest.raises(BadInput, match="key 'cms': unknown engine 'drupal'"):
        load_sources(path)
    pangea_listing = GOOD.replace('article_pattern = "/\\\\d{4}/"\n', 'cms = "pangea"\n')
    assert load_sources(write(tmp_path, pangea_listing))[1].cms == "pangea"
