"""Atom feeds of alerts: valid as feedparser reads them, one entry per story, ids that never change."""
from datetime import datetime

import feedparser

from reports import feeds

AT = datetime(2026, 3, 2, 6, 0)


def alert(n, cluster, hour, **payload):
    return {"alert_id": f"new_story:{cluster}:{n}", "kind": "new_story", "cluster_id": cluster,
            "created_at": AT.replace(hour=hour),
            "payload": {"title": f"Алматыда жиын {n} <b>&", "url": f"https://dala.example/{n}",
                        "languages": ["kk"], "countries": ["KZ"], **payload}}


def parsed(alerts):
    return feedparser.parse(feeds.render("urn:rightswatch:feed:digest", "rightswatch: new stories", alerts, AT))


def test_valid_atom_one_entry_per_story_stable_ids():
    first = parsed([alert(1, "s1", 6), alert(2, "s2", 7)])
    assert not first.bozo and first.version == "atom10"
    assert [e.id for e in first.entries] == ["urn:rightswatch:feed:digest:story:s2", "urn:rightswatch:feed:digest:story:s1"]
    assert first.entries[1].title == "Алматыда жиын 1 <b>&" and first.entries[1].link == "https://dala.example/1"
    later = parsed([alert(1, "s1", 6), alert(2, "s2", 7), alert(3, "s1", 9, new_languages=["ru"],
                                                                languages=["kk", "ru"])])
    assert [e.id for e in later.entries] == ["urn:rightswatch:feed:digest:story:s1", "urn:rightswatch:feed:digest:story:s2"]
    assert later.entries[0].updated.startswith("2026-03-02T09:00") and later.entries[0].published.startswith("2026-03-02T06")


def test_an_empty_feed_is_still_valid():
    empty = parsed([])
    assert not empty.bozo and empty.entries == [] and empty.feed.id == "urn:rightswatch:feed:digest"
