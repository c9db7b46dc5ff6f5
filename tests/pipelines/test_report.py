import json
from datetime import datetime

from pipelines.report import group_by_country, render

GENERATED = datetime(2026, 11, 25, 7, 0)
STORIES = [
    {"cluster_id": "c1", "title": "Алматыда пикетшілер ұсталды", "url": "https://dala.example/a.html",
     "source_id": "dala", "outlet": "Dala Times", "language": "kk", "countries": ["KZ"],
     "topics": ["assembly", "detention"], "languages": ["kk", "ru"], "size": 2, "relevance": 0.9,
     "published_at": datetime(2026, 11, 20, 9, 30)},
    {"cluster_id": "c2", "title": "Report: <defenders> under pressure", "url": "https://roe.example/r.pdf",
     "source_id": "roe", "outlet": "Rights Observatory", "language": "en", "countries": ["AM", "KZ"],
     "topics": ["lgbt"], "languages": ["en"], "size": 1, "relevance": 0.8,
     "published_at": datetime(2026, 11, 21)},
    {"cluster_id": "c3", "title": "Regional overview", "url": "https://x.example/o", "source_id": "x",
     "outlet": "X", "language": "ru", "countries": [], "topics": ["lgbt"], "languages": ["ru"],
     "size": 1, "relevance": 0.6, "published_at": None},
]


def test_grouping_lists_a_story_under_each_country_in_region_order():
    groups = group_by_country(STORIES)
    assert [c for c, _ in groups] == ["KZ", "AM", "other"]
    assert [s["cluster_id"] for s in groups[0][1]] == ["c1", "c2"]


def test_markdown_has_one_line_per_story_with_link():
    text = render(STORIES, "md", generated=GENERATED, since=None)
    assert text.startswith("# rightswatch report — 3 new stories")
    assert "## Kazakhstan (2)" in text and "## Armenia (1)" in text
    assert "<https://dala.example/a.html>" in text and "2 articles in kk, ru" in text


def test_html_is_escaped_and_self_contained():
    html = render(STORIES, "html", generated=GENERATED, since=None)
    assert "&lt;defenders&gt;" in html and "<defenders>" not in html
    assert 'href="https://roe.example/r.pdf"' in html
    assert "<script" not in html and "stylesheet" not in html


def test_json_round_trips():
    payload = json.loads(render(STORIES, "json", generated=GENERATED, since=None))
    assert [s["cluster_id"] for s in payload["stories"]] == ["c1", "c2", "c3"]
    assert payload["stories"][0]["published_at"] == "2026-11-20T09:30:00"


def test_empty_report_says_so():
    assert "No new relevant stories" in render([], "md", generated=GENERATED, since=None)
