"""Watches over a real DuckDB file and a real SMTP server: a story matched once (its passage marked
in the mail and the attached page), never twice, a later article in a new language one "spreads"
line, only the watch's recipients told, and the watch's Atom feed read by feedparser."""
from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from pipelines.alerts.alert_config import parse
from pipelines.clean import article_id, content_hash
from pipelines.models import Article, Batch
from tests.support.mail import smtp_server
from warehouse import db, load
from workflows.alerts import run_alerts
from workflows.settings import Settings
from workflows.watches import trial

NOW = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def article(n, text, cluster=None, lang="ru", source="dala", countries=("KG",)) -> Article:
    url = f"https://{source}.example/w/{n}.html"
    aid = article_id(url)
    return Article(article_id=aid, url=url, canonical_url=url, source_id=source, title=text.split(".")[0],
                   text=text, published_at=NOW - timedelta(hours=5), first_seen_at=NOW - timedelta(hours=4),
                   language=lang, script="Cyrl", language_score=0.99, topics=["assembly"],
                   countries=list(countries), organizations=[], relevance=0.2,
                   content_hash=content_hash(text), cluster_id=cluster or aid)


RU = article(1, "Суд в Бишкеке арестовал активиста Тохтахунова. Адвокат Тохтахунова обжалует решение.")
OTHER = article(2, "В Бишкеке прошёл фестиваль плова. Повара из Оша победили.", source="alatoo")
KK = article(3, "Бішкекте сот белсенді Тохтахуновты қамауға алды. Адвокаты шағым түсірмек.",
             cluster=RU.article_id, lang="kk", source="dala-kk")


def config(port: int):
    return parse(f"""
[recipients.desk]
urls = ["mailto://127.0.0.1:{port}?from=bot@example.com&to=desk@example.com"]
[recipients.board]
urls = ["mailto://127.0.0.1:{port}?from=bot@example.com&to=board@example.com"]

[[watches]]
name = "tokhtakhunov"
query = 'Toxtaxunov OR "Tokhtakhunov case"'
recipients = ["desk"]
countries = ["KG"]
""", "alerts.toml")


def load_all(home, *articles):
    with db.writer(Settings(home).warehouse) as con:
        load.load_batch(con, Batch(f"r{articles[0].url[-6]}", len(articles), list(articles)))


def mails_to(inbox, address):
    return [m for m in inbox.messages if m["To"] == address]


def html_of(mail) -> str:
    return next(mail.iter_attachments()).get_payload(decode=True).decode("utf-8")


@pytest.fixture
def smtp():
    with smtp_server() as (port, inbox):
        yield port, inbox


def test_a_watch_alerts_each_story_once_then_spreads_with_the_passage_marked(tmp_path, smtp):
    port, inbox = smtp
    rules = config(port)
    load_all(tmp_path, RU, OTHER)
    first = run_alerts(Settings(tmp_path), config=rules, send=True, environ={}, now=NOW)
    assert first.counts["watch"] == 1 and not first.failed
    desk = mails_to(inbox, "desk@example.com")
    assert len(desk) == 1
    markdown = first.paths[[p.suffix for p in first.paths].index(".md")].read_text(encoding="utf-8")
    assert "**tokhtakhunov**" in markdown and "> Суд в Бишкеке арестовал активиста **Тохтахунова**" in markdown
    body = desk[0].get_body(preferencelist=("html",)).get_content()  # the Markdown body, as mailed
    assert "<strong>Тохтахунова</strong>" in body  # the Latin query met the Cyrillic name's form
    assert "<mark>Тохтахунова</mark>" in html_of(desk[0]) and "плова" not in html_of(desk[0])
    assert all("tokhtakhunov" not in html_of(m) for m in mails_to(inbox, "board@example.com"))

    again = run_alerts(Settings(tmp_path), config=rules, send=True, environ={}, now=NOW + timedelta(minutes=5))
    assert again.counts["watch"] == 0 and len(mails_to(inbox, "desk@example.com")) == 1

    load_all(tmp_path, KK)
    spread = run_alerts(Settings(tmp_path), config=rules, send=True, environ={}, now=NOW + timedelta(minutes=10))
    assert spread.counts["watch"] == 1
    page = html_of(mails_to(inbox, "desk@example.com")[-1])
    assert 'data-line="spreads"' in page and "spreads to" in page

    feed = feedparser.parse((tmp_path / "reports" / "feeds" / "tokhtakhunov.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert len(feed.entries) == 1  # one entry per story: the spread updated it
    entry = feed.entries[0]
    assert entry.id == f"urn:rightswatch:feed:tokhtakhunov:story:{RU.cluster_id}"
    assert "<strong>Тохтахунова</strong>" in entry.content[0].value and "spreads to kk" in entry.content[0].value
    digest = feedparser.parse((tmp_path / "reports" / "feeds" / "digest.xml").read_bytes())
    assert not digest.bozo and digest.feed.title.startswith("rightswatch")


def test_watches_test_shows_what_a_watch_would_have_matched(tmp_path):
    rules = config(2525)
    load_all(tmp_path, RU, OTHER, KK)
    result = trial(Settings(tmp_path), rules, "tokhtakhunov")
    assert [h.cluster_id for h in result.hits] == [RU.cluster_id] and result.alerted == {}
    assert sorted(result.hits[0].languages) == ["kk", "ru"]
    assert trial(Settings(tmp_path), rules, "tokhtakhunov", now=NOW + timedelta(days=31)).hits == []
