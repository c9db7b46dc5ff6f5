"""Hypothesis settings and input generators for the fuzz tests: raw bytes, plus inputs built from
fragments of the real formats (HTML, RSS, sitemaps, JSON lines, TOML) so the parsers get past
their first byte.

RIGHTSWATCH_FUZZ_EXAMPLES sets the examples per target (CI: 200; `make fuzz-long`: 1500).
Runs are derandomized: the same examples every time, so a failure in CI reproduces."""
from __future__ import annotations

import gzip
import json
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RIGHTSWATCH_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

WORDS = ["Бишкек", "митинг", "укук", "правозащитники", "Тбилиси", "hrajanutyun", "ქართული",
         "Հայաստան", "protest", "свобода", "шеру", "2026-11-20", "&amp;", "&#x41;", "&bogus;", "\u200b",
         "\ufeff", "\x00", "\ud7ff", "é", "\r\n", "  ", "<", ">", "]]>", "<!--", "-->"]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300) | \
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
TAGS = ["html", "head", "body", "title", "h1", "p", "article", "time", "meta", "script", "a", "div",
        "main", "br", "style", "table", "td", "iframe", "svg", "rss", "channel", "item", "link",
        "entry", "feed", "urlset", "url", "loc", "lastmod", "sitemapindex", "sitemap", "pubDate",
        "content:encoded", "news:title", "!DOCTYPE", "?xml"]


@st.composite
def markup(draw) -> bytes:
    """Tag soup from real element names, attributes and text: open, close, never balanced on purpose."""
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            attr = draw(st.sampled_from(["href", "content", "charset", "datetime", "property", "rel"]))
            parts.append(f'<{tag} {attr}="{draw(text)}">')
        else:
            parts.append(draw(text))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1", "koi8-r"]))
    raw = "".join(parts).encode(encoding, "ignore")
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, max(0, len(raw))))]  # truncated
    return gzip.compress(raw) if draw(st.integers(0, 9)) == 0 else raw


documents = st.binary(max_size=2000) | markup()


@st.composite
def jsonl_bytes(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        value = draw(st.one_of(
            st.fixed_dictionaries({}, optional={k: st.one_of(text, st.integers(), st.none(), st.lists(text, max_size=2))
                                                for k in ("url", "title", "text", "published", "source", "language")}),
            st.recursive(st.none() | st.booleans() | st.floats() | text,
                         lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                         max_leaves=8)))
        line = json.dumps(value, ensure_ascii=draw(st.booleans()))
        if draw(st.integers(0, 4)) == 0:
            line = line[: draw(st.integers(0, len(line)))]
        lines.append(line)
    raw = "\n".join(lines).encode("utf-8")
    return raw if draw(st.integers(0, 5)) else draw(st.binary(max_size=200))


KEYS = ["id", "name", "kind", "url", "country", "languages", "category", "enabled", "max_items",
        "article_pattern", "next_page", "schedule", "notes", "cms", "bogus"]
VALUES = st.one_of(text.map(json.dumps), st.integers(-5, 10**20).map(str), st.booleans().map(str).map(str.lower),
                   st.sampled_from(['"feed"', '"sitemap"', '"listing"', '"KG"', '"news"', '"[("', '["ky"]',
                                    '"https://example.org/rss"', "[]", "{}", '"pangea"', "1979-05-27"]))


@st.composite
def toml_bytes(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        lines.append(draw(st.sampled_from(["[[sources]]", "[sources]", "[[source]]", "[x]"])))
        for key in draw(st.lists(st.sampled_from(KEYS), max_size=12)):
            lines.append(f"{key} = {draw(VALUES)}")
    raw = "\n".join(lines).encode("utf-8")
    return raw if draw(st.integers(0, 5)) else draw(st.binary(max_size=200))
