"""Alerts follow stories on wrapped, noisy text: a warehouse filled day by day through `ingest`
with articles wrapped in their outlets' boilerplate (tickers, menus, read-also boxes quoting
the other stories) and reposted with light edits; then a truly new story arrives and is alerted
as new, while a republication of an old story by another outlet, in another style of
wrapping, joins its story and is not."""
import json
from pathlib import Path

import pytest

from evals import dedup_outlets
from warehouse import db
from workflows.alerts import run_alerts
from workflows.ingest import ingest_file
from workflows.settings import Settings
from tests.support.project import FIXTURES
from tests.support.wrapped_news import day_files, outlet_for, repost, wrapped

OLD_STORY = "tbilisi-march-refused"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest_days(settings: Settings, paths: list[Path]) -> None:
    for path in paths:
        ingest_file(settings, path, progress=lambda line: None)


def rows(settings: Settings, query: str, params: list | None = None) -> list[tuple]:
    with db.reader(settings.warehouse) as con:
        return con.execute(query, params or []).fetchall()


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A home holding the wrapped labelled stories and their reposts, every story alerted once."""
    folder = tmp_path_factory.mktemp("follow")
    settings = Settings(folder / "home")
    family = dedup_outlets.load("default")
    labelled = read(FIXTURES / "dedup" / "stories.jsonl")
    articles = []
    for record in labelled:
        outlet = outlet_for(family, record["lang"], record["source"])
        articles.append(wrapped(record, family, outlet, labelled))
        articles.append(repost(record, family, outlet, labelled))
    ingest_days(settings, day_files(articles, folder / "in"))
    first = run_alerts(settings, send=False, out=folder / "reports")
    assert first.stories >= 5
    return settings, folder, labelled, articles


@pytest.fixture(scope="module")
def later(filled):
    """A truly new story (three languages, default wrapping) and a republication of an old one
    (another outlet, the unseen family's wrapping, light edits) arrive three days later."""
    settings, folder, labelled, articles = filled
    before = {r[0] for r in rows(settings, "SELECT alert_id FROM alerts")}
    old_clusters = {r[0] for r in rows(settings, "SELECT DISTINCT cluster_id FROM articles")}

    other_style = dedup_outlets.load("unseen")
    fresh = read(FIXTURES / "alerts" / "new-story.jsonl")
    family = dedup_outlets.load("default")
    news = [wrapped(r, family, outlet_for(family, r["lang"], r["title"]), labelled + fresh) for r in fresh]
    old = next(r for r in labelled if r["story"] == OLD_STORY and r["lang"] == "ru")
    copy = repost(old, other_style, outlet_for(family, "ru", old["source"]), labelled, hours=24 * 3)
    ingest_days(settings, day_files(news + [copy], folder / "later", prefix="later"))
    run_alerts(settings, send=False, out=folder / "reports")

    alerted = {r[0]: r[1] for r in rows(settings, "SELECT alert_id, cluster_id FROM alerts") if r[0] not in before}
    new_ids = [r[0] for r in rows(settings, "SELECT cluster_id FROM articles WHERE url IN (SELECT unnest(?))",
                                  [[n["url"] for n in news]])]
    return settings, articles, old_clusters, alerted, news, new_ids, copy


def test_a_new_story_is_alerted_as_new(later):
    settings, articles, old_clusters, alerted, news, new_ids, copy = later
    assert len(new_ids) == len(news) and len(set(new_ids)) == 1, new_ids
    (new_story,) = set(new_ids)
    assert new_story not in old_clusters
    assert f"new_story:{new_story}" in alerted, alerted


def test_a_republication_joins_its_story_and_is_not_alerted(later):
    settings, articles, old_clusters, alerted, news, new_ids, copy = later
    (new_story,) = set(new_ids)
    (copy_story,) = rows(settings, "SELECT cluster_id FROM articles WHERE url = ?", [copy["url"]])[0]
    old_urls = [a["url"] for a in articles if a["story"] == OLD_STORY]
    old_story = {r[0] for r in rows(settings, "SELECT cluster_id FROM articles WHERE url IN (SELECT unnest(?))",
                                    [old_urls])}
    assert copy_story in old_story, (copy_story, old_story)
    assert f"new_story:{copy_story}" not in alerted
    assert [kind for kind in alerted if kind.startswith("new_story:")] == [f"new_story:{new_story}"]
