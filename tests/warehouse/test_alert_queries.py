"""The alert run over a real DuckDB file: each rule's query, recording once, spreading, looking back."""
import json
from datetime import datetime, timedelta

import pytest

from pipelines.alerts.alert_config import AlertConfig
from pipelines.clean import article_id, content_hash
from pipelines.models import Article, Batch
from warehouse import db, load
from workflows.alerts import run_alerts
from workflows.settings import Settings

NOW = datetime(2026, 11, 25, 6, 0)
CONFIG = AlertConfig()


def article(n, cluster=None, lang="ru", source="dala", days_ago=1, topics=("assembly", "detention"),
            countries=("KZ",), seen_days_ago=None, relevance=0.8) -> Article:
    url = f"https://{source}.example/a/{n}.html"
    aid = article_id(url)
    text = f"Статья {n}: пикет в Алматы, задержания."
    seen = NOW - timedelta(days=days_ago if seen_days_ago is None else seen_days_ago)
    return Article(article_id=aid, url=url, canonical_url=url, source_id=source, title=f"Заголовок {n}",
                   text=text, published_at=NOW - timedelta(days=days_ago), first_seen_at=seen,
                   language=lang, script="Cyrl", language_score=0.99, topics=list(topics),
                   countries=list(countries), organizations=[], relevance=relevance,
                   content_hash=content_hash(text), cluster_id=cluster or aid)


def manifest(run, days_ago, statuses: dict[str, str]) -> dict:
    at = (NOW - timedelta(days=days_ago)).isoformat() + "+00:00"
    return {"run_id": run, "started_at": at, "finished_at": at, "items": 0,
            "source_configs": [{"id": s, "name": s.title(), "kind": "feed", "url": f"https://{s}.example/rss",
                                "country": "KZ", "languages": ["ru"], "category": "news"} for s in statuses],
            "sources": [{"source_id": s, "items": 1 if st == "ok" else 0, "errors": 0 if st == "ok" else 1,
                         "status": st, "error_samples": [] if st == "ok" else [{"url": f"https://{s}.example/rss",
                                                                                "error": "HTTP 503"}]}
                        for s, st in statuses.items()]}


def load_all(home, *batches):
    with db.writer(Settings(home).warehouse) as con:
        for batch in batches:
            load.load_batch(con, batch)


def run(home, **kw):
    kw.setdefault("now", NOW)
    return run_alerts(Settings(home), config=kw.pop("config", CONFIG), formats=["json"], **kw)


def report_of(result) -> dict:
    """The digest this run wrote; a run with nothing new writes none (`latest` stays the newest)."""
    assert result.paths, "nothing new: no report written"
    return json.loads(result.paths[0].read_text(encoding="utf-8"))


def nothing_new(result) -> bool:
    return result.paths == [] and sum(result.counts.values()) == 0 and all(p.exists() for p in result.latest)


@pytest.fixture
def home(tmp_path):
    first = article(1, lang="ru")
    same = article(2, cluster=first.article_id, lang="kk", source="dala-kk")
    other = article(3, lang="ru", countries=("KG",), source="alatoo", topics=("lgbt", "ban"))
    dull = article(4, topics=(), relevance=0.1)
    load_all(tmp_path, Batch("r1", 4, [first, same, other, dull],
                             manifest=manifest("r1", 1, {"dala": "ok", "dala-kk": "ok", "alatoo": "ok"})))
    return tmp_path


def test_new_stories_are_alerted_once_with_their_versions(home):
    result = run(home)
    digest = report_of(result)
    assert result.stories == 2 and len(digest["stories"]) == 2
    kz = next(s for s in digest["stories"] if s["countries"] == ["KZ"])
    assert kz["size"] == 2 and [v["language"] for v in kz["versions"]] == ["kk"] and kz["first_report"]
    again = run(home, now=NOW + timedelta(hours=2))
    assert again.stories == 0 and nothing_new(again)
    assert json.loads(again.latest[0].read_text(encoding="utf-8")) == digest  # latest: the newest report
    with db.reader(Settings(home).warehouse) as con:
        rows = con.execute("SELECT kind, languages FROM alerts ORDER BY alert_id").fetchall()
    assert [r[0] for r in rows] == ["new_story", "new_story"]


def test_a_story_reaching_a_new_language_spreads_once(home):
    run(home)
    first_id = article(1).article_id
    load_all(home, Batch("r2", 1, [article(5, cluster=first_id, lang="en", source="wire", days_ago=0)]))
    spread = report_of(run(home, now=NOW + timedelta(hours=1)))
    assert [s["new_languages"] for s in spread["spreads"]] == [["en"]] and spread["stories"] == []
    assert nothing_new(run(home, now=NOW + timedelta(hours=2)))


def test_looking_back_counts_stories_alerted_before_without_listing_them_again(home):
    run(home)
    load_all(home, Batch("r2", 1, [article(6, countries=("UZ",), source="herald", days_ago=0)]))
    back = run(home, since=NOW - timedelta(days=3), now=NOW + timedelta(hours=1))
    digest = report_of(back)
    assert back.earlier == 2 and digest["earlier"] == 2 and digest["counts"]["new_story"] == 1
    assert [s["countries"] for s in digest["stories"]] == [["UZ"]]
    assert nothing_new(run(home, since=NOW - timedelta(days=3), now=NOW + timedelta(hours=2)))


def test_a_spike_is_found_from_the_warehouse_with_its_baseline(tmp_path):
    baseline = [article(100 + n, days_ago=2 + 4 * n) for n in range(7)]  # 7 stories in the 28 days before
    today = [article(200 + n, days_ago=0) for n in range(5)]
    load_all(tmp_path, Batch("r1", 12, baseline + today))
    digest = report_of(run(tmp_path))
    spikes = {(s["country"], s["topic"]): s for s in digest["spikes"]}
    assert set(spikes) == {("KZ", "assembly")}  # detention is not a watched topic
    spike = spikes[("KZ", "assembly")]
    assert spike["count"] == 5 and spike["baseline"] == 0.25 and len(spike["stories"]) == 5
    assert digest["coverage"]["countries"][0]["stories"] == 12


def test_silent_sources_broken_and_quiet_from_crawl_runs(tmp_path):
    old = article(1, source="quiet", days_ago=12)
    load_all(tmp_path,
             Batch("r1", 1, [old, article(2, source="broken", days_ago=12)],
                   manifest=manifest("r1", 12, {"quiet": "ok", "broken": "ok", "fine": "ok"})),
             *[Batch(f"r{n}", 0, manifest=manifest(f"r{n}", 4 - n, {"quiet": "ok", "broken": "failed", "fine": "ok"}))
               for n in (2, 3, 4)],
             Batch("r5", 1, [article(3, source="fine", days_ago=0)]))
    digest = report_of(run(tmp_path))
    states = {s["source_id"]: s["state"] for s in digest["silent"]}
    assert states == {"broken": "broken", "quiet": "quiet"}
    broken = next(s for s in digest["silent"] if s["source_id"] == "broken")
    assert broken["last_error"] == "HTTP 503" and broken["last_success"].startswith("2026-11-13")
    assert nothing_new(run(tmp_path, now=NOW + timedelta(hours=3)))


def test_a_delivery_left_pending_is_owed_until_sent_then_never_again(home):
    from pipelines.alerts import alerts
    from warehouse import alert_state
    found = [alerts.Alert("new_story:x", alerts.NEW_STORY, {"title": "x"}, "x", ["ru"], ["KZ"])]
    first = datetime(2026, 11, 25, 6, 0, 0)
    with db.writer(Settings(home).warehouse) as con:
        alert_state.record(con, found, "report-a", first, ["desk"])
        # the run died before sending: the next run owes it, at once, not after a timeout
        assert [i["alert_id"] for i in alert_state.owed(con, ["desk"])["desk"]] == ["new_story:x"]
        alert_state.mark(con, [{"alert_id": "new_story:x", "recipient": "desk", "ok": False, "error": "refused",
                                "attempts": 1, "first_report": "report-a"}], first)
        assert alert_state.owed(con, ["desk"])["desk"][0]["attempts"] == 1
        assert alert_state.owed(con, ["other"]) == {}
        alert_state.mark(con, [{"alert_id": "new_story:x", "recipient": "desk", "ok": True, "error": None,
                                "attempts": 2, "first_report": "report-a"}], first)
        assert alert_state.owed(con, ["desk"]) == {}



def test_charts_end_at_the_last_day_with_data_and_count_each_story_once(tmp_path):
    story = article(300, days_ago=12)
    later = article(301, cluster=story.article_id, lang="kk", source="dala-kk", days_ago=10)
    load_all(tmp_path, Batch("r1", 3, [story, later, article(302, days_ago=11)]))
    coverage = report_of(run(tmp_path))["coverage"]
    assert coverage["days"][-1] == (NOW - timedelta(days=10)).date().isoformat() and len(coverage["days"]) == 30
    kz = coverage["countries"][0]
    assert kz["country"] == "KZ" and sum(kz["total"]) == 3 and kz["stories"] == 2  # one story on two days
