"""A crawl of the hostile site ends in bounded time and memory, counts every trap as an error
in crawl_runs, sends nothing to private addresses, and still lands (and loads) the good pages."""
from __future__ import annotations

import json

import pytest

from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support import hostile_site as hostile
from tests.support.crawl_bounded import measured_crawl
from warehouse import db
from workflows.process import process_landed
from workflows.settings import Settings

# Fast caps for the test; production keeps POLITE's 30 s timeout and 20 MiB size cap.
FAST = {**LOCAL_FAST, **LOOPBACK, "DOWNLOAD_TIMEOUT": 3, "DOWNLOAD_MAXSIZE": 2 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 0, "RETRY_TIMES": 1, "RETRY_BACKOFF_BASE": 0.1, "CONCURRENT_REQUESTS": 32}
TIME_LIMIT, MEMORY_LIMIT_MIB = 60, 400


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    server, state, base = hostile.start()
    tmp = tmp_path_factory.mktemp("hostile")
    registry = tmp / "sources.toml"
    registry.write_text(hostile.sources_toml(base), encoding="utf-8")
    home = tmp / "home"
    try:
        manifest, seconds, peak = measured_crawl(home, load_sources(registry), FAST, limit=TIME_LIMIT * 2)
    finally:
        server.stop()
    print(f"\nhostile crawl: {seconds:.1f} s, peak RSS {peak} MiB, "
          f"{state.streamed / 2**20:.0f} MiB of endless bodies sent before the crawler hung up")
    return home, manifest, seconds, peak, state


def by_source(manifest) -> dict:
    return {s["source_id"]: s for s in manifest["sources"]}


def test_crawl_is_bounded_in_time_and_memory(hostile_run):
    _, _, seconds, peak, state = hostile_run
    assert seconds < TIME_LIMIT
    assert peak < MEMORY_LIMIT_MIB
    assert state.streamed < 64 * 2**20  # the gibibyte answers were abandoned early


def test_every_trap_is_a_counted_error(hostile_run):
    _, manifest, *_ = hostile_run
    kinds = {sid: s["errors_by_kind"] for sid, s in by_source(manifest).items()}
    listing = kinds["hostile-listing"]
    assert listing.get("size_cap") == 3, listing  # the two endless bodies and the gzip bomb
    assert listing.get("max_redirects") == 1, listing  # the endless redirect chain
    assert listing.get("redirect_loop") == 1, listing  # loop-a -> loop-b -> loop-a
    assert listing.get("offsite_redirect") == 1, listing  # a redirect to another host, never followed
    assert listing.get("timeout", 0) >= 1, listing  # the trickle
    assert listing.get("page_cap") == 1 and kinds["hostile-calendar"].get("page_cap") == 1
    assert kinds["hostile-rss"].get("refused_address") == 3  # metadata, 10/8 and IPv6 ULA entries
    for sid in ("hostile-rss-xxe", "hostile-rss-laughs", "hostile-rss-malformed"):
        assert kinds[sid] == {"not_a_feed": 1}, (sid, kinds[sid])
    for sid in ("hostile-sitemap-bomb", "hostile-sitemap-xxe", "hostile-sitemap-malformed",
                "hostile-sitemap-truncated"):
        assert sum(kinds[sid].values()) == 1, (sid, kinds[sid])


def test_nothing_was_sent_to_refused_addresses(hostile_run):
    home, *_ = hostile_run
    run = next((home / "landing").glob("2*"))
    samples = by_source(json.loads((run / "manifest.json").read_text(encoding="utf-8")))["hostile-rss"]
    assert {e["url"] for e in samples["error_samples"]} == {  # recorded with the reason...
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://[fd12::1]/x"}
    assert "cloud metadata" in samples["error_samples"][0]["error"]
    urls = [json.loads(line)["final_url"] for line in open(run / "items.jsonl", encoding="utf-8")]
    assert not [u for u in urls if "169.254" in u or "10.0.0.1" in u or "fd12" in u]  # ...never fetched


def test_good_pages_land_and_load_with_errors_in_crawl_runs(hostile_run):
    home, manifest, *_ = hostile_run
    run = next((home / "landing").glob("2*"))
    landed = {json.loads(line)["url"].split("/", 3)[3] for line in open(run / "items.jsonl", encoding="utf-8")}
    assert {p.lstrip("/") for p in hostile.GOOD} <= landed, landed
    assert {hostile.WRONG_CHARSET.lstrip("/"), hostile.NO_CHARSET.lstrip("/")} <= landed
    settings = Settings(home=home, allow_loopback=True)
    summary = process_landed(settings, progress=lambda _: None)
    assert summary.runs == 1 and summary.articles >= len(hostile.GOOD)
    with db.reader(settings.warehouse) as con:
        rows = con.execute("SELECT source_id, errors, errors_by_kind FROM crawl_runs").fetchall()
        titles = {r[0] for r in con.execute("SELECT title FROM articles").fetchall()}
    errors = {sid: (n, json.loads(k)) for sid, n, k in rows}
    assert errors["hostile-listing"][0] >= 5 and errors["hostile-rss-xxe"][1] == {"not_a_feed": 1}
    assert {t for t, _ in hostile.GOOD.values()} <= titles
    assert not any("lol" in (t or "") for t in titles)
