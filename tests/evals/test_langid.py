"""`rightswatch eval langid FILE`: tables then headline figures last; bad files are exit 2."""
import json

import pytest

from core.errors import BadInput
from evals.langid import load_rows
from tests.support.cli import one_line_error
from tests.support.cli import run_cli

ROWS = [
    {"text": "Құқық қорғаушылар сот шешіміне шағым түсірді.", "lang": "kk", "script": "Cyrl", "len": "full"},
    {"text": "Астанадағы наразылық акциясы", "lang": "kk", "script": "Cyrl", "len": "short"},
    {"text": "Police in Almaty detained activists who gathered on Sunday.", "lang": "en",
     "script": "Latn", "len": "full"},
    {"text": "Rights groups appeal court ruling", "lang": "en", "script": "Latn", "len": "short"},
    {"text": "Полицията в София задържа участниците в протеста пред съда.", "lang": "bg",
     "script": "Cyrl", "len": "full"},
]


def test_eval_langid_on_a_file(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    result = run_cli("eval", "langid", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("kk-Cyrl") and "100.00% (1/1)" in line for line in lines)
    assert lines[-3:] == ["macro accuracy full: 100.00%", "macro accuracy short: 100.00%",
                          "other languages claimed full: 0.00%"]


def test_eval_langid_bad_files(tmp_path):
    one_line_error(run_cli("eval", "langid", str(tmp_path / "missing.jsonl")), "missing.jsonl",
                   "no such file")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(ROWS[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    one_line_error(run_cli("eval", "langid", str(bad)), f"{bad}:2")
    one_line_error(run_cli("eval", "langid", "--backend", "nope", str(bad)), "--backend")


def test_missing_default_data_names_where_it_lives(tmp_path):
    with pytest.raises(BadInput, match=r"no such file.*shared/data/langid"):
        load_rows(tmp_path / "dev.jsonl")
