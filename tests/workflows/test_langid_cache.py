"""The unpacked language-id model is kept in the user cache the settings name: written once,
repaired when damaged, switched off by an empty $RIGHTSWATCH_CACHE_DIR, one copy per model."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipelines.language import langid_model
from workflows import langid_cache
from workflows.settings import CACHE_ENV, Settings


@pytest.fixture(autouse=True)
def _restore(monkeypatch):
    """Each test installs its own cache; the process's model source comes back after it."""
    monkeypatch.setattr(langid_model, "_arrays_from", langid_model._arrays_from)


def test_unpacked_model_is_cached_and_damage_is_repaired(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    langid_cache.install(Settings.resolve())
    first = langid_model._load_arrays()
    [cached] = list(tmp_path.glob("py3langid-*.npz"))
    assert zipfile.is_zipfile(cached)
    assert langid_model._load_arrays()[2] == first[2]  # read back from the copy
    cached.write_bytes(b"not a zip file")
    assert langid_model._load_arrays()[2] == first[2]
    assert zipfile.is_zipfile(cached)
    assert not list(tmp_path.glob(".*.tmp"))


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    settings = Settings.resolve()
    langid_cache.install(settings)
    assert langid_cache.cache_path(settings.model_cache, Path("/nonexistent")) is None
    assert langid_model._load_arrays()[2]
    assert not list(tmp_path.rglob("*.npz"))


def test_prepare_keeps_one_copy_per_model(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    old = tmp_path / "py3langid-0123456789abcdef.npz"  # another model version's copy
    old.write_bytes(b"old")
    monkeypatch.setattr(langid_model, "_model", None)  # prepare() unpacks as a fresh install does
    cached = langid_cache.prepare(Settings.resolve())
    assert cached is not None and cached.exists() and zipfile.is_zipfile(cached)
    assert list(tmp_path.glob("py3langid-*.npz")) == [cached]
    assert langid_cache.prepare(Settings.resolve()) == cached  # same model, same name: installs share the copy
