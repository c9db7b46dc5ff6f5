"""Append-friendly numpy containers for the story index: growing columns and key -> row runs.

`KeyRuns` is a small log-structured multimap from 32-bit keys to rows: each batch adds one
sorted run of `key << 32 | row`, and runs of similar size are merged (like a binary
counter), so adding n entries costs O(n log n) in total, nothing is a Python object per
entry, and a lookup is two binary searches per run that can skip rows older than a bound
(rows are numbered in arrival order, so "recent enough" is "row >= bound").
"""
from __future__ import annotations

import numpy as np

_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


class Column:
    """A numpy array that grows by appending, with amortised over-allocation."""

    def __init__(self, dtype, width: int = 0, data: np.ndarray | None = None) -> None:
        shape = (0, width) if width else (0,)
        self._buf = np.empty(shape, dtype=dtype) if data is None else np.ascontiguousarray(data, dtype=dtype)
        self._len = len(self._buf)

    def __len__(self) -> int:
        return self._len

    @property
    def values(self) -> np.ndarray:
        return self._buf[:self._len]

    def append(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=self._buf.dtype)
        need = self._len + len(rows)
        if need > len(self._buf):
            grown = np.empty((max(need, len(self._buf) * 3 // 2, 1024),) + self._buf.shape[1:], dtype=self._buf.dtype)
            grown[:self._len] = self._buf[:self._len]
            self._buf = grown
        self._buf[self._len:need] = rows
        self._len = need


class KeyRuns:
    """32-bit key -> rows, as a few sorted runs of `key << 32 | row`."""

    def __init__(self, runs: list[np.ndarray] | None = None) -> None:
        self.runs: list[np.ndarray] = runs or []

    def __len__(self) -> int:
        return sum(len(r) for r in self.runs)

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        packed = (keys.astype(np.uint64) << _SHIFT) | rows.astype(np.uint64)
        self.runs.append(np.sort(packed))
        while len(self.runs) > 1 and len(self.runs[-1]) * 2 >= len(self.runs[-2]):
            newer = self.runs.pop()
            self.runs[-1] = np.sort(np.concatenate((self.runs[-1], newer)))

    def lookup(self, keys: np.ndarray, since: np.ndarray | int = 0, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """All (i, row) with stored key == keys[i] and row >= since[i]; with `limit`, only the
        last `limit` such rows of each key in each run (the most recent)."""
        order = np.argsort(keys, kind="stable")  # sorted needles walk each run in order
        high = keys[order].astype(np.uint64) << _SHIFT
        start = high | np.broadcast_to(np.asarray(since, dtype=np.uint64), keys.shape)[order]
        found_i, found_rows = [], []
        for run in self.runs:
            lo = np.searchsorted(run, start, side="left")
            hi = np.searchsorted(run, high | _LOW, side="right")
            if limit:
                lo = np.maximum(lo, hi - limit)
            lengths = np.maximum(hi - lo, 0)
            if not lengths.any():
                continue
            which = np.repeat(np.arange(len(keys)), lengths)
            first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            found_i.append(order[which])
            found_rows.append((run[lo[which] + np.arange(lengths.sum()) - first[which]] & _LOW).astype(np.int64))
        if not found_i:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(found_i), np.concatenate(found_rows)

    def arrays(self) -> dict[str, np.ndarray]:
        return {f"run{i}": run for i, run in enumerate(self.runs)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "KeyRuns":
        return cls([arrays[f"run{i}"] for i in range(len(arrays))])
