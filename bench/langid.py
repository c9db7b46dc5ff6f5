"""Language identification on one core: texts per second of the region default next to py3langid,
pycld2 and langdetect on full sentences and on short fragments, and the default's start-up time
(import + first call; with the unpacked model kept from an earlier run, and without).

Texts: the shared langid dev set when present, else sentences of the demo site's articles."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from bench import Figure, pin_one_core
from workflows.settings import PROJECT_ROOT

DEV = PROJECT_ROOT.parent / "shared" / "data" / "langid" / "dev.jsonl"
SITE = PROJECT_ROOT / "scrapers" / "demo_site" / "site"
ROUNDS = 4
ROUND_SECONDS = 0.5  # each backend, each round
LANGDETECT_TEXTS = 300  # langdetect is ~50x slower: a sample keeps the run short


def _texts() -> tuple[list[str], list[str], str]:
    """Full sentences and short (3-6 word) fragments, and where they came from."""
    if DEV.exists():
        rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        return ([r["text"] for r in rows if r["len"] == "full"],
                [r["text"] for r in rows if r["len"] == "short"], "shared dev set")
    from pipelines.extract.extract import ExtractError, extract
    from pipelines.language.language import sentences

    full = []
    for path in sorted(SITE.rglob("*.html")):
        try:
            text = extract(path.read_bytes(), url=path.as_uri(), content_type="text/html").text
        except ExtractError:  # listing pages
            continue
        full += [s for s in sentences(text) if len(s.split()) >= 7]
    short = [" ".join(s.split()[: 3 + i % 4]) for i, s in enumerate(full)]
    return full, short, "demo site articles"


def _rates(detectors: dict, texts: list[str], rounds: int = ROUNDS) -> dict[str, float]:
    """Texts per second of each detector: rounds taken in turn (so a busy spell on a shared
    machine hits all of them), each at least ROUND_SECONDS long; the best round counts."""
    best = dict.fromkeys(detectors, 0.0)
    for _ in range(rounds):
        for name, detect in detectors.items():
            done, start = 0, time.perf_counter()
            while True:
                for text in texts:
                    detect(text)
                done += len(texts)
                elapsed = time.perf_counter() - start
                if elapsed >= ROUND_SECONDS:
                    break
            best[name] = max(best[name], done / elapsed)
    return best


def _startup(backend: str, cache: bool = True) -> float:
    """Seconds to import the language step and identify one line as a command does (its model read
    from the settings' cache), in a fresh interpreter (best of three). The install step unpacks the model into the cache, so every run after it,
    the first included, starts as ``cache=True``; ``cache=False`` is an install that skipped it."""
    code = ("import time; t = time.perf_counter(); from workflows import langid_cache; "
            "from workflows.settings import Settings; langid_cache.install(Settings.resolve()); "
            "from pipelines.language import language; "
            f"language.detect('Құқық қорғаушылар сот шешіміне шағым түсірді', {backend!r}); "
            "print(time.perf_counter() - t)")
    env = dict(os.environ)
    if not cache:
        env["RIGHTSWATCH_CACHE_DIR"] = ""
    best = float("inf")
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=str(PROJECT_ROOT), env=env, check=True)
        best = min(best, float(out.stdout.strip().splitlines()[-1]))
    return best


def run(results: list[Figure]) -> None:
    from pipelines.language import language

    full, short, origin = _texts()
    print(f"langid bench: {len(full)} full sentences, {len(short)} fragments ({origin}); one core")
    cores = pin_one_core()
    try:
        for backend in language.BACKENDS:  # load every model before timing
            language.detect(full[0], backend)
        for name, texts in (("full", full), ("short", short)):
            rates = _rates({backend: (lambda t, b=backend: language.detect(t, b))
                            for backend in ("region", "py3langid", "pycld2")}, texts)
            slow = _rates({"langdetect": lambda t: language.detect(t, "langdetect")},
                          texts[:LANGDETECT_TEXTS], rounds=1)["langdetect"]
            plain = rates["py3langid"]
            for backend, value in (("region", rates["region"]), ("pycld2", rates["pycld2"]),
                                   ("langdetect", slow)):
                results.append(Figure(f"langid_{backend}_{name}", value, "texts/s", plain,
                                      "py3langid unrestricted"))
    finally:
        if cores:
            os.sched_setaffinity(0, cores)
    plain = _startup("py3langid")
    results.append(Figure("langid_region_startup", _startup("region"), "s", plain,
                          "py3langid backend: import + first call"))
    results.append(Figure("langid_region_startup_uncached", _startup("region", cache=False), "s",
                          plain, "py3langid backend: import + first call"))
