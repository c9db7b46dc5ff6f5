"""Shape of the search data files: letters.toml spells every letter into the key alphabet,
endings.toml lists endings every language's table can spell."""
from __future__ import annotations

import re
import tomllib

import pytest

from pipelines.language import langid_rules
from pipelines.search import keys, stems

TWELVE = "kk ky ru uz tg tk hy az ka be uk en".split()
KEY = re.compile(r"[a-z0-9]*")


def test_every_table_spells_into_the_key_alphabet():
    for name, table in keys.tables().items():
        for letters, key in table.letters.items():
            assert KEY.fullmatch(key), (name, letters, key)
        for letters, options in table.also.items():
            assert letters in table.letters and all(KEY.fullmatch(k) and k for k in options), (name, letters)


def test_every_language_has_a_table_and_a_stemmer():
    names = set(keys.tables())
    for language in TWELVE:
        assert any(n.startswith(language + "-") for n in names), language
        assert language in stems.stemmers(), language
    for name in ("kk-Latn", "kk-Cyrl", "uz-Latn", "uz-Cyrl", "az-Latn", "az-Cyrl", "tk-Latn", "tk-Cyrl"):
        assert name in names, name


@pytest.mark.parametrize("script", ["Cyrl", "Latn"])
def test_tables_know_every_letter_of_the_language_identifiers_alphabets(script):
    lexicon = langid_rules.lexicon(script)
    for name, table in keys.tables().items():
        if table.script == script and table.language in lexicon.alphabets:
            missing = {ch for ch in lexicon.alphabets[table.language] if keys.fold(ch) not in table.letters}
            assert not missing, (name, missing)


def test_tables_without_an_identifier_alphabet_give_their_own():
    data = tomllib.loads(keys.LETTERS_FILE.read_text(encoding="utf-8"))
    for name, entry in data["maps"].items():
        language, script = name.split("-")
        lexicon = langid_rules.lexicon(script)
        if script in ("Cyrl", "Latn") and (lexicon is None or language not in lexicon.alphabets):
            assert entry.get("alphabet"), name
            table = keys.tables()[name]
            assert {keys.fold(ch) for ch in entry["alphabet"]} <= set(table.letters), name


def test_endings_spell_to_keys_and_leave_room_for_a_stem():
    data = tomllib.loads(stems.ENDINGS_FILE.read_text(encoding="utf-8"))
    for language, entry in data.items():
        assert entry["script"] in ("Cyrl", "Latn", "Armn", "Geor"), language
        assert entry["slot"], language
        for slot in stems.stemmers()[language].slots:
            assert slot.endings and all(KEY.fullmatch(e) for e in slot.endings), language
            assert all(len(e) <= 8 for e in slot.endings), language
            assert slot.min_stem >= 3, language


def test_brace_variants():
    assert stems.expand("{д,т}{а,е}") == ["да", "де", "та", "те"]
    assert stems.expand("{n,}d{a,ə}") == ["nda", "ndə", "da", "də"]
    assert stems.expand("lar") == ["lar"]


def test_a_malformed_pair_is_refused():
    with pytest.raises(ValueError, match="letters=key"):
        keys.pairs("а=a б")
