"""The `telegram` kind on a fixture channel written in the shape of t.me's public web preview:
posts land as the channel's items, links to a registry outlet land as that outlet's articles,
paging follows `?before=`, a second run lands only newer posts, and robots.txt is obeyed."""
from __future__ import annotations

import base64
import json
import shutil
from datetime import datetime, timezone

import pytest

from pipelines.process import from_landed, parse_landed_line
from scrapers import loopback
from scrapers.crawl import crawl
from scrapers.loopback import Reply
from scrapers.settings import LOCAL_FAST, LOOPBACK
from scrapers.telegram import read_page
from tests.support.sites import SITES, source

CHANNEL = "dushanbe_daily"
OUTLET = "{{OUTLET}}"


def channel_site(root, outlet_base: str, routes=None):
    """The fixture channel, its links aimed at the outlet's loopback site."""
    target = root / "telegram-preview"
    shutil.copytree(SITES / "telegram-preview", target)
    for page in (target / "s").iterdir():
        page.write_text(page.read_text(encoding="utf-8").replace(OUTLET, outlet_base), encoding="utf-8")
    return loopback.start(target, routes=routes)


def crawl_once(home, sources, outlets=None):
    return crawl(home, sources, overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None, outlets=outlets)


def landed(home, run) -> list[dict]:
    with open(home / "landing" / run["run_id"] / "items.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def summary(run, source_id) -> dict:
    return next(s for s in run["sources"] if s["source_id"] == source_id)


@pytest.fixture(scope="module")
def outlet(tmp_path_factory):
    from tests.support.sites import copy_site
    site = loopback.start(copy_site("steppe-rss", tmp_path_factory.mktemp("outlet")))
    yield site
    site.stop()


@pytest.fixture(scope="module")
def runs(tmp_path_factory, outlet):
    root = tmp_path_factory.mktemp("tg")
    site = channel_site(root, outlet.base_url)
    home = root / "home"
    channel = source("dushanbe-daily-tg", "telegram", f"{site.base_url}/s/{CHANNEL}", country="TJ",
                     languages=("tg", "ru"))
    steppe = source("steppe-rss", "feed", outlet.base_url + "/rss.xml", languages=("kk",))
    try:
        first = crawl_once(home, [channel], outlets=[channel, steppe])
        hits_first = [h.path for h in site.hits]
        site.clear()
        page = root / "telegram-preview" / "s"
        shutil.copy(page / f"{CHANNEL}.next", page / CHANNEL)  # one newer post on the front page
        second = crawl_once(home, [channel], outlets=[channel, steppe])
        yield {"home": home, "first": first, "second": second, "hits_first": hits_first,
               "hits_second": [h.path for h in site.hits], "outlet": outlet}
    finally:
        site.stop()


def test_preview_page_is_read_like_the_real_one():
    outlet = "https://steppe.example"
    page = read_page((SITES / "telegram-preview" / "s" / CHANNEL).read_text(encoding="utf-8").replace(OUTLET, outlet),
                     f"https://t.me/s/{CHANNEL}")
    assert [p.id for p in page.posts] == [4803, 4811, 4812, 4820] and page.before == 4803
    amnesty = page.posts[1]
    assert amnesty.url == f"https://t.me/{CHANNEL}/4811"
    assert amnesty.published == "2026-11-27T16:45:00Z"
    assert amnesty.title.startswith("Amnesty International гузориш дод")
    assert "Хабари пурра" in amnesty.text and "\n\n" in amnesty.text  # <br/> kept as line breaks
    assert amnesty.links == [f"{outlet}/news/2017/12/22/amnesty-lgbti-qorgaushylar.html", f"{outlet}/"]
    assert page.posts[2].text == "" and page.posts[2].links == []  # a photo alone
    assert page.posts[3].links == [f"{outlet}/private/draft.html"]  # the hashtag link is not outbound
    assert "📊" in page.posts[0].text
    last = read_page((SITES / "telegram-preview" / "s" / f"{CHANNEL}@before=4782").read_bytes(), "https://t.me/s/x")
    assert last.before is None


def test_posts_land_as_the_channels_items_across_pages(runs):
    items = landed(runs["home"], runs["first"])
    posts = {i["url"]: i for i in items if i["source_id"] == "dushanbe-daily-tg"}
    assert sorted(int(u.rsplit("/", 1)[1]) for u in posts) == [4761, 4770, 4782, 4790, 4795, 4803, 4811, 4820]
    assert runs["hits_first"].count(f"/s/{CHANNEL}?before=4803") == 1
    assert runs["hits_first"].count(f"/s/{CHANNEL}?before=4782") == 1
    report = summary(runs["first"], "dushanbe-daily-tg")
    assert report["pages"] == 3 and report["skipped"]["post_without_text"] == 2
    post = posts[f"https://t.me/{CHANNEL}/4782"]
    assert post["hints"]["published"] == "2026-11-25T15:20:00Z"
    assert post["hints"]["links"] == ["https://example.org/tj/khorog-detained"]
    assert "Хоруғ" in base64.b64decode(post["body_b64"]).decode("utf-8")


def test_a_landed_post_processes_into_an_article(runs):
    item = next(i for i in landed(runs["home"], runs["first"]) if i["url"].endswith("/4811"))
    article = from_landed(parse_landed_line(json.dumps(item)))
    assert article.title.startswith("Amnesty International") and "ЛГБТИ" in article.text
    assert article.published_at == datetime(2026, 11, 27, 16, 45, tzinfo=timezone.utc)
    assert article.canonical_url == f"https://t.me/{CHANNEL}/4811"


def test_links_to_a_registry_outlet_land_as_its_articles(runs):
    items = landed(runs["home"], runs["first"])
    base = runs["outlet"].base_url
    outlet_items = {i["url"][len(base):] for i in items if i["source_id"] == "steppe-rss"}
    assert outlet_items == {"/news/2017/12/22/amnesty-lgbti-qorgaushylar.html", "/news/2017/12/20/almaty-zhinalys.html"}
    assert not runs["outlet"].requests_for("/private/draft.html")  # the outlet's robots.txt says no
    assert not runs["outlet"].requests_for("/")  # its front page is not an article
    report = summary(runs["first"], "dushanbe-daily-tg")
    assert report["skipped"]["robots"] == 1 and report["skipped"]["link_to_unknown_outlet"] == 1
    assert "steppe-rss" in {s["id"] for s in runs["first"]["source_configs"]}


def test_second_run_lands_only_newer_posts_and_stops_paging(runs):
    items = landed(runs["home"], runs["second"])
    assert [i["url"] for i in items] == [f"https://t.me/{CHANNEL}/4826"]
    assert runs["hits_second"] == [f"/s/{CHANNEL}"] or all("before=" not in h for h in runs["hits_second"])


def test_max_items_keeps_the_newest_posts(tmp_path, outlet):
    site = channel_site(tmp_path, outlet.base_url)
    try:
        channel = source("tg", "telegram", f"{site.base_url}/s/{CHANNEL}", max_items=2)
        run = crawl_once(tmp_path / "home", [channel])
    finally:
        site.stop()
    assert sorted(i["url"] for i in landed(tmp_path / "home", run)) == [
        f"https://t.me/{CHANNEL}/4811", f"https://t.me/{CHANNEL}/4820"]
    assert not [h for h in site.hits if "before=" in h.path]


def test_robots_txt_of_the_preview_host_is_obeyed(tmp_path, outlet):
    routes = {"/robots.txt": lambda _: Reply(200, b"User-agent: *\nDisallow: /s/\n", {"Content-Type": "text/plain"})}
    site = channel_site(tmp_path, outlet.base_url, routes=routes)
    try:
        run = crawl_once(tmp_path / "home", [source("tg", "telegram", f"{site.base_url}/s/{CHANNEL}")])
    finally:
        site.stop()
    assert run["items"] == 0 and not site.requests_for(f"/s/{CHANNEL}")
    assert summary(run, "tg")["skipped"]["robots"] == 1


def test_a_channel_without_public_preview_is_named(tmp_path, outlet):
    routes = {"/s/closed_room": lambda _: Reply(302, b"", {"Location": "/closed_room"}),
              "/closed_room": lambda _: Reply(200, b"<html><body><div class='tgme_page_title'>Closed</div></body></html>")}
    site = channel_site(tmp_path, outlet.base_url, routes=routes)
    try:
        run = crawl_once(tmp_path / "home", [source("tg", "telegram", f"{site.base_url}/s/closed_room")])
    finally:
        site.stop()
    report = summary(run, "tg")
    assert report["errors_by_kind"] == {"not_a_channel": 1} and report["status"] == "failed"
