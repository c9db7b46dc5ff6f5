import pytest

from rightswatch.errors import BadInput
from rightswatch.settings import DEFAULT_SOURCES
from scrapers.registry import KINDS, load_sources, select

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


def test_project_registry_covers_the_region():
    from collections import Counter
    from urllib.parse import urlsplit
    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources) >= 40
    hosts = {urlsplit(s.url).hostname.removeprefix("www.").removeprefix("ru.").removeprefix("ua."): s
             for s in sources}
    for service in RFERL_SERVICES:
        assert service in hosts and hosts[service].cms == "pangea", service
    local = Counter(s.country for s in sources if s.category == "news" and s.cms is None and s.enabled)
    for country in ("KZ", "KG", "UZ", "AM", "GE", "BY"):
        assert local[country] >= 2, (country, local)
    names = {s.name for s in sources if s.category == "ngo"}
    assert set(NGOS) <= names
    assert Counter(s.category for s in sources)["ngo"] >= 8
    assert {s.kind for s in sources} == set(KINDS)
    assert all(s.notes for s in sources if not s.enabled), "a disabled source must say why"


def test_cms_key_is_validated(tmp_path):
    path = write(tmp_path, GOOD.replace('category = "news"\n\n', 'category = "news"\ncms = "drupal"\n\n', 1))
    with pytest.raises(BadInput, match="key 'cms': unknown engine 'drupal'"):
        load_sources(path)
    pangea_listing = GOOD.replace('article_pattern = "/\\\\d{4}/"\n', 'cms = "pangea"\n')
    assert load_sources(write(tmp_path, pangea_listing))[1].cms == "pangea"
