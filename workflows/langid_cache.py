"""The language-id model unpacked once and kept in the user's cache: py3langid ships it
LZMA-packed, and unpacking costs ~0.35 s at every start. The install step fills the cache
(`prepare`); every workflow that identifies languages reads from it (`install`)."""
from __future__ import annotations

import hashlib
import io
import lzma
import os
import zipfile
from pathlib import Path

from pipelines.language import langid_model
from workflows.settings import Settings


def cache_path(base: Path | None, model: Path) -> Path | None:
    """The unpacked copy of ``model`` in ``base`` (None: no cache), named by a digest of the packed
    file: every install of the same model shares one copy, and an upgrade misses it (~5 ms to
    hash 4.5 MB)."""
    if base is None:
        return None
    try:
        digest = hashlib.sha1(model.read_bytes()).hexdigest()[:16]
    except OSError:
        return None
    return Path(base) / f"py3langid-{digest}.npz"


def unpack(model: Path, cache: Path | None) -> io.BytesIO:
    """The model's npz bytes, kept in ``cache`` (written to a temporary name, then renamed; copies
    of other model versions are removed, so the cache holds one 68 MB file); a cache that
    cannot be written is skipped."""
    with lzma.open(model) as handle:
        data = handle.read()
    if cache is not None:
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, cache)
            for stale in cache.parent.glob("py3langid-*.npz"):
                if stale != cache:
                    stale.unlink(missing_ok=True)
        except OSError:
            temporary.unlink(missing_ok=True)
    return io.BytesIO(data)


def cached_arrays(base: Path | None) -> tuple | None:
    """The model's arrays from the copy in ``base``, unpacking it there first when it is missing or
    damaged; None when caching is off."""
    model = langid_model.packaged()
    cache = cache_path(base, model)
    if cache is None:
        return None
    for source in ([cache] if cache.exists() else []) + [None]:
        try:
            return langid_model.arrays(source if source is not None else unpack(model, cache))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            continue  # a damaged copy: unpack again
    return None


def install(settings: Settings) -> None:
    """Language identification in this process reads the model from the settings' cache."""
    base = settings.model_cache
    langid_model.use_arrays(lambda: cached_arrays(base))


def prepare(settings: Settings | None = None) -> Path | None:
    """Unpack the model into the cache now (the install step runs this), so that no CLI run pays
    for it; returns the cached copy, or None when caching is off or impossible."""
    settings = settings or Settings.resolve()
    install(settings)
    langid_model.py3langid()
    cache = cache_path(settings.model_cache, langid_model.packaged())
    return cache if cache is not None and cache.exists() else None
