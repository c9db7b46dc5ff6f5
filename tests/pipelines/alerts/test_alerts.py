"""The alert rules and their settings, on records shaped as the warehouse queries return them."""
import math
from datetime import date, datetime, timedelta

import pytest

from core.errors import BadInput
from pipelines.alerts import alert_config, alerts
from pipelines.alerts.alert_config import AlertConfig, Spike
from workflows.alerts import read_config
from workflows.settings import PROJECT_ROOT

NOW = datetime(2026, 11, 25, 6, 0)
CONFIG = AlertConfig()


def cluster(cid="c1", **over) -> dict:
    row = {"cluster_id": cid, "first_article_id": f"{cid}-a", "title": "Алматыда пикетшілер ұсталды",
           "url": f"https://dala.example/{cid}.html", "source_id": "dala-kk", "outlet": "Dala Times",
           "language": "kk", "countries": ["KZ"], "topics": ["assembly", "detention", "lgbt"],
           "languages": ["kk"], "size": 1, "relevance": 0.9, "published_at": datetime(2026, 11, 24, 9),
           "alerted": False, "alerted_languages": None, "alerted_countries": None}
    row.update(over)
    return row


def member(cid, n, language, title="", outlet="Eurasia Wire") -> dict:
    return {"cluster_id": cid, "article_id": f"{cid}-{n}", "title": title or f"title {n}",
            "url": f"https://x.example/{cid}/{n}", "language": language, "outlet": outlet,
            "source_id": outlet.lower(), "published_at": datetime(2026, 11, 24, 10 + n)}


# --- settings ----------------------------------------------------------------------------

def test_the_project_file_parses_and_matches_the_documented_defaults():
    config = read_config(PROJECT_ROOT / "alerts.toml")
    assert config.watch.topics == ("lgbt", "assembly") and "KZ" in config.watch.countries
    assert (config.spike.baseline_days, config.spike.min_count, config.spike.p_value) == (28, 3, 0.01)
    assert config.silent.quiet_days_for("ngo") == 45 and config.silent.quiet_days_for("news") == 7
    assert [r.name for r in config.recipients] == ["analysts"]
    assert config.recipients[0].env == "RIGHTSWATCH_NOTIFY_ANALYSTS"


@pytest.mark.parametrize("text, words", [
    ("[spike]\nmin_cuont = 3\n", ["[spike]", "min_cuont"]),
    ("[spike]\np_value = 2.0\n", ["p_value", "0..1"]),
    ("[watch]\ncountries = \"KZ\"\n", ["countries", "list"]),
    ("[alarms]\nx = 1\n", ["[alarms]"]),
    ("[recipients.ops]\nwhere = 'x'\n", ["recipients.ops", "where"]),
    ("[recipients.ops]\n", ["recipients.ops", "env"]),
    ("[spike\n", ["invalid TOML", "line 1"]),
])
def test_a_bad_setting_is_named_in_one_line(text, words):
    with pytest.raises(BadInput) as caught:
        alert_config.parse(text, "alerts.toml")
    message = str(caught.value)
    assert message.startswith("alerts.toml: ") and "\n" not in message
    for word in words:
        assert word in message


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        read_config(tmp_path / "nope.toml")


# --- new stories and spreading -----------------------------------------------------------

def test_one_alert_per_story_with_its_versions_folded_and_an_english_gloss():
    rows = [cluster("c1", languages=["en", "kk", "ru"], size=3), cluster("c2", topics=["economy"])]
    members = {"c1": [member("c1", 0, "kk") | {"article_id": "c1-a"}, member("c1", 1, "ru", outlet="Dala Times"),
                      member("c1", 2, "en", "Six picketers detained in Almaty")]}
    found = alerts.new_stories(rows, members, CONFIG, set())
    assert [a.alert_id for a in found] == ["new_story:c1"]
    line = found[0].payload
    assert line["gloss"] == "Six picketers detained in Almaty" and line["first_report"]
    assert [(v["language"], v["outlet"]) for v in line["versions"]] == [("ru", "Dala Times"), ("en", "Eurasia Wire")]
    assert line["topic"] == "assembly" and line["countries"] == ["KZ"] and line["country"] == "KZ"  # picketers
    assert found[0].languages == ["en", "kk", "ru"]
    assert alerts.new_stories(rows, members, CONFIG, {"new_story:c1"}) == []


def test_a_lone_article_has_no_first_report_mark_and_an_english_one_no_gloss():
    line = alerts.story_line(cluster(language="en"), [], CONFIG.watch)
    assert not line["first_report"] and line["gloss"] is None and line["versions"] == []


@pytest.mark.parametrize("over", [{"relevance": 0.3}, {"countries": ["US"]}, {"topics": ["detention"]}])
def test_unwatched_stories_are_not_alerted(over):
    assert alerts.new_stories([cluster(**over)], {}, CONFIG, set()) == []


def test_watched_languages_filter():
    config = AlertConfig(watch=alert_config.Watch(languages=("ru",)))
    assert not alerts.watched(cluster(), config.watch)
    assert alerts.watched(cluster(languages=["kk", "ru"]), config.watch)


def test_a_story_spreading_to_a_new_language_is_alerted_once_with_what_is_new():
    row = cluster(alerted=True, alerted_languages=["kk"], alerted_countries=["KZ"],
                  languages=["kk", "ky"], countries=["KG", "KZ"])
    found = alerts.spreads([row], {}, CONFIG, set())
    assert len(found) == 1
    spread = found[0]
    assert spread.payload["new_languages"] == ["ky"] and spread.payload["new_countries"] == ["KG"]
    assert spread.languages == ["kk", "ky"] and spread.countries == ["KG", "KZ"]
    assert alerts.spreads([row], {}, CONFIG, {spread.alert_id}) == []
    unchanged = cluster(alerted=True, alerted_languages=["kk", "ky"], alerted_countries=["KG", "KZ"],
                        languages=["kk", "ky"], countries=["KG", "KZ"])
    assert alerts.spreads([unchanged], {}, CONFIG, set()) == []
    assert alerts.new_stories([row], {}, CONFIG, set()) == []  # alerted before: not new


# --- spikes ------------------------------------------------------------------------------

def test_poisson_upper_tail_matches_the_closed_form():
    for k, mean in [(1, 0.5), (3, 0.5), (4, 2.0), (10, 3.3), (2, 7.0)]:
        closed = 1 - sum(math.exp(-mean) * mean ** i / math.factorial(i) for i in range(k))
        assert alerts.poisson_upper_tail(k, mean) == pytest.approx(closed, rel=1e-9, abs=1e-15)
    assert alerts.poisson_upper_tail(0, 1.0) == 1.0 and alerts.poisson_upper_tail(3, 0.0) == 0.0
    assert 0 < alerts.poisson_upper_tail(40, 0.1) < 1e-60


def daily(country, topic, counts: dict[date, int]) -> list[dict]:
    return [{"day": d, "country": country, "topic": topic, "stories": n,
             "cluster_ids": [f"{country}-{d}-{i}" for i in range(n)]} for d, n in counts.items()]


def test_a_day_far_above_its_baseline_is_a_spike_with_the_baseline_shown():
    today = NOW.date()
    quiet = {today - timedelta(days=n): 1 for n in range(2, 30, 4)}  # 7 stories in the 28 days before
    rows = daily("KZ", "assembly", quiet | {today: 5})
    days = alerts.spike_days(today, CONFIG)
    found = alerts.spikes(rows, days, CONFIG, set(), heads={f"KZ-{today}-0": {"title": "Пикет", "url": "u"}})
    assert [a.alert_id for a in found] == [f"spike:{today}:KZ:assembly"]
    spike = found[0].payload
    assert spike["count"] == 5 and spike["baseline"] == 0.25 and spike["baseline_days"] == 28
    assert spike["p_value"] == pytest.approx(alerts.poisson_upper_tail(5, 0.25), rel=1e-2)
    assert spike["stories"] == [{"title": "Пикет", "url": "u"}]
    assert alerts.spikes(rows, days, CONFIG, {found[0].alert_id}) == []


def test_no_spike_below_the_minimum_count_or_within_the_usual():
    today = NOW.date()
    assert alerts.spikes(daily("KZ", "lgbt", {today: 2}), [today], CONFIG, set()) == []
    busy = {today - timedelta(days=n): 3 for n in range(1, 29)}
    assert alerts.spikes(daily("KZ", "lgbt", busy | {today: 4}), [today], CONFIG, set()) == []
    loose = AlertConfig(spike=Spike(min_count=2))
    assert len(alerts.spikes(daily("KZ", "lgbt", {today: 2}), [today], loose, set())) == 1


def test_spike_days_are_the_lookback_or_since_a_date():
    today = NOW.date()
    assert alerts.spike_days(today, CONFIG) == [today - timedelta(days=1), today]
    assert alerts.spike_days(today, CONFIG, since=today - timedelta(days=4))[0] == today - timedelta(days=4)
    assert len(alerts.spike_days(today, CONFIG, since=date(2000, 1, 1))) == 90


# --- silent sources ----------------------------------------------------------------------

def source(sid, **over) -> dict:
    row = {"source_id": sid, "name": sid.title(), "enabled": True, "category": "news", "runs": 5,
           "last_success": NOW - timedelta(days=1), "last_item_at": NOW - timedelta(days=1),
           "recent_statuses": ["ok"] * 5, "last_errors": "[]", "first_run_at": NOW - timedelta(days=60)}
    row.update(over)
    return row


def test_broken_crawls_are_told_apart_from_quiet_outlets():
    rows = [
        source("fine"),
        source("broken", recent_statuses=["failed", "failed", "failed", "ok"],
               last_success=NOW - timedelta(days=4), last_item_at=NOW - timedelta(days=4),
               last_errors='[{"url": "https://b.example/", "error": "HTTP 503"}]'),
        source("quiet", last_item_at=NOW - timedelta(days=9)),
        source("ngo-quiet", category="ngo", last_item_at=NOW - timedelta(days=20)),
        source("off", enabled=False, recent_statuses=["failed"] * 3),
        source("new", runs=0, recent_statuses=[], last_item_at=None),
    ]
    found = {a.payload["source_id"]: a for a in alerts.silent_sources(rows, NOW, CONFIG, set())}
    assert set(found) == {"broken", "quiet"}
    assert found["broken"].payload["state"] == "broken" and found["broken"].payload["last_error"] == "HTTP 503"
    assert "last 3 crawl runs failed" in found["broken"].payload["why"]
    assert found["quiet"].payload["state"] == "quiet" and found["quiet"].payload["days_silent"] == 9
    ids = {a.alert_id for a in found.values()}
    assert alerts.silent_sources(rows, NOW + timedelta(days=1), CONFIG, ids) == []


# --- the digest --------------------------------------------------------------------------

def test_headline_counts_what_is_there():
    assert alerts.headline({"new_story": 1}) == "1 new story"
    assert alerts.headline({"new_story": 0, "spike": 2, "silent_source": 1}) == \
        "0 new stories · 2 spikes · 1 silent source"


def test_digest_sorts_alerts_by_kind_and_counts_stories_reported_before():
    found = alerts.new_stories([cluster()], {}, CONFIG, set())
    digest = alerts.digest(found, generated=NOW, since=date(2026, 11, 1), earlier=4)
    assert digest["counts"]["new_story"] == 1 and digest["headline"] == "1 new story"
    assert [s["cluster_id"] for s in digest["stories"]] == ["c1"] and digest["earlier"] == 4
    assert digest["since"] == "2026-11-01" and digest["alert_ids"] == ["new_story:c1"]
