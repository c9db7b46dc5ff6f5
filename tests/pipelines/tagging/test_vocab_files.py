"""The vocabulary files' shape: every topic and country in all thirteen language keys, valid
patterns, known references; the organisations the project promises."""
from __future__ import annotations

import re
import tomllib

import pytest

from pipelines.tagging import tagging
from pipelines.tagging.gazetteer import Gazetteer, parse_word

LANGUAGE_KEYS = {"kk", "ky", "ru", "uz-Cyrl", "uz-Latn", "tg", "tk", "hy", "az", "ka", "be", "uk", "en"}
TOPICS = {"lgbt", "assembly", "detention", "ban", "violence", "legislation", "pride", "foreign-agent"}
COUNTRIES = {"KZ", "KG", "UZ", "TJ", "TM", "AM", "AZ", "GE", "BY", "RU", "UA"}
TOPIC_FIELDS = {"requires", "hidden", "exclude", "support", "counts_as", "weight", "window", "context", "contra",
                "context_topics"}
_STEM = re.compile(r"^(?P<stem>[^*(]+)")


def _vocab(name: str) -> dict:
    return tomllib.loads((tagging.VOCAB_DIR / name).read_text(encoding="utf-8"))


def _check_patterns(patterns: list[str], where: str, allow_empty: bool = False) -> None:
    assert patterns or allow_empty, f"{where}: empty"
    folded = [p.lower() for p in patterns]
    assert len(folded) == len(set(folded)), f"{where}: duplicates"
    for pattern in patterns:
        assert pattern == pattern.strip(), f"{where}: {pattern!r} has spaces around it"
        body = pattern.removeprefix("!").removeprefix("?").removeprefix("~")
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
        for field in ("requires", "support", "context_topics"):
            assert set(spec.get(field, [])) <= set(table), (topic, field)
        assert spec.get("counts_as", "lgbt") in TOPICS, topic
        assert 0 < spec.get("weight", 0.1) <= 0.5 and 1 <= spec.get("window", 8) <= 20, topic
        for key in LANGUAGE_KEYS:
            _check_patterns(spec[key], f"{topic}.{key}")
        for field in ("exclude", "context", "contra"):  # false friends, context and veto words, per language
            assert set(spec.get(field, {})) <= LANGUAGE_KEYS, (topic, field)
            for key, patterns in spec.get(field, {}).items():
                _check_patterns(patterns, f"{topic}.{field}.{key}")
        needs = any(p.lstrip("!?").startswith("~") for key in LANGUAGE_KEYS for p in spec[key])
        assert not needs or spec.get("context"), f"{topic}: '~' entries need a context list"
    assert all(not table[t].get("requires") for t in tagging.CORE_TOPICS)
    assert {t for t in tagging.RIGHTS_TOPICS} <= {k for k, v in table.items() if "weight" in v}


def test_legislation_needs_law_making_context_in_every_language():
    spec = _vocab("topics.toml")["legislation"]
    assert set(spec["context"]) == LANGUAGE_KEYS
    for key in LANGUAGE_KEYS:  # a bare "law" or "code" waits for law-making words; a bill does not
        assert any(p.startswith("~") for p in spec[key]) and any(not p.startswith("~") for p in spec[key]), key


def test_spelling_file_shape():
    table = _vocab("spelling.toml")
    assert set(table) <= {"letters", "rewrites", "homoglyphs", "compounds", "acronyms"}
    assert all(len(k) == 1 and len(v) <= 2 for k, v in table["letters"].items())
    for rewrite in table["rewrites"]:
        assert set(rewrite) == {"language", "why", "find", "replace"} and rewrite["language"] in LANGUAGE_KEYS
        re.compile(rewrite["find"])
    assert len(table["homoglyphs"]["latin"]) == len(table["homoglyphs"]["cyrillic"])
    assert table["homoglyphs"]["latin"].isascii() and not table["homoglyphs"]["cyrillic"].isascii()
    for field in ("compounds", "acronyms"):
        assert set(table[field]) <= LANGUAGE_KEYS
        assert all(w == w.lower() and " " not in w for words in table[field].values() for w in words)
    assert set(table["acronyms"]) == LANGUAGE_KEYS


def test_inserts_file_shape():
    table = _vocab("inserts.toml")
    assert set(table) == {"teasers", "lines"}
    for kind, spec in table.items():
        assert set(spec) == LANGUAGE_KEYS, kind
        for key, phrases in spec.items():
            assert phrases and len(phrases) == len(set(phrases)), (kind, key)
            assert all(p == p.lower() and p.strip() == p for p in phrases), (kind, key)


def test_countries_file_shape():
    table = _vocab("countries.toml")
    assert set(table) == COUNTRIES | {"passing", "lists", "elsewhere"}
    homes = []
    for code in COUNTRIES:
        spec = table[code]
        assert set(spec) <= {"names", "demonyms", "exclude", "contra", "home"}, code
        for kind in ("names", "demonyms"):
            assert set(spec[kind]) == LANGUAGE_KEYS, (code, kind)
            for key in LANGUAGE_KEYS:
                _check_patterns(spec[kind][key], f"{code}.{kind}.{key}")
        for field in ("exclude", "contra"):
            _check_patterns(spec.get(field, []), f"{code}.{field}", allow_empty=True)
        homes += spec.get("home", [])
    assert len(homes) == len(set(homes)) and "ru" not in homes and "en" not in homes  # shared languages
    assert set(table["passing"]) == {"before", "after", "qualifies"}
    for where, spec in table["passing"].items():
        assert set(spec) <= LANGUAGE_KEYS, where
        for key, patterns in spec.items():
            _check_patterns(patterns, f"passing.{where}.{key}")
    assert set(table["passing"]["qualifies"]) == LANGUAGE_KEYS
    assert all(" " not in w for words in table["lists"]["joiners"].values() for w in words)
    for field in ("passing",):
        assert set(table["lists"][field]) == LANGUAGE_KEYS
    assert set(table["elsewhere"]) == LANGUAGE_KEYS
    for key in LANGUAGE_KEYS:
        _check_patterns(table["lists"]["passing"][key], f"lists.passing.{key}")
        _check_patterns(table["elsewhere"][key], f"elsewhere.{key}")


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_country_has_its_capital_in_every_language(code):
    # the capital (or the country name itself) must be found in each language's own spelling
    names = _vocab("countries.toml")[code]["names"]
    assert all(len(names[key]) >= 2 for key in LANGUAGE_KEYS), code


PROMISED = ["Amnesty International", "Human Rights Watch", "ILGA-Europe", "Freedom House", "CIVICUS",
            "OVD-Info", "Front Line Defenders", "ARTICLE 19", "OSCE/ODIHR", "United Nations",
            "UN Human Rights Office", "UN Human Rights Committee", "UN Human Rights Council",
            "Kok.team", "Labrys", "Feminita", "Kazakhstan International Bureau for Human Rights",
            # the region's own groups
            "Identoba", "AlmaTQ", "Queer.kz", "GayBelarus", "Right Side", "Kyrgyz Indigo",
            "Turkmen Helsinki Foundation", "Human Rights Alliance of Uzbekistan", "Viasna", "Memorial",
            "Crude Accountability", "Adilet", "Kadyr Kasiet", "Pink Armenia", "Equality Movement",
            "Nash Mir Center", "KyivPride"]


def test_organizations_file_shape():
    orgs = _vocab("organizations.toml")["organization"]
    names = [o["name"] for o in orgs]
    assert len(names) >= 80 and len(names) == len(set(names)) and set(PROMISED) <= set(names)
    topics = set(_vocab("topics.toml"))
    for org in orgs:
        assert set(org) <= {"name", "country", "aliases", "weak", "weak_context", "topics"}, org["name"]
        assert org["country"] == "international" or re.fullmatch(r"[A-Z]{2}", org["country"]), org["name"]
        _check_patterns(org["aliases"], org["name"])
        _check_patterns(org.get("weak", []), org["name"], allow_empty=True)
        assert set(org.get("weak_context", [])) <= topics and set(org.get("topics", [])) <= TOPICS
        assert bool(org.get("weak")) == bool(org.get("weak_context")), org["name"]
    by_country = {code: [o for o in orgs if o["country"] == code] for code in COUNTRIES}
    assert all(by_country[code] for code in COUNTRIES - {"TJ", "TM", "UZ"}), "every watched country has groups"
    assert all(by_country[code] for code in ("TJ", "TM", "UZ"))


def test_the_vocabulary_compiles():
    vocab = tagging.vocabulary()
    assert len(vocab.gazetteer.entries) > 3000 and vocab.counts_as == {"gathering": "assembly"}
