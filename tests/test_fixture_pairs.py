"""One parametrised test over fixture pairs, Fundus-style: adding a registry source with a `cms`,
a CMS profile or a fixture site takes data (a page or a site, and the JSON beside it), never test
code; one without its pair fails here, naming what to add.

- source:<id> — every registry source with a `cms`: a page of its CMS from tests/fixtures/extract/
  (page + expected JSON, `layout` = the CMS; one in the source's language when there is one),
  moved onto the source's own host. The profile's article pattern matches it and folds it onto
  itself, and extraction finds the expected title and date there.
- cms:<name> — every CMS profile (scrapers/cms.py) has article pages of its own, each matching it.
- site:<name> — every fixture site (tests/fixtures/sites/<name>/, <name>.json beside it) is crawled
  with the registry entries its JSON holds and lands exactly what the JSON records.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from pipelines.extract.extract import extract
from scrapers import cms, loopback
from scrapers.crawl import crawl
from scrapers.registry import load_sources
from scrapers.settings import LOCAL_FAST, LOOPBACK
from tests.support.project import FIXTURES, PROJECT
from tests.support.sites import copy_site, crawl_record, entries, pair, site_names

PAGES = FIXTURES / "extract"


@dataclass(frozen=True)
class Pair:
    kind: str  # source | cms | site
    name: str
    subject: object = None  # the registry entry of a source pair

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def article_pages(layout: str) -> list[tuple[Path, dict]]:
    """(expected JSON path, expected) of the article pages laid out by `layout`."""
    found = []
    for path in sorted(PAGES.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if expected.get("layout") == layout and expected.get("article") is not False and expected.get("url"):
            found.append((path, expected))
    return found


def document(expected_path: Path) -> bytes:
    stem = expected_path.name[:-len(".json")]
    return next(expected_path.with_name(stem + s).read_bytes() for s in (".html", ".pdf", ".html.gz")
                if expected_path.with_name(stem + s).exists())


def on_host(url: str, home: str) -> str:
    """`url`'s path on the host of `home`."""
    target, parts = urlsplit(home), urlsplit(url)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))


def pairs() -> list[Pair]:
    registry = [s for s in load_sources(PROJECT / "sources.toml") if s.cms]
    return ([Pair("source", s.id, s) for s in registry] + [Pair("cms", name) for name in sorted(cms.PROFILES)]
            + [Pair("site", name) for name in site_names()])


def check_source(source) -> None:
    pages = article_pages(source.cms)
    assert pages, f"no article page of layout {source.cms!r} in {PAGES}: add a page and its JSON"
    same_language = [p for p in pages if p[1].get("language") in source.languages]
    path, expected = (same_language or pages)[0]
    profile = cms.profile(source.cms)
    url = on_host(expected["url"], source.url)
    assert re.search(profile.article_pattern, url), (source.id, url)
    assert profile.fold(url) == url
    found = extract(document(path), url=url)
    assert found.title == expected["title"]
    assert (found.published.date().isoformat() if found.published else None) == expected["published"]


def check_cms(name: str) -> None:
    pages = article_pages(name)
    assert pages, f"CMS profile {name!r} has no article page in {PAGES}: add a page and its JSON"
    for _, expected in pages:
        assert re.search(cms.PROFILES[name].article_pattern, expected["url"]), expected["url"]


def check_site(name: str, tmp_path: Path) -> None:
    expected = pair(name)
    site = loopback.start(copy_site(name, tmp_path / "sites"))
    try:
        manifest = crawl(tmp_path / "home", entries(name, site.base_url), overrides={**LOCAL_FAST, **LOOPBACK},
                         progress=lambda _: None)
        found = crawl_record(tmp_path / "home", manifest, site.base_url)
    finally:
        site.stop()
    assert found["landed"] == expected["landed"]
    assert found["summary"] == expected["summary"]


PAIRS = pairs()


@pytest.mark.parametrize("fixture", PAIRS, ids=[p.id for p in PAIRS])
def test_fixture_pair(fixture: Pair, tmp_path):
    if fixture.kind == "source":
        check_source(fixture.subject)
    elif fixture.kind == "cms":
        check_cms(fixture.name)
    else:
        check_site(fixture.name, tmp_path)
