"""Watches: settings checked with the watch and the query position named; one alert per story,
then a spreads line when the story reaches a new language."""
from __future__ import annotations

import pytest

from pipelines.search import watches
from core.errors import BadInput


def _parse(*entries, recipients=("analysts",)):
    return watches.parse(list(entries), "alerts.toml", set(recipients))


def test_a_watch_is_read():
    (w,) = _parse({"name": "tokhtakhunov", "query": "Тохтахунов OR Toxtaxunov", "recipients": ["analysts"],
                   "countries": ["kg"], "languages": ["KY"]})
    assert (w.name, w.recipients, w.countries, w.languages) == ("tokhtakhunov", ("analysts",), ("KG",), ("ky",))


@pytest.mark.parametrize("entry, says", [
    ({"name": "bill", "query": '"закон 5678'}, "watch 'bill': query: a quotation mark is not closed (at position 1)"),
    ({"name": "bill", "query": "митинг OR"}, "watch 'bill': query: OR needs something after it (at position 8)"),
    ({"name": "Bad Name", "query": "x"}, "'name' must be"),
    ({"name": "x", "query": "y", "recipients": ["nobody"]}, "recipient 'nobody' is not defined"),
    ({"name": "x", "query": "y", "colour": "red"}, "unknown key 'colour'"),
    ({"name": "x"}, "'query' must be"),
    ({"name": "x", "query": "y", "countries": "KZ"}, "'countries' must be a list"),
])
def test_a_bad_watch_is_named(entry, says):
    with pytest.raises(BadInput, match=None) as caught:
        _parse(entry)
    assert says in str(caught.value) and str(caught.value).startswith("alerts.toml: ")


def test_names_are_unique():
    with pytest.raises(BadInput, match="used twice"):
        _parse({"name": "a", "query": "x"}, {"name": "a", "query": "y"})


def test_one_alert_per_story_then_spreads():
    (w,) = _parse({"name": "w", "query": "митинг"})
    story = {"cluster_id": "s1", "languages": ["kk"]}
    (first,) = watches.alerts(w, [story], {})
    assert first.kind == "match"
    assert watches.alerts(w, [story], {"s1": ("kk",)}) == []
    (spread,) = watches.alerts(w, [{"cluster_id": "s1", "languages": ["kk", "ru"]}], {"s1": ("kk",)})
    assert (spread.kind, spread.new_languages) == ("spreads", ("ru",))
