"""Floors under `rightswatch eval extract` on the project's labelled pages, and a regression check
that every page of the bundled demo site keeps its title and date."""
import json
from pathlib import Path

import pytest

from evals.extract import DEFAULT_DIR, evaluate, plain_trafilatura
from pipelines import clean
from pipelines.extract.extract import extract
from scrapers.demo_site import server

@pytest.fixture(scope="module")
def report():
    return evaluate(DEFAULT_DIR)


def test_body_f1_floor(report):
    assert report.mean("f1") >= 0.97


def test_date_floor(report):
    assert report.mean("date") >= 0.97


def test_title_lead_and_last_paragraph(report):
    assert report.mean("title") >= 0.95
    assert report.mean("lead") >= 0.95 and report.mean("last") >= 0.95


def test_no_boilerplate_in_text(report):
    assert report.leaks == 0, [(p.case.name, p.leaked) for p in report.pages if p.leaked]


def test_pages_without_an_article_come_back_empty(report):
    assert report.empty_pages and all(p.no_article_right for p in report.empty_pages)
    assert report.missed_articles == 0


def test_better_than_plain_trafilatura_on_the_same_pages(report):
    baseline = evaluate(DEFAULT_DIR, plain_trafilatura)
    assert report.mean("f1") > baseline.mean("f1")
    assert report.mean("lead") > baseline.mean("lead")
    assert sum(p.no_article_right for p in report.empty_pages) > sum(p.no_article_right for p in baseline.empty_pages)


def test_demo_site_titles_and_dates():
    root = Path(server.__file__).parent
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    wrong = []
    for article in expected["articles"]:
        path = root / "site" / article["path"].lstrip("/")
        if article["path"].endswith("/"):
            path = path / "index.html"
        found = extract(path.read_bytes(), url="http://127.0.0.1:8000" + article["path"])
        day = found.published.date().isoformat() if found.published else None
        if clean.clean_title(found.title) != article["title"] or day != article["published"]:
            wrong.append((article["path"], found.title, day))
    assert not wrong
