"""The story index on disk: one .npy file per array and a meta.json, written to a new folder
that is then swapped in, so a crash mid-save leaves the previous index whole."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from pipelines.stories import minhash
from pipelines.stories.key_stories import ARRAYS as KEY_STORIES
from pipelines.stories.sorted_runs import Column, KeyRuns
from pipelines.stories.story_index import StoryIndex

#: Changes whenever a saved index could not be read back as it was written, or its keys are
#: read differently (it is then rebuilt from the warehouse, keeping every story).
FORMAT = f"story-index-9/{minhash.VERSION}"
COLUMNS = ("lang", "when", "seen", "seen_max", "pub", "label", "report", "sig", "shingles", "fkeys", "fkinds", "fpos", "foff",
           "lkeys", "loff")
RUNS = {"bands": "bands", "postings": "postings", "lines": "line_postings"}  # file prefix -> the index's KeyRuns


def save(index: StoryIndex, folder: Path, stamp: object = None) -> None:
    """Write beside `folder` under a name of this save's own (two savers never share one), then swap."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*folder.parent.glob(f"{folder.name}.new-*"), *folder.parent.glob(f"{folder.name}.old-*")]:
        if not _alive(stale.name.rsplit("-", 2)[1]):  # left by a killed save
            shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{folder.name}.new-{os.getpid()}-", dir=folder.parent))
    arrays = {name: getattr(index, name).values for name in COLUMNS}
    if len(index):
        arrays["label"] = index._roots()[arrays["label"]]  # merged clusters resolved
    arrays |= {f"key_stories_{name}": getattr(index.common, name) for name in KEY_STORIES}
    arrays |= {"df": index.df, "paragraphs": index.lines.paragraphs, "titles": index.lines.titles, "ids": np.array(index.ids, dtype=str),
               "names": np.array(index.names, dtype=str),
               "first_pub": np.array([f[0] for f in index.first], dtype=np.int64),
               "first_seen": np.array([f[1] for f in index.first], dtype=np.int64)}
    for prefix, attribute in RUNS.items():
        arrays |= {f"{prefix}_{k}": v for k, v in getattr(index, attribute).arrays().items()}
    for name, array in arrays.items():
        np.save(tmp / f"{name}.npy", array, allow_pickle=False)
    meta = {"format": FORMAT, "articles": len(index), "languages": index.languages,
            "arrays": sorted(arrays), "stamp": stamp}
    (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    old = tmp.with_name(tmp.name.replace(".new-", ".old-", 1))
    try:
        folder.rename(old)
    except FileNotFoundError:
        pass
    try:
        tmp.rename(folder)
    except OSError:  # another save got there first: its index stands (the next open syncs it)
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def load(folder: Path) -> tuple[StoryIndex, object] | None:
    """The saved index and its stamp, or None when absent, partial or of another format."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            return None
        arrays = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in meta["arrays"]}
    except (OSError, ValueError, KeyError):
        return None
    index = StoryIndex()
    index.ids = arrays["ids"].tolist()
    index._pos = {aid: i for i, aid in enumerate(index.ids)}
    index.languages = list(meta["languages"])
    for name in COLUMNS:
        setattr(index, name, Column(getattr(index, name).values.dtype, data=arrays[name]))
    index.df = arrays["df"].copy()
    for name in KEY_STORIES:
        setattr(index.common, name, arrays[f"key_stories_{name}"].copy())
    index.lines.paragraphs, index.lines.titles = arrays["paragraphs"].copy(), arrays["titles"].copy()
    index.names = arrays["names"].tolist()
    index._by_name = {n: i for i, n in enumerate(index.names)}
    index.parent = list(range(len(index.names)))
    index.first = list(zip(arrays["first_pub"].tolist(), arrays["first_seen"].tolist(), index.names))
    index._members = None
    for prefix, attribute in RUNS.items():
        runs = {k[len(prefix) + 1:]: v for k, v in arrays.items() if k.startswith(f"{prefix}_")}
        setattr(index, attribute, KeyRuns.from_arrays(runs))
    return index, meta.get("stamp")
