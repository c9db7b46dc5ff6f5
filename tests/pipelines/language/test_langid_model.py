"""The models behind the region backend: the fast py3langid scorer agrees with py3langid itself,
and CLD2 votes (the unpacked-model cache: tests/workflows/test_langid_cache.py)."""
from __future__ import annotations

import pytest

from pipelines.language import langid_model

TEXTS = [
    "Құқық қорғаушылар сот шешіміне шағым түсірді.",
    "Правозащитники обжаловали решение суда о запрете акции.",
    "Rights groups appeal the court ruling on the march.",
    "Die Polizei hat am Sonntag mehrere Aktivisten festgenommen.",
    "Երևանում իրավապաշտպանները բողոքարկել են դատարանի որոշումը։",
    "این یک متن فارسی است که برای آزمایش نوشته شده است.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_scorer_agrees_with_py3langid(text):
    label, prob = langid_model.py3langid().classify(text)
    stock_label, stock_prob = langid_model.stock().classify(text)
    assert label == stock_label
    assert prob == pytest.approx(stock_prob, abs=1e-3)


def test_scores_keep_only_labels_that_can_still_win():
    model = langid_model.py3langid()
    counts, nbytes = model.features(TEXTS[1])
    everything = model.scores(counts, nbytes, frozenset(model.classes))
    close = model.scores(counts, nbytes, frozenset(model.classes), within=2.0)
    best = max(everything.values())
    assert close == {k: v for k, v in everything.items() if v >= best - 2.0}
    assert "ru" in close


def test_cld2_vote():
    assert langid_model.cld2(TEXTS[1]) == "ru"
    assert langid_model.cld2("12345") == ""
