"""The query language: what it reads, and the position it names when it cannot."""
from __future__ import annotations

import pytest

from pipelines.search import analyze, query as q


def parse(text):
    return q.parse(text, analyze.words)


def test_words_phrases_operators_and_fields():
    node = parse('митинг OR жиын -футбол "Amnesty International" country:kz topic:Assembly')
    assert node == q.And((
        q.Or((q.Word("митинг", 1), q.Word("жиын", 11))),
        q.Not(q.Word("футбол", 17), 16),
        q.Phrase(("Amnesty", "International"), 24),
        q.Field("country", "KZ", 48),
        q.Field("topic", "assembly", 59),
    ))


def test_near_prefix_grouping_and_compounds():
    assert parse("Тохт* NEAR/5 суд") == q.Near((q.Prefix("Тохт", 1), q.Word("суд", 14)), 5, 1)
    assert parse("a NEAR b").distance == q.DEFAULT_NEAR
    assert parse("(x OR y) AND z") == q.And((q.Or((q.Word("x", 2), q.Word("y", 7))), q.Word("z", 14)))
    assert parse("ЛГБТ-активист") == q.Phrase(("ЛГБТ", "активист"), 1)
    assert parse("NOT x y") == q.And((q.Not(q.Word("x", 5), 1), q.Word("y", 7)))
    assert parse('source:"azattyq-kk"') == q.Field("source", "azattyq-kk", 1)
    assert parse("country:KZ") == q.Field("country", "KZ", 1)  # a filter alone is a query


def test_lower_case_operators_are_words():
    assert parse("or not") == q.And((q.Word("or", 1), q.Word("not", 4)))


@pytest.mark.parametrize("text, position, says", [
    ("", 1, "empty"),
    ("(митинг", 1, "not closed"),
    ("митинг)", 7, "no opening"),
    ('"митинг', 1, "quotation"),
    ("NOT x", 1, "only NOT"),
    ("-x -y", 1, "only NOT"),
    ("a OR", 3, "OR needs something after"),
    ("OR a", 1, "OR needs something before"),
    ("a AND", 3, "AND needs something after"),
    ("x NEAR/0 y", 3, "NEAR/n"),
    ("x NEAR/ten y", 3, "NEAR/n"),
    ("x NEAR", 3, "NEAR needs a word after"),
    ("foo:bar", 1, "unknown field"),
    ("a* b", 1, "prefix needs"),
    ("ab*c", 3, "* goes at the end"),
    ("()", 1, "empty"),
    ("x (a OR b) NEAR c", 12, "NEAR joins"),
    ("country:", 1, "needs a value"),
])
def test_mistakes_name_their_position(text, position, says):
    with pytest.raises(q.QueryError) as caught:
        parse(text)
    assert caught.value.position == position and says in caught.value.message, caught.value


def test_matched_words_leave_out_negations():
    words, prefixes = q.matched_words(parse('митинг -футбол "a b" Тох* country:KZ'))
    assert words == ["митинг", "a", "b"] and prefixes == ["Тох"]
