"""Story clustering at scale: synthetic corpora of 10k, 100k and 1M articles with planted
republications and translations, each clustered in its own process (so peak memory is its
own): time, peak RSS, growth from 100k to 1M, time to add 10k articles to the 1M index, and
recall/precision on the planted pairs. Baseline: datasketch MinHash on the same 10k texts.

`RIGHTSWATCH_BENCH_DEDUP_SIZES=10000,100000` (or `python -m bench.dedup N`)
runs other sizes; the default is the full 10k/100k/1M.
"""
from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import deque
from datetime import datetime, timedelta, timezone
from operator import itemgetter

import numpy as np

from bench import Figure
from pipelines import region

SIZES = (10_000, 100_000, 1_000_000)
ADD = 10_000
CHUNK = 50_000
PER_DAY = 1_500  # articles a day: a million spans about two years
REPUBLISHED, TRANSLATED = 0.08, 0.06
LANGS = list(region.LANGUAGES)
_ALPHABETS = {"cyr": "абвгдежзийклмнопрстуфхцчшыэюяәғқңөұүіһ", "lat": "abcdefghijklmnoprstuvyzşçğöü",
              "hy": "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ", "ka": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"}
_SCRIPT = {"hy": "hy", "ka": "ka", "uz": "lat", "tk": "lat", "az": "lat", "en": "lat"}
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


class Corpus:
    """Deterministic synthetic articles: Zipf words per language, numbers and names in
    fixed slots (so translations keep them in order), republications with new boilerplate
    and a dropped paragraph. `truth[i]` is the planted story of article i."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocab = {lang: self._words(lang, 20_000) for lang in LANGS}
        ranks = np.arange(1, 20_001)
        self.cdf = np.cumsum(1 / ranks) / np.sum(1 / ranks)
        self.names = [w.capitalize() for w in self._words("en", 50_000, 6)]
        self.boiler = {lang: [" ".join(self._words(lang, 9)) + "." for _ in range(3)] for lang in LANGS}
        self.recent: deque = deque(maxlen=PER_DAY)  # the last day's (story, lang, entities, text)
        self._pool: list[int] = []
        self._next = 0
        self.truth: list[int] = []
        self.kinds: list[str] = []  # "new", "copy" (republished) or "translation"

    def _words(self, lang: str, count: int, length: int = 0) -> list[str]:
        letters = _ALPHABETS[_SCRIPT.get(lang, "cyr")]
        sizes = self.rng.integers(3, 10, count) if not length else np.full(count, length)
        codes = self.rng.integers(0, len(letters), sizes.sum())
        flat = "".join(letters[c] for c in codes)
        ends = np.cumsum(sizes)
        return [flat[e - s:e] for s, e in zip(sizes.tolist(), ends.tolist())]

    def _word_ids(self, count: int) -> list[int]:
        if self._next + count > len(self._pool):
            self._pool, self._next = np.searchsorted(self.cdf, self.rng.random(1 << 20)).tolist(), 0
        self._next += count
        return self._pool[self._next - count:self._next]

    def _paragraphs(self, lang: str, entities: list[str]) -> list[str]:
        vocab = self.vocab[lang]
        ids = self._word_ids(20 * len(entities) // 2)
        out = []
        for p in range(len(entities) // 2):
            w = itemgetter(*ids[20 * p:20 * p + 20])(vocab)
            out.append(" ".join(w[:4]) + " " + entities[2 * p] + " " + " ".join(w[4:12]) + " "
                       + entities[2 * p + 1] + " " + " ".join(w[12:]) + ".")
        return out

    def articles(self, count: int):
        """`count` more articles, oldest first, as story-index docs."""
        from pipelines.stories.story_index import Doc

        kinds = self.rng.random(count)
        docs = []
        for k in kinds.tolist():
            n = len(self.truth)
            when = T0 + timedelta(seconds=int(n * 86400 / PER_DAY))
            if n and k < REPUBLISHED + TRANSLATED:
                story, lang, entities, text = self.recent[int(self.rng.integers(0, len(self.recent)))]
                kind = "copy" if k < REPUBLISHED else "translation"
                if k < REPUBLISHED:
                    paragraphs = text.split("\n")
                    paragraphs.pop(int(self.rng.integers(1, len(paragraphs))))
                    outlet = int(self.rng.integers(0, 40))
                    body = "\n".join([self.boiler[lang][0]] + paragraphs + [f"Source: Outlet{outlet}"] + self.boiler[lang][1:])
                else:
                    lang = LANGS[(LANGS.index(lang) + 1 + int(self.rng.integers(0, 11))) % 12]
                    body = "\n".join(self._paragraphs(lang, entities))
            else:
                kind = "new"
                story, lang = n, LANGS[int(self.rng.integers(0, 12))]
                count_p = int(self.rng.integers(4, 8))
                picks = self.rng.integers(0, len(self.names), 2 * count_p).tolist()
                numbers = self.rng.integers(10, 100_000, 2 * count_p).tolist()
                entities = [self.names[i] if j % 3 else str(v) for j, (i, v) in enumerate(zip(picks, numbers))]
                body = "\n".join(self._paragraphs(lang, entities))
            self.recent.append((story, lang, entities, body))
            self.truth.append(story)
            self.kinds.append(kind)
            docs.append(Doc(article_id=f"a{n}", language=lang, title="", text=body, published_at=when,
                            first_seen_at=when + timedelta(minutes=5), source_id=f"src{n % 97}"))
        return docs


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _planted_scores(truth: list[int], clusters: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall of clusters against planted stories (by grouping)."""
    t = np.unique(np.array(truth), return_inverse=True)[1]
    c = np.unique(np.array(clusters), return_inverse=True)[1]
    pairs = lambda labels: float(np.sum(np.bincount(labels).astype(np.float64) ** 2 - np.bincount(labels)) / 2)
    both = np.unique(t.astype(np.int64) * (c.max() + 1) + c, return_inverse=True)[1]
    shared, true_pairs, found = pairs(both), pairs(t), pairs(c)
    return shared / found if found else 1.0, shared / true_pairs if true_pairs else 1.0


def measure(size: int, add: int = 0) -> dict:
    """Cluster `size` articles in chunks (as daily loads would), then time adding `add` more."""
    from pipelines.stories.story_index import StoryIndex

    corpus = Corpus()
    index = StoryIndex()
    clusters: list[str] = []
    generate = cluster = cpu = 0.0
    while len(clusters) < size:
        start = time.perf_counter()
        docs = corpus.articles(min(CHUNK, size - len(clusters)))
        generate += time.perf_counter() - start
        start, start_cpu = time.perf_counter(), time.process_time()
        clusters += index.add(docs).cluster_ids
        cluster += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    out = {"size": size, "seconds": cluster, "cpu_seconds": cpu, "generate_seconds": generate}
    if add:
        docs = corpus.articles(add)
        start, start_cpu = time.perf_counter(), time.process_time()
        placed = index.add(docs)
        out["add_seconds"], out["add_cpu_seconds"] = time.perf_counter() - start, time.process_time() - start_cpu
        clusters += placed.cluster_ids
    final = index.clusters()
    found = [final[f"a{i}"] for i in range(len(corpus.truth))]
    out["precision"], out["recall"] = _planted_scores(corpus.truth, found)
    for kind in ("copy", "translation"):  # share of planted articles placed in their story's cluster
        placed = [found[i] == found[corpus.truth[i]] for i, k in enumerate(corpus.kinds) if k == kind]
        out[f"{kind}_recall"] = sum(placed) / max(1, len(placed))
    out["peak_mb"] = _rss_mb()
    return out


def _in_subprocess(size: int, add: int) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.dedup", str(size), str(add)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _baseline_minhash(texts: list[str]) -> tuple[float, float]:
    """Signatures per second: ours (numpy hashing + rensa) and datasketch's MinHash."""
    from datasketch import MinHash

    from pipelines.stories import minhash

    start = time.perf_counter()
    minhash.signatures(texts)
    ours = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in texts:
        words = minhash.normalise(text).split()
        m = MinHash(num_perm=minhash.NUM_PERM, seed=1)
        m.update_batch([" ".join(words[i:i + 3]).encode() for i in range(max(1, len(words) - 2))])
    return ours, len(texts) / (time.perf_counter() - start)


def run(results: list[Figure]) -> None:
    sizes = [int(s) for s in os.environ.get("RIGHTSWATCH_BENCH_DEDUP_SIZES", "").split(",") if s] or list(SIZES)
    texts = [d.text for d in Corpus(seed=2).articles(10_000)]
    ours, theirs = _baseline_minhash(texts)
    results.append(Figure("dedup_minhash_signatures", ours, "docs/s", theirs, "datasketch MinHash, same shingles"))
    measured = {}
    for size in sizes:
        m = _in_subprocess(size, ADD if size == max(sizes) else 0)
        measured[size] = m
        label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
        results.append(Figure(f"dedup_cluster_{label}_seconds", m["seconds"], "s"))
        results.append(Figure(f"dedup_cluster_{label}_cpu_seconds", m["cpu_seconds"], "s"))
        results.append(Figure(f"dedup_cluster_{label}_peak_rss", m["peak_mb"], "MB"))
        results.append(Figure(f"dedup_cluster_{label}_planted_recall", m["recall"], ""))
        results.append(Figure(f"dedup_cluster_{label}_planted_precision", m["precision"], ""))
        if "add_seconds" in m:
            results.append(Figure(f"dedup_add_{ADD // 1000}k_to_{label}_seconds", m["add_seconds"], "s"))
            results.append(Figure(f"dedup_add_{ADD // 1000}k_to_{label}_cpu_seconds", m["add_cpu_seconds"], "s"))
    if len(sizes) >= 2:
        small, large = sorted(sizes)[-2:]
        # growth exponent of CPU time (wall time varies with what else runs): 1 linear, 2 quadratic
        ratio = measured[large]["cpu_seconds"] / measured[small]["cpu_seconds"]
        results.append(Figure(f"dedup_growth_exponent_{small}_to_{large}",
                              math.log(ratio) / math.log(large / small), "", 1.0, "linear growth"))


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)))
