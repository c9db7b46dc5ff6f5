"""`rightswatch eval tags [FILE]`: the per-language table, then the figures last; bad input is exit 2."""
import json

from tests.support.cli import one_line_error
from tests.support.cli import run_cli

ROWS = [
    {"language": "ru", "title": "В Алматы задержали участников пикета", "text": "Полиция задержала пятерых.",
     "topics": ["assembly", "detention"], "countries": ["KZ"], "organizations": [], "relevant": True},
    {"language": "en", "title": "Kairat beat Astana in Almaty", "text": "A crowd of 20,000 watched.",
     "topics": [], "countries": ["KZ"], "organizations": [], "relevant": False},
]


def test_eval_tags_on_the_projects_passages():
    result = run_cli("eval", "tags")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("file: labelled.jsonl; split: all; passages: ")
    assert sum(line.split()[0] in {"kk", "ky", "ru", "uz-Cyrl", "uz-Latn", "tg", "tk", "hy", "az", "ka",
                                   "be", "uk", "en"} for line in lines if line.strip()) == 13
    assert [line.split(" micro")[0] for line in lines[-7:]] == [
        "lgbt", "assembly", "sub-topics", "countries", "topics", "organizations", "relevant"]


def test_eval_tags_scores_the_held_back_split_apart(tmp_path):
    path = tmp_path / "tags.jsonl"
    rows = [ROWS[0], {**ROWS[1], "split": "test"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = run_cli("eval", "tags", str(path), "--split", "test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "file: tags.jsonl; split: test; passages: 1"
    only_test = tmp_path / "test_only.jsonl"
    only_test.write_text(json.dumps(rows[1], ensure_ascii=False) + "\n", encoding="utf-8")
    one_line_error(run_cli("eval", "tags", str(only_test), "--split", "dev"), "test_only.jsonl", "split")


def test_eval_tags_on_a_file_with_the_differences(tmp_path):
    path = tmp_path / "tags.jsonl"
    rows = ROWS + [{**ROWS[1], "countries": ["RU"]}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = run_cli("eval", "tags", str(path), "--errors")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any(line.split()[:2] == ["3", "en"] and "-['RU'] +['KZ']" in line for line in lines)
    assert lines[-4] == "countries micro precision 0.667 recall 0.667"


def test_eval_tags_bad_input(tmp_path):
    one_line_error(run_cli("eval", "tags", str(tmp_path / "missing.jsonl")), "missing.jsonl", "no such file")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(ROWS[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    one_line_error(run_cli("eval", "tags", str(bad)), f"{bad}:2")
    bad.write_text(json.dumps({**ROWS[0], "language": "xx"}) + "\n", encoding="utf-8")
    one_line_error(run_cli("eval", "tags", str(bad)), f"{bad}:1", "language")
    bad.write_text(json.dumps({**ROWS[0], "topics": "lgbt"}) + "\n", encoding="utf-8")
    one_line_error(run_cli("eval", "tags", str(bad)), f"{bad}:1", "topics")
    bad.write_text(json.dumps({**ROWS[0], "split": "train"}) + "\n", encoding="utf-8")
    one_line_error(run_cli("eval", "tags", str(bad)), f"{bad}:1", "split")


def test_eval_tags_reads_lang_and_plain_uzbek(tmp_path):
    from evals.tags import load_rows

    path = tmp_path / "uz.jsonl"
    rows = [{"lang": "uz", "text": "Тошкентда митинг бўлди", "topics": ["assembly"], "countries": ["UZ"]},
            {"lang": "uz", "text": "Toshkentda miting bo'ldi", "topics": ["assembly"], "countries": ["UZ"]}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert [r["language"] for r in load_rows(path)] == ["uz-Cyrl", "uz-Latn"]
