"""The two statistical models behind region language identification, loaded lazily on first use.

py3langid is scored here over one script's candidate languages, as a float32 product over the
few features a text has (py3langid's own float16 product costs ~5x more);
CLD2 (pycld2) adds a second, independent vote built from letter quadgrams."""
from __future__ import annotations

import hashlib
import math
import os
import threading
import zipfile
from collections import Counter
from pathlib import Path

SMALL_SUBSET = 24  # candidate sets up to this many columns get their own contiguous table
_lock = threading.Lock()
_model = None
_stock = None


CACHE_ENV = "RIGHTSWATCH_CACHE_DIR"  # where the unpacked model is kept; set empty to keep none


def _cache_path(model: Path) -> Path | None:
    """The unpacked copy of ``model``, named by a digest of the packed file: every install of the
    same model shares one copy, and an upgrade misses it (~5 ms to hash 4.5 MB)."""
    base = os.environ.get(CACHE_ENV)
    if base == "":
        return None
    if base is None:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "rightswatch")
    try:
        digest = hashlib.sha1(model.read_bytes()).hexdigest()[:16]
    except OSError:
        return None
    return Path(base) / f"py3langid-{digest}.npz"


def _unpack(model: Path, cache: Path | None):
    """The model's npz bytes: LZMA costs ~0.35 s a start, so the result is kept in ``cache``
    (written to a temporary name, then renamed; copies of other model versions are removed, so
    the cache holds one 68 MB file); a cache that cannot be written is skipped."""
    import io
    import lzma

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


def prepare() -> Path | None:
    """Unpack the model into the cache now (the install step runs this), so that no CLI run pays
    for it; returns the cached copy, or None when caching is off or impossible."""
    py3langid()
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    cache = _cache_path(MODEL_DIR / MODEL_FILE)
    return cache if cache is not None and cache.exists() else None


def _load_arrays():
    """py3langid's model arrays, from the unpacked copy when there is one; py3langid's own
    loader is the fallback if the file layout ever differs."""
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    model = MODEL_DIR / MODEL_FILE
    cache = _cache_path(model)
    sources = ([cache] if cache is not None and cache.exists() else []) + [None]
    for source in sources:
        try:
            with np.load(source if source is not None else _unpack(model, cache)) as data:
                return (data["ptc"], data["pc"], data["classes"].tolist(),
                        modelio._to_array(data["nextmove"]),
                        modelio._to_array(data["nextmove_row"]), data["out_feat"].tolist())
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            continue  # a damaged copy: unpack again
    return modelio.load_model(model)


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
