"""The desk over HTTP, started as an analyst starts it (`rightswatch serve`): every page answers,
hostile names are inert, nothing is written (also while `ingest` writes beside it), SQL goes
through the sandbox, downloads hold what the page shows, and a non-loopback address is warned about."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import urllib.parse

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.support.cli import run_cli
from tests.support.desk import HOSTILE_ID, get, requested_without_pause, serving
from tests.support.project import free_port

PAGES = ["/today", "/coverage", "/sources", "/sql", "/sql?q=SELECT+count(*)+AS+n+FROM+articles"]


@pytest.fixture(scope="module")
def desk(desk_home):
    home, changed = desk_home
    with serving(home) as (base, _):
        yield base, home, changed


def text_of(base: str, path: str, status: int = 200) -> str:
    code, headers, body = get(base + path)
    assert code == status, (path, code, body[:500])
    if code == 200 and path != "/desk.css":
        assert "script-src" not in headers["content-security-policy"]
        assert headers["content-security-policy"].startswith("default-src 'none'")
    return body.decode("utf-8")


def story_links(html: str) -> list[str]:
    return re.findall(r'href="(/story/[0-9a-zA-Z_-]+)"', html)


def test_every_page_answers_and_links_onward(desk):
    base, _, _ = desk
    for path in PAGES:
        assert "<nav" in text_of(base, path)
    assert get(base + "/")[0] == 200  # redirected to Today
    today = text_of(base, "/today")
    links = story_links(today)
    assert len(links) >= 15
    story = text_of(base, links[0])
    assert "Articles in the order they appeared" in story and 'class="evidence"' in story


def test_a_script_in_a_title_or_a_source_name_is_shown_as_text(desk):
    base, _, _ = desk
    today = text_of(base, "/today")
    assert "<script>" not in today and "&lt;script&gt;document.title=" in today
    ours = next(link for link in story_links(today)
                if "document.title" in text_of(base, link))
    story = text_of(base, ours)
    assert "<script>" not in story and "&lt;script&gt;" in story
    sources = text_of(base, "/sources")
    assert "<script>" not in sources and "<img" not in sources
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sources and "onerror" in sources  # as text
    row = re.search(rf'<tr data-source="{HOSTILE_ID}" data-state="(\w+)">(.*?)</tr>', sources, re.S)
    assert row.group(1) == "broken" and "http_404</span> 6" in row.group(2) and "timeout</span> 3" in row.group(2)
    shown = text_of(base, "/sql?" + urllib.parse.urlencode({"q": "SELECT name, title FROM sources JOIN articles "
                                                            f"USING (source_id) WHERE source_id = '{HOSTILE_ID}'"}))
    result = shown.split("</textarea>", 1)[1]
    assert "<script>" not in result and result.count("&lt;script&gt;") == 2


def test_the_story_page_orders_articles_marks_roles_and_versions(desk):
    base, home, changed = desk
    rows = json.loads(run_cli("sql", f"SELECT cluster_id FROM articles WHERE article_id = '{changed}'",
                              "--format", "json", home=home).stdout)
    story = text_of(base, f"/story/{rows[0]['cluster_id']}")
    roles = re.findall(r'data-role="([^"]+)"', story)
    assert roles[0] == "first report" and roles.count("first report") == 1
    assert f'href="/evidence/{changed}?version=2"' in story and "changed" in story
    assert f'href="/evidence/{changed}?version=3"' in story and "taken down" in story
    assert "relevant for:" in story
    big = json.loads(run_cli("sql", "SELECT cluster_id FROM clusters WHERE len(languages) >= 3 LIMIT 1",
                             "--format", "json", home=home).stdout)[0]["cluster_id"]
    assert "translation" in re.findall(r'data-role="([^"]+)"', text_of(base, f"/story/{big}"))


def test_the_archived_response_is_the_warc_record_of_the_article(desk):
    base, home, changed = desk
    page = text_of(base, f"/evidence/{changed}")
    url = re.search(r'<tr><th>URL</th><td><a href="([^"]+)"', page).group(1)
    assert "WARC file" in page and ".warc.gz" in page
    code, headers, record = get(base + f"/evidence/{changed}/record.warc.gz")
    assert code == 200 and headers["content-type"] == "application/warc"
    records = list(ArchiveIterator(io.BytesIO(record)))
    assert len(records) == 1 and records[0].rec_headers.get_header("WARC-Target-URI") == url
    code, headers, body = get(base + f"/evidence/{changed}/body.txt")
    assert code == 200 and headers["content-type"].startswith("text/plain") and b"<html" in body.lower()
    assert "sandbox" in headers["content-security-policy"]
    assert "No such article or version" in text_of(base, f"/evidence/{changed}?version=9", 404)


def test_coverage_csv_holds_exactly_the_tables_shown(desk):
    base, _, _ = desk
    page = text_of(base, "/coverage?from=2026-10-20&to=2026-11-30")
    for part, table_id in (("topics", None), ("languages", "table-languages")):
        href = re.search(rf'id="csv-{part}" href="([^"]+)"', page).group(1).replace("&amp;", "&")
        code, headers, body = get(base + href)
        assert code == 200 and "attachment" in headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        tables = re.findall(r'<details id="(table-[^"]+)">.*?<tbody>(.*?)</tbody>', page, re.S)
        shown = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
                 for tid, body_html in tables if (tid == table_id if table_id else tid != "table-languages")
                 for tr in re.findall(r"<tr>(.*?)</tr>", body_html)]
        got = [[r[0], *r[2:]] for r in rows[1:]] if part == "topics" else rows[1:]
        assert got == shown and len(got) >= 42
        assert any(int(v) for r in got for v in r[1:])


def test_sql_goes_through_the_sandbox_and_downloads_every_row(desk):
    base, _, _ = desk
    refused = text_of(base, "/sql?" + urllib.parse.urlencode({"q": "DELETE FROM articles"}), 400)
    assert "read-only" in refused
    files = text_of(base, "/sql?" + urllib.parse.urlencode({"q": "SELECT * FROM read_text('/etc/hostname')"}), 400)
    assert "reads only the warehouse" in files
    query = "SELECT article_id, title FROM articles ORDER BY article_id"
    total = int(re.search(r"<td>(\d+)</td>", text_of(base, "/sql?q=SELECT+count(*)+FROM+articles")).group(1))
    page = text_of(base, "/sql?" + urllib.parse.urlencode({"q": query, "rows": "50"}))
    assert "the query has more" in page and page.count("<tr><td>") == 50
    code, _, body = get(base + "/sql.csv?" + urllib.parse.urlencode({"q": query}))
    assert code == 200 and len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) == 1 + total
    code, _, body = get(base + "/sql.json?" + urllib.parse.urlencode({"q": query}))
    assert code == 200 and len(json.loads(body)) == total


def test_bad_parameters_are_named_and_unknown_things_are_404(desk):
    base, _, _ = desk
    assert "since: not a date" in text_of(base, "/today?since=yesterday", 400)
    assert "country: not a region country code" in text_of(base, "/coverage?country=XX", 400)
    text_of(base, "/story/nope", 404)
    text_of(base, "/evidence/nope", 404)
    assert get(base + "/sql.exe?q=1")[0] == 404
    # a page elsewhere whose name was made to point here (DNS rebinding) sends its own Host: refused
    assert get(base + "/today", headers={"Host": "rebound.example"})[0] == 400


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_serving_writes_nothing_and_a_writer_loads_while_it_serves(desk, tmp_path):
    base, home, _ = desk
    warehouse = home / "warehouse.duckdb"
    before = _digest(warehouse)
    for path in PAGES:
        text_of(base, path)
    assert _digest(warehouse) == before
    records = tmp_path / "more.jsonl"
    records.write_text(json.dumps({"url": "https://dala.example.kz/news/serve-1", "title": "Шымкентте пикет өтті",
                                   "text": "Шымкентте бейбіт жиналыс бостандығы үшін пикет өтті. Полиция үш "
                                           "белсендіні ұстады.", "published": "2026-11-20", "language": "kk"},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    with requested_without_pause(base, PAGES) as statuses:
        result = run_cli("ingest", str(records), home=home)
    assert result.returncode == 0, result.stderr
    assert statuses and set(statuses) == {200}
    found = text_of(base, "/sql?" + urllib.parse.urlencode({"q": "SELECT title FROM articles WHERE url LIKE '%serve-1'"}))
    assert "Шымкентте пикет өтті" in found  # the kept connection gave way to the load, then reopened


def test_serve_on_another_address_warns_and_a_token_is_required(desk_home):
    home, _ = desk_home
    # a documentation address (TEST-NET-1) no interface has: the warning comes before the bind fails,
    # so no test ever listens beyond loopback
    elsewhere = run_cli("serve", "--host", "192.0.2.1", "--port", str(free_port()), home=home)
    assert "no login" in elsewhere.stderr and "--token" in elsewhere.stderr
    assert elsewhere.returncode == 2 and "cannot listen on 192.0.2.1" in elsewhere.stderr
    with serving(home, "--token", "s3cret-tok") as (base, _):
        base_plain = base
        assert get(base_plain + "/today")[0] == 401
        assert get(base_plain + "/today?token=wrong")[0] == 401
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(base_plain + "/today?token=s3cret-tok", timeout=30) as response:
            assert response.status == 200 and "New stories since" in response.read().decode("utf-8")
        with opener.open(base_plain + "/sources", timeout=30) as response:  # the cookie carries it on
            assert response.status == 200


def test_serve_help_names_its_options_and_a_home_without_warehouse_is_refused(tmp_path):
    shown = run_cli("serve", "--help")
    assert all(o in shown.stdout for o in ("--port", "--host", "--token", "--alerts"))
    empty = run_cli("serve", "--port", str(free_port()), home=tmp_path / "none")
    assert empty.returncode == 2 and "no warehouse" in empty.stderr and len(empty.stderr.strip().splitlines()) == 1
    assert run_cli("serve", "--port", "70000", home=tmp_path / "none").returncode == 2


def test_search_finds_kazakh_cyrillic_from_latin_and_offers_the_search_as_a_watch(desk):
    import html
    import tomllib

    from pipelines.search import watches

    base, _, _ = desk
    page = text_of(base, "/search?" + urllib.parse.urlencode({"q": "belsendi ustaldy", "country": "KZ"}))
    hits = re.findall(r'<li class="hit" data-cluster="(\w+)">.*?lang="kk">([^<]+)</a>', page, re.S)
    assert hits and all(re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", title) for _, title in hits)
    assert "<mark>белсенді" in page.split('id="hits"', 1)[1]
    hostile = text_of(base, "/search?" + urllib.parse.urlencode({"q": "document pwned OR белсенділері"}))
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    snippet = html.unescape(re.search(r'<pre class="body" id="watch">(.*?)</pre>', page, re.S).group(1))
    parsed = watches.parse(tomllib.loads(snippet)["watches"], "pasted", set())
    assert parsed[0].query == "belsendi ustaldy" and parsed[0].countries == ("KZ",)
    bad = text_of(base, "/search?q=" + urllib.parse.quote('(митинг OR "жиын'), 400)
    assert 'id="error"' in bad and "position" in bad
