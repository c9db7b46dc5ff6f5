"""`rightswatch eval extract [DIR]`: the per-page table, then the figures last; bad input is exit 2."""
import json
import shutil

import pytest

from core.errors import BadInput
from evals.extract import load_cases
from tests.support.cli import one_line_error
from tests.support.cli import run_cli
from tests.support.project import FIXTURES

PAGES = FIXTURES / "extract"


def test_eval_extract_on_the_projects_pages():
    result = run_cli("eval", "extract")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("pangea-kk-rights-defenders-report ") for line in lines)
    assert any("no article: right" in line for line in lines)
    assert lines[-2].startswith("date exact match: ")
    assert lines[-1].startswith("body 4-gram F1: ")
    assert float(lines[-1].split()[3]) >= 0.97


def test_eval_extract_on_a_directory_and_baseline(tmp_path):
    for name in ("kk-detention", "pangea-ru-section-front"):
        shutil.copy(PAGES / f"{name}.html", tmp_path)
        shutil.copy(PAGES / f"{name}.json", tmp_path)
    result = run_cli("eval", "extract", str(tmp_path), "--baseline")
    assert result.returncode == 0, result.stderr
    assert "pages: 2 (1 articles, 1 without an article)" in result.stdout
    assert result.stdout.startswith("extractor: plain trafilatura")


def test_eval_extract_bad_input(tmp_path):
    one_line_error(run_cli("eval", "extract", str(tmp_path / "missing")), "no such directory")


def test_bad_labelled_pages_name_the_file(tmp_path):
    with pytest.raises(BadInput, match="no labelled pages"):
        load_cases(tmp_path)
    (tmp_path / "orphan.json").write_text(json.dumps({"article": False}), encoding="utf-8")
    with pytest.raises(BadInput, match="orphan.json: no document"):
        load_cases(tmp_path)
    (tmp_path / "orphan.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"title": "x",\n "body": }', encoding="utf-8")
    (tmp_path / "bad.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(BadInput, match="bad.json:2"):
        load_cases(tmp_path)
    (tmp_path / "bad.json").write_text('{"title": "x"}', encoding="utf-8")
    with pytest.raises(BadInput, match="'body'"):
        load_cases(tmp_path)
