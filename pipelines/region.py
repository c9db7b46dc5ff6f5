"""The region, as data (region.toml): the watched countries with their names, the languages
with their scripts, and the per-script language keys the vocabulary files use ("uz-Latn")."""
from __future__ import annotations

import tomllib
from pathlib import Path

_DATA = tomllib.loads(Path(__file__).with_name("region.toml").read_text(encoding="utf-8"))

#: ISO 3166-1 alpha-2 code -> English name, in report order.
COUNTRIES: dict[str, str] = dict(_DATA["countries"])
#: ISO 639-1 codes of the region's languages.
LANGUAGES: tuple[str, ...] = tuple(_DATA["languages"])
#: Language -> the scripts (ISO 15924) its outlets publish in.
SCRIPTS: dict[str, tuple[str, ...]] = {lang: tuple(scripts) for lang, scripts in _DATA["languages"].items()}
#: One key per language, or per language and script where it has several: kk, ..., uz-Cyrl, uz-Latn, ...
LANGUAGE_KEYS: tuple[str, ...] = tuple(lang if len(scripts) == 1 else f"{lang}-{script}"
                                       for lang, scripts in SCRIPTS.items() for script in scripts)
