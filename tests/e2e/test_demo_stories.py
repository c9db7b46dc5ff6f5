"""The demo site's translated and republished stories fold into one cluster each (its
expected.json names each article's story)."""
import json
from collections import defaultdict
from itertools import combinations
from urllib.parse import urlsplit

from scrapers.demo_site.server import HERE
from tests.support.cli import sql_json


def test_demo_stories_are_one_cluster_each(demo_home):
    home, _, _ = demo_home
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    story = {a["path"]: a["story"] for a in expected["articles"] + expected["reports"]}
    rows = sql_json(home, "SELECT url, cluster_id FROM articles")
    truth = {r["url"]: story[urlsplit(r["url"]).path] for r in rows if urlsplit(r["url"]).path in story}
    cluster = {r["url"]: r["cluster_id"] for r in rows}
    assert len(truth) >= 60
    pairs = [(truth[a] == truth[b], cluster[a] == cluster[b]) for a, b in combinations(truth, 2)]
    true_pairs = sum(t for t, _ in pairs)
    both = sum(t and c for t, c in pairs)
    wrong = sum(c and not t for t, c in pairs)
    assert wrong == 0 and both / true_pairs >= 0.9, (both, true_pairs, wrong)
    folded = defaultdict(set)
    for url, name in truth.items():
        folded[name].add(cluster[url])
    multi = [name for name in folded if sum(truth[u] == name for u in truth) > 1]
    assert sum(len(folded[name]) == 1 for name in multi) >= len(multi) - 1
