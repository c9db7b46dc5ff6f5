"""The models behind the region backend: the fast py3langid scorer agrees with py3langid itself,
the unpacked-model cache is written once, survives damage, and can be switched off."""
from __future__ import annotations

import zipfile

import pytest

from pipelines import langid_model

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


def test_unpacked_model_is_cached_and_damage_is_repaired(tmp_path, monkeypatch):
    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path))
    first = langid_model._load_arrays()
    [cached] = list(tmp_path.glob("py3langid-*.npz"))
    assert zipfile.is_zipfile(cached)
    assert langid_model._load_arrays()[2] == first[2]  # read back from the copy
    cached.write_bytes(b"not a zip file")
    assert langid_model._load_arrays()[2] == first[2]
    assert zipfile.is_zipfile(cached)
    assert not list(tmp_path.glob(".*.tmp"))


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(langid_model.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert langid_model._cache_path(langid_model.Path("/nonexistent")) is None
    assert langid_model._load_arrays()[2]
    assert not list(tmp_path.rglob("*.npz"))


def test_prepare_keeps_one_copy_per_model(tmp_path, monkeypatch):
    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path))
    old = tmp_path / "py3langid-0123456789abcdef.npz"  # another model version's copy
    old.write_bytes(b"old")
    monkeypatch.setattr(langid_model, "_model", None)  # prepare() unpacks as a fresh install does
    cached = langid_model.prepare()
    assert cached is not None and cached.exists() and zipfile.is_zipfile(cached)
    assert list(tmp_path.glob("py3langid-*.npz")) == [cached]
    assert langid_model.prepare() == cached  # same model, same name: installs share the copy
