"""The digest rendered as Markdown, HTML and JSON: grouping, folding, escaping, self-containment."""
import json
import re
from datetime import date, datetime

from pipelines.alerts import alerts
from pipelines.alerts.alert_config import AlertConfig
from reports import charts
from reports.render import group_stories, render

GENERATED = datetime(2026, 11, 25, 7, 0)
WATCH = AlertConfig().watch


def story(cid, title, countries, topics, language="ru", published="2026-11-20T09:30:00", versions=(),
          gloss=None, country="first", topic="first"):
    """A story line as pipelines.alerts.story_line makes it: `country` and `topic` are the main ones."""
    return {"cluster_id": cid, "title": title, "url": f"https://dala.example/{cid}.html", "outlet": "Dala Times",
            "language": language, "published_at": published, "first_report": bool(versions), "gloss": gloss,
            "countries": countries, "all_countries": countries, "topics": topics,
            "country": countries[0] if country == "first" else country,
            "topic": next((t for t in WATCH.topics if t in topics), None) if topic == "first" else topic,
            "languages": [language],
            "size": 1 + len(versions), "more_versions": 0,
            "versions": [{"language": lang, "outlet": outlet, "url": f"https://v.example/{cid}/{lang}",
                          "title": f"{cid} in {lang}", "published_at": None} for lang, outlet in versions]}


STORIES = [
    story("c1", "Алматыда пикетшілер ұсталды", ["KZ"], ["assembly", "detention"], "kk",
          versions=[("ru", "Dala Times"), ("en", "Eurasia Wire")], gloss="Picketers detained in Almaty"),
    story("c2", "Report: <defenders> under pressure", ["KZ", "AM"], ["lgbt", "assembly"], "en",
          published="2026-11-21T00:00:00"),
    story("c4", "Assembly rights in the region: a review", ["BY", "KZ", "AM"], ["lgbt", "assembly"], "ru",
          published="2026-11-22T00:00:00", country=None, topic="assembly"),
    story("c3", "Суд запретил митинги", ["KG"], ["assembly"], published=None),
]
SPIKE = {"day": "2026-11-24", "country": "KZ", "topic": "assembly", "count": 5, "baseline": 0.25,
         "baseline_days": 28, "p_value": 2.1e-05, "ratio": 20.0,
         "stories": [{"title": "Пикет", "url": "https://dala.example/c1.html", "language": "kk"}]}
SILENT = [{"source_id": "alatoo-post", "name": "Alatoo Post", "state": "broken", "why": "the last 3 crawl runs failed",
           "last_item_at": "2026-11-20T08:00:00", "last_success": "2026-11-20T08:00:00", "last_error": "HTTP 503"},
          {"source_id": "roe", "name": "Rights Observatory", "state": "quiet", "why": "no new item for 50 days",
           "last_item_at": "2026-10-06T08:00:00", "last_success": "2026-11-25T05:00:00", "last_error": None}]


def digest(stories=STORIES, spikes=(SPIKE,), silent=SILENT, since=None):
    found = [alerts.Alert(f"new_story:{s['cluster_id']}", alerts.NEW_STORY, s) for s in stories]
    found += [alerts.Alert("spike:x", alerts.SPIKE, k) for k in spikes]
    found += [alerts.Alert(f"silent_source:{s['source_id']}", alerts.SILENT, s) for s in silent]
    rows = [{"day": date(2026, 11, 24), "country": "KZ", "topic": "assembly", "stories": 5,
             "cluster_ids": ["a", "b", "c", "d", "e"]},
            {"day": date(2026, 11, 24), "country": "KZ", "topic": "lgbt", "stories": 1, "cluster_ids": ["a"]},
            {"day": date(2026, 11, 10), "country": "KG", "topic": "assembly", "stories": 2, "cluster_ids": ["f", "g"]}]
    coverage = charts.coverage(rows, date(2026, 11, 25), 30, WATCH.countries, WATCH.topics, list(spikes))
    return alerts.digest(found, generated=GENERATED, since=since, coverage=coverage)


def test_each_story_is_listed_once_under_its_main_country_and_topic():
    groups = group_stories(STORIES)
    assert [c for c, _ in groups] == ["KZ", "KG", "other"]  # c2 is mostly Kazakh; c4 about the region
    kz = dict(groups[0][1])
    assert list(kz) == ["lgbt", "assembly"]
    assert [s["cluster_id"] for s in kz["lgbt"]] == ["c2"] and [s["cluster_id"] for s in kz["assembly"]] == ["c1"]
    assert dict(groups[2][1]) == {"assembly": [STORIES[2]]}
    listed = [s["cluster_id"] for _, topics in groups for _, items in topics for s in items]
    assert sorted(listed) == sorted(s["cluster_id"] for s in STORIES)


def test_a_line_names_the_other_countries_of_its_story():
    text = render(digest(), "md")
    line = next(l for l in text.splitlines() if "defenders" in l)
    assert "· also Armenia ·" in line and "Kazakhstan" not in line
    region = text.split("### Region-wide", 1)[1]
    assert "· Belarus, Kazakhstan, Armenia ·" in region


def test_looking_back_counts_earlier_stories_instead_of_listing_them():
    text = render(alerts.digest([], generated=GENERATED, since=date(2026, 11, 1), earlier=7), "md")
    assert "No new stories." in text
    assert "7 stories first published since 2026-11-01 were in earlier reports and are not repeated here." in text


def test_markdown_has_one_line_per_story_with_versions_folded_in():
    text = render(digest(), "md")
    assert text.startswith("# rightswatch — 4 new stories · 1 spike · 2 silent sources")
    assert "### Kazakhstan" in text and "**Freedom of assembly**" in text and "### Armenia" not in text
    line = next(l for l in text.splitlines() if "Алматыда пикетшілер ұсталды" in l)
    assert line.startswith("- ★ [Алматыда пикетшілер ұсталды](https://dala.example/c1.html) — Dala Times · `kk`")
    assert "“Picketers detained in Almaty”" in line
    assert "also: [ru · Dala Times](https://v.example/c1/ru), [en · Eurasia Wire](https://v.example/c1/en)" in line
    assert "| 2026-11-24 | Kazakhstan | assembly | 5 | 0.25 (28) | 2.1e-05 |" in text
    assert "**Alatoo Post** (`alatoo-post`): broken crawl" in text and "quiet outlet" in text
    assert re.search(r"- Kazakhstan: `[ ▁-█]{30}` 5", text)


def test_markdown_titles_cannot_break_the_line():
    text = render(digest([story("c9", "Line one\n[two] | three", ["KZ"], ["lgbt"])], (), ()), "md")
    assert "[Line one (two) / three](https://dala.example/c9.html)" in text


def test_html_is_escaped_and_self_contained():
    html = render(digest(), "html")
    assert "&lt;defenders&gt;" in html and "<defenders>" not in html
    assert 'href="https://dala.example/c2.html"' in html
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    sources = re.findall(r'\ssrc="([^"]*)"', html)
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert html.count('class="chart"') == 2  # KZ and KG had coverage
    assert 'data-state="broken"' in html and 'data-state="quiet"' in html
    assert '<tr class="spike" data-country="KZ" data-topic="assembly">' in html


def test_an_empty_digest_says_so():
    empty = alerts.digest([], generated=GENERATED)
    assert "No new stories." in render(empty, "md")
    html = render(empty, "html")
    assert "No new stories." in html and "Every enabled source" in html


def test_json_round_trips():
    payload = json.loads(render(digest(since=date(2026, 11, 1)), "json"))
    assert [s["cluster_id"] for s in payload["stories"]] == ["c1", "c2", "c4", "c3"]
    assert payload["counts"] == {"new_story": 4, "story_spread": 0, "spike": 1, "silent_source": 2, "watch": 0}
    assert payload["since"] == "2026-11-01" and payload["spikes"][0]["baseline"] == 0.25
    assert payload["coverage"]["countries"][0]["country"] == "KZ"
