"""The vocabulary files' shape: every topic and country in all thirteen language keys, valid
patterns, known references; the organisations the project promises."""
from __future__ import annotations

import re
import tomllib

import pytest

from pipelines import tagging
from pipelines.gazetteer import Gazetteer, parse_word

LANGUAGE_KEYS = {"kk", "ky", "ru", "uz-Cyrl", "uz-Latn", "tg", "tk", "hy", "az", "ka", "be", "uk", "en"}
TOPICS = {"lgbt", "assembly", "detention", "ban", "violence", "legislation", "pride", "foreign-agent"}
COUNTRIES = {"KZ", "KG", "UZ", "TJ", "TM", "AM", "AZ", "GE", "BY", "RU", "UA"}
TOPIC_FIELDS = {"requires", "hidden", "exclude", "support", "counts_as"}
_STEM = re.compile(r"^(?P<stem>[^*(]+)")


def _vocab(name: str) -> dict:
    return tomllib.loads((tagging.VOCAB_DIR / name).read_text(encoding="utf-8"))


def _check_patterns(patterns: list[str], where: str, allow_empty: bool = False) -> None:
    assert patterns or allow_empty, f"{where}: empty"
    folded = [p.lower() for p in patterns]
    assert len(folded) == len(set(folded)), f"{where}: duplicates"
    for pattern in patterns:
        assert pattern == pattern.strip(), f"{where}: {pattern!r} has spaces around it"
        body = pattern.removeprefix("!").removeprefix("?")
        if not body.startswith("="):  # "=" marks the only case-sensitive entries
            assert body == body.lower(), f"{where}: {pattern!r} not lower-case"
        for word in body.removeprefix("=").split():
            stem = _STEM.match(word)["stem"]
            assert re.fullmatch(r"\w+(?:'\w+)*(?:(?<=[go])')?", stem), f"{where}: {pattern!r} stem is not one word"
            parse_word(word)
        Gazetteer().add(where, pattern)


def test_topics_file_shape():
    table = _vocab("topics.toml")
    assert {k for k, v in table.items() if not v.get("hidden")} == TOPICS
    for topic, spec in table.items():
        assert set(spec) - TOPIC_FIELDS == LANGUAGE_KEYS, topic
        for field in ("requires", "support"):
            assert set(spec.get(field, [])) <= set(table), (topic, field)
        assert spec.get("counts_as", "lgbt") in TOPICS, topic
        for key in LANGUAGE_KEYS:
            _check_patterns(spec[key], f"{topic}.{key}")
        _check_patterns(spec.get("exclude", []), f"{topic}.exclude", allow_empty=True)
    assert all(not table[t].get("requires") for t in tagging.CORE_TOPICS)


def test_countries_file_shape():
    table = _vocab("countries.toml")
    assert set(table) == COUNTRIES | {"passing", "lists"}
    for code in COUNTRIES:
        spec = table[code]
        assert set(spec) <= {"names", "demonyms", "exclude", "contra"}, code
        for kind in ("names", "demonyms"):
            assert set(spec[kind]) == LANGUAGE_KEYS, (code, kind)
            for key in LANGUAGE_KEYS:
                _check_patterns(spec[kind][key], f"{code}.{kind}.{key}")
        for field in ("exclude", "contra"):
            _check_patterns(spec.get(field, []), f"{code}.{field}", allow_empty=True)
    assert set(table["passing"]) == {"before", "after", "qualifies"}
    for where, spec in table["passing"].items():
        assert set(spec) <= LANGUAGE_KEYS, where
        for key, patterns in spec.items():
            _check_patterns(patterns, f"passing.{where}.{key}")
    assert set(table["passing"]["qualifies"]) == LANGUAGE_KEYS
    assert all(" " not in w for words in table["lists"]["joiners"].values() for w in words)


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_country_has_its_capital_in_every_language(code):
    # the capital (or the country name itself) must be found in each language's own spelling
    names = _vocab("countries.toml")[code]["names"]
    assert all(len(names[key]) >= 2 for key in LANGUAGE_KEYS), code


PROMISED = ["Amnesty International", "Human Rights Watch", "ILGA-Europe", "Freedom House", "CIVICUS",
            "OVD-Info", "Front Line Defenders", "ARTICLE 19", "OSCE/ODIHR", "United Nations",
            "UN Human Rights Office", "UN Human Rights Committee", "UN Human Rights Council",
            "Kok.team", "Labrys", "Feminita", "Kazakhstan International Bureau for Human Rights"]


def test_organizations_file_shape():
    orgs = _vocab("organizations.toml")["organization"]
    names = [o["name"] for o in orgs]
    assert len(names) == len(set(names)) and set(PROMISED) <= set(names)
    topics = set(_vocab("topics.toml"))
    for org in orgs:
        assert set(org) <= {"name", "aliases", "weak", "weak_context", "topics"}, org["name"]
        _check_patterns(org["aliases"], org["name"])
        _check_patterns(org.get("weak", []), org["name"], allow_empty=True)
        assert set(org.get("weak_context", [])) <= topics and set(org.get("topics", [])) <= TOPICS
        assert bool(org.get("weak")) == bool(org.get("weak_context")), org["name"]


def test_the_vocabulary_compiles():
    vocab = tagging.vocabulary()
    assert len(vocab.gazetteer.entries) > 2000 and vocab.counts_as == {"gathering": "assembly"}
