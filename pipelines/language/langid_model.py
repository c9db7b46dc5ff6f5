"""The two statistical models behind region language identification, loaded lazily on first use.

py3langid is scored here over one script's candidate languages, as a float32 product over the
few features a text has (py3langid's own float16 product costs ~5x more);
CLD2 (pycld2) adds a second, independent vote built from letter quadgrams."""
from __future__ import annotations

import math
import threading
import zipfile
from collections import Counter
from pathlib import Path
from typing import Callable

SMALL_SUBSET = 24  # candidate sets up to this many columns get their own contiguous table
_lock = threading.Lock()
_model = None
_stock = None


_arrays_from: Callable[[], tuple | None] | None = None


def use_arrays(source: Callable[[], tuple | None] | None) -> None:
    """Where py3langid's model arrays are read from first (workflows/langid_cache.py keeps an
    unpacked copy on disk: LZMA costs ~0.35 s a start); None, or a source that has none, unpacks
    the packaged model."""
    global _arrays_from
    _arrays_from = source


def packaged() -> Path:
    """py3langid's LZMA-packed model file."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def arrays(file) -> tuple:
    """The model's arrays from an unpacked npz (a path or a file object)."""
    import numpy as np
    from py3langid import modelio

    with np.load(file) as data:
        return (data["ptc"], data["pc"], data["classes"].tolist(), modelio._to_array(data["nextmove"]),
                modelio._to_array(data["nextmove_row"]), data["out_feat"].tolist())


def _load_arrays():
    """py3langid's model arrays: from `use_arrays`' source when it has them, else unpacked from the
    packaged model; py3langid's own loader is the fallback if the file layout ever differs."""
    import io
    import lzma

    from py3langid import modelio

    found = _arrays_from() if _arrays_from is not None else None
    if found is not None:
        return found
    try:
        with lzma.open(packaged()) as handle:
            return arrays(io.BytesIO(handle.read()))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return modelio.load_model(packaged())


class _Py3langid:
    """py3langid's naive-Bayes model with its byte-automaton tokeniser, read once."""

    def __init__(self) -> None:
        import numpy as np

        ptc, pc, classes, nextmove, row, output = _load_arrays()
        self.np = np
        self.nextmove, self.rowbase, self.output = nextmove, [r << 8 for r in row], output
        self.classes = list(classes)
        self.pc = np.asarray(pc, dtype=np.float32)
        # The model stores float16; converting a text's rows costs more than the product, so
        # the table is converted once (~50 ms, 57 MB).
        self.ptc = np.asarray(ptc, dtype=np.float32)
        self._subsets: dict[frozenset, tuple] = {}

    def features(self, text: str) -> tuple[Counter, int]:
        """Feature counts of NFC ``text`` and its length in bytes (py3langid's walk)."""
        if text.isupper():
            text = text.lower()
        data = text.encode("utf8", errors="surrogatepass")
        nextmove, rowbase, output = self.nextmove, self.rowbase, self.output
        state, found = 0, []
        append = found.append
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                append(feature)
        return Counter(found), len(data)

    def _subset(self, labels: frozenset) -> tuple:
        """Column indices, their labels, their log-prior column biases (none yet), and for a
        small set its own contiguous table (a Cyrillic row is then one cache line)."""
        found = self._subsets.get(labels)
        if found is None:
            np = self.np
            columns = np.array([i for i, c in enumerate(self.classes) if c in labels], dtype=np.intp)
            table = np.ascontiguousarray(self.ptc[:, columns]) if len(columns) <= SMALL_SUBSET else None
            found = (columns, [self.classes[i] for i in columns], self.pc[columns], table)
            self._subsets[labels] = found
        return found

    def scores(self, counts: Counter, nbytes: int, labels: frozenset, within: float = math.inf,
               bias=None) -> dict[str, float]:
        """Tempered log-likelihood (raw / sqrt(bytes), as py3langid calibrates) per candidate
        label, plus ``bias`` (one value per label of the set, in the model's column order),
        leaving out those more than ``within`` below the best."""
        np = self.np
        columns, names, prior, table = self._subset(labels)
        if counts:
            index = np.fromiter(counts, dtype=np.intp, count=len(counts))
            weight = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            if table is not None:
                raw = weight @ table[index] + prior
            else:
                raw = (weight @ self.ptc[index] + self.pc)[columns]
            raw *= 1.0 / math.sqrt(nbytes or 1)
        else:
            raw = np.zeros(len(columns), dtype=np.float32)
        if bias is not None:
            raw += bias
        keep = np.flatnonzero(raw >= raw.max() - within)
        out: dict[str, float] = {}
        for i, value in zip(keep.tolist(), raw[keep].tolist()):
            name = names[i]
            if value > out.get(name, -math.inf):  # aliases (uz Latin/Cyrillic) keep the better
                out[name] = value
        return out

    def labels(self, labels: frozenset) -> list[str]:
        """The labels of a candidate set in the model's column order (as ``bias`` is given)."""
        return self._subset(labels)[1]

    def classify(self, text: str) -> tuple[str, float]:
        """Best label over all languages and its probability (py3langid's softmax)."""
        counts, nbytes = self.features(text)
        scores = self.scores(counts, nbytes, frozenset(self.classes))
        best = max(scores, key=scores.get)
        return best, 1.0 / sum(math.exp(v - scores[best]) for v in scores.values())


def py3langid() -> _Py3langid:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _Py3langid()
    return _model


def stock():
    """py3langid's own classifier, unchanged (the plain `py3langid` backend and baseline)."""
    global _stock
    if _stock is None:
        with _lock:
            if _stock is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _stock


_CLD2_CODES = {"iw": "he", "jw": "jv", "zh-Hant": "zh"}
_CONTROLS = {c: " " for c in [*range(0, 9), 11, 12, *range(14, 32), 127]}  # CLD2 refuses them


def cld2(text: str) -> str:
    """CLD2's best guess (ISO 639-1, '' when it has none): best-effort mode, first known answer."""
    return cld2_best(text)[0]


def cld2_best(text: str) -> tuple[str, float]:
    """CLD2's best guess and the share of the text it gave that language (0 with no guess)."""
    import pycld2

    try:
        _, _, details = pycld2.detect(text.translate(_CONTROLS).encode("utf8", errors="replace"),
                                       bestEffort=True)
    except pycld2.error:  # input it cannot read
        return "", 0.0
    for _, code, percent, _ in details:
        if code != "un" and not code.startswith("xx-"):  # xx-: scripts with no language
            return _CLD2_CODES.get(code, code.split("-")[0]), percent / 100.0
    return "", 0.0
