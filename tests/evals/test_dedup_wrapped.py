"""The wrapped sets `rightswatch eval dedup` builds: seeded, and holding every kind of trouble
real outlets bring (boilerplate of each kind, read-also boxes quoting other stories, daily
tickers, anniversary traps, undated articles, edited reposts, menu-opened texts), in two style
families that share no boilerplate line."""
from collections import defaultdict
from datetime import date

import pytest

from evals import dedup_outlets
from evals.dedup_set import read_records
from evals.dedup_wrapped import wrapped_set
from tests.support.project import shared_path

FAMILIES = ["default", "unseen"]


@pytest.fixture(scope="module")
def records():
    return read_records(shared_path("data", "stories", "dev.jsonl"))


def boilerplate(article):
    body = set(article["clean_text"].split("\n"))
    return [line for line in article["text"].split("\n") if line not in body]


@pytest.mark.parametrize("styles", FAMILIES)
def test_each_family_has_a_dozen_outlets_and_every_language_twice(styles):
    family = dedup_outlets.load(styles)
    assert len(family.outlets) >= 12 and len({o.id for o in family.outlets}) == len(family.outlets)
    languages = defaultdict(int)
    for outlet in family.outlets:
        languages[outlet.lang] += 1
        assert outlet.country in family.rates
    assert set(family.langs) == set(languages) and min(languages.values()) >= 2
    keys = set(family.langs["en"])
    assert all(set(words) >= keys - {"dateline", "ticker", "social"} for words in family.langs.values())


@pytest.mark.parametrize("styles", FAMILIES)
def test_the_set_is_seeded_and_holds_every_kind_of_trouble(records, styles):
    one = wrapped_set(records, 1, styles)
    assert [(a["url"], a["text"]) for a in one] == [(a["url"], a["text"]) for a in wrapped_set(records, 1, styles)]
    assert [a["url"] for a in one] != [a["url"] for a in wrapped_set(records, 2, styles)]
    assert all(a["source"] and a["seen"] for a in one)
    assert sum(a["published"] is None for a in one) >= 10
    reposts = [a for a in one if "/repost/" in a["url"]]
    assert len(reposts) >= 40 and all(a["clean_text"] for a in reposts)
    titles = {r["title"] for r in records}
    quoting = [a for a in one if any(line.lstrip("•► ").split(". ")[0] in titles - {a["title"]}
                                     for line in boilerplate(a))]
    assert len(quoting) >= len(one) // 2
    family = dedup_outlets.load(styles)
    menu_first = [a for a in one if any(o.id == a["source"] and o.menu_top for o in family.outlets)]
    assert len({a["lang"] for a in menu_first}) >= 5


@pytest.mark.parametrize("styles", FAMILIES)
def test_anniversary_traps_put_other_stories_on_the_same_day_of_other_years(records, styles):
    days = defaultdict(set)
    for a in wrapped_set(records, 3, styles):
        days[(a["at"].month, a["at"].day)].add((a["at"].year, a["story"]))
    traps = [found for found in days.values() if len({year for year, _ in found}) >= 3]
    assert len(traps) >= 3 and all(len({story for _, story in found}) >= 3 for found in traps)


@pytest.mark.parametrize("styles", FAMILIES)
def test_tickers_change_from_day_to_day_and_outlets_repeat_the_rest(records, styles):
    family = dedup_outlets.load(styles)
    outlet = family.outlets[0]
    tickers = {dedup_outlets.ticker(family, outlet, date(2019, 5, day)) for day in range(1, 11)}
    assert len(tickers) == 10
    by_outlet = defaultdict(list)
    for article in wrapped_set(records, 1, styles):
        by_outlet[article["source"]].append(set(boilerplate(article)))
    repeated = [set.intersection(*seen) for seen in by_outlet.values() if len(seen) >= 3]
    assert repeated and all(len(lines) >= 2 for lines in repeated)


def test_the_families_share_no_boilerplate_line(records):
    lines = {}
    for styles in FAMILIES:
        lines[styles] = {line for a in wrapped_set(records, 1, styles) for line in boilerplate(a)
                         if not any(line.endswith(r["title"]) for r in records)}
    assert len(lines["default"]) > 100 and len(lines["unseen"]) > 100
    assert not lines["default"] & lines["unseen"]
