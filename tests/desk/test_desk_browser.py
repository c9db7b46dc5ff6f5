"""The desk in headless Chromium: every page loads with no console error (a blocked script or
style would be one), links lead from Today to a story to its archived response, a Kazakh Latin
search finds Cyrillic text, no page is wider than a phone, each script's titles are drawn with a
font the stylesheet names. Screenshots of each page, wide and phone-sized, are kept in
tests/artifacts/desk/ (and in $RIGHTSWATCH_DESK_SHOTS, which `make desk-shots` points at docs/desk/)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.support.browser import Browser
from tests.support.desk import serving
from tests.support.project import PROJECT

ARTIFACTS = PROJECT / "tests" / "artifacts" / "desk"
CSS = (PROJECT / "desk" / "desk.css").read_text(encoding="utf-8")
PHONE = 390


@pytest.fixture(scope="module")
def browser(desk_home, tmp_path_factory):
    home, _ = desk_home
    with serving(home) as (base, _):
        chrome = Browser(tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield chrome, base
        finally:
            chrome.close()


def visit(chrome: Browser, url: str) -> None:
    chrome.errors.clear()
    chrome.open(url)
    assert not chrome.errors, f"console errors on {url}: {chrome.errors}"


def test_today_leads_to_a_story_and_its_archived_response(browser):
    chrome, base = browser
    visit(chrome, base + "/today")
    assert chrome.js("document.querySelectorAll('li.story').length") >= 15
    chrome.click("li.story a.open")
    assert chrome.js("location.pathname").startswith("/story/") and not chrome.errors
    assert chrome.js("document.querySelector('li.article').dataset.role") == "first report"
    chrome.click("a.evidence")
    assert chrome.js("location.pathname").startswith("/evidence/") and not chrome.errors
    assert ".warc.gz" in chrome.js("document.querySelector('#capture').innerText")
    assert chrome.js("document.querySelector('pre.body').innerText.length") > 200


def test_search_finds_a_kazakh_latin_query_in_cyrillic_text(browser):
    chrome, base = browser
    visit(chrome, base + "/today")
    chrome.js("document.querySelector('nav a[href=\"/search\"]').click()")
    chrome._wait_for("Page.loadEventFired")
    chrome.js("document.querySelector('#q').value = 'belsendi ustaldy'")
    chrome.js("document.querySelector('form.filters').submit()")  # the form, as a person submits it
    chrome._wait_for("Page.loadEventFired")
    assert not chrome.errors
    titles = chrome.js("[...document.querySelectorAll('li.hit a.title')].map(a => a.textContent)")
    assert titles and any(re.search("[ҰұҚқӘәІі]", t) for t in titles)
    assert chrome.js("document.querySelector('li.hit mark').textContent").lower().startswith("белсенді")


def test_no_script_runs_from_a_hostile_title(browser):
    chrome, base = browser
    visit(chrome, base + "/today")
    assert chrome.js("document.scripts.length") == 0 and chrome.js("document.title") != "pwned"
    assert chrome.js("document.body.innerText").count('<script>document.title="pwned"</script>') == 1
    visit(chrome, base + "/sources")
    assert chrome.js("document.scripts.length") == 0 and chrome.js("document.images.length") == 0


def test_each_script_is_drawn_with_a_font_the_stylesheet_names(browser):
    chrome, base = browser
    visit(chrome, base + "/today")
    for lang in ("hy", "ka", "kk", "uz", "ru", "az"):
        selector = f"a.title[lang='{lang}']"
        if not chrome.js(f"!!document.querySelector(\"{selector}\")"):
            continue
        used = chrome.fonts(selector)
        assert used and all(f'"{family}"' in CSS for family in used), (lang, used)


PAGES = {"today": "/today", "search": "/search?q=митинг+OR+piket&country=KZ", "coverage": "/coverage",
         "sources": "/sources", "sql": "/sql?q=SELECT+day%2C+country%2C+stories+FROM+coverage_daily+"
                                   "WHERE+topic+%3D+%27assembly%27+ORDER+BY+day+DESC+LIMIT+12"}


@pytest.mark.parametrize("name", [*PAGES, "story", "evidence"])
def test_every_page_loads_clean_fits_a_phone_and_is_kept_as_a_screenshot(browser, name):
    chrome, base = browser
    if name in ("story", "evidence"):
        visit(chrome, base + "/today")
        chrome.click("li.story a.open")
        if name == "evidence":
            chrome.click("a.evidence")
        url = chrome.js("location.href")
    else:
        url = base + PAGES[name]
    visit(chrome, url)
    wide = chrome.screenshot(ARTIFACTS / f"{name}.png", 1200)
    phone = chrome.screenshot(ARTIFACTS / f"{name}-phone.png", PHONE)
    assert chrome.js("document.documentElement.scrollWidth") <= PHONE, f"{name} is wider than a phone"
    assert not chrome.errors, chrome.errors
    shots = os.environ.get("RIGHTSWATCH_DESK_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        shutil.copy(wide, Path(shots) / wide.name)
        if name in ("today", "story"):
            shutil.copy(phone, Path(shots) / phone.name)
    from PIL import Image
    assert Image.open(wide).size[0] == 1200 and Image.open(phone).size[0] == PHONE
