"""What a page says about itself: JSON-LD, Open Graph / article: meta and microdata, read once.

Publishers fill these for search engines, so they are usually more reliable than anything
inferred from the layout: the extractor prefers them and falls back to the page body."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
    "socialmediaposting", "liveblogposting", "scholarlyarticle", "report", "techarticle",
    "pressrelease",
})
LISTING_TYPES = frozenset({
    "collectionpage", "itemlist", "searchresultspage", "profilepage", "creativeworkseries",
    "podcastseries", "tvseries", "radioseries", "periodical", "blog",
})
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.created",
    "dc.date", "sailthru.date", "parsely-pub-date", "article.published", "date",
)
_TAGS = re.compile(r"<[^>]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class PageMeta:
    """The page's own claims; every field may be missing."""

    types: set[str] = field(default_factory=set)  # lower-case schema.org @type values seen
    headline: str = ""  # JSON-LD or microdata headline of the article node
    og_title: str = ""
    title_tag: str = ""
    site_names: list[str] = field(default_factory=list)
    published: str = ""  # raw date string, best source first
    body: str = ""  # JSON-LD / microdata articleBody
    og_type: str = ""
    canonical: str | None = None

    @property
    def is_article(self) -> bool:
        return bool(self.types & ARTICLE_TYPES)

    @property
    def is_listing(self) -> bool:
        return bool(self.types & LISTING_TYPES) and not self.is_article


def read(tree) -> PageMeta:
    """Collect JSON-LD nodes, meta tags and microdata from a parsed page."""
    meta = PageMeta()
    nodes = [n for text in tree.xpath('//script[@type="application/ld+json"]/text()') for n in _nodes(text)]
    article = None
    for node in nodes:
        types = _types(node)
        meta.types |= types
        if article is None and types & ARTICLE_TYPES:
            article = node
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            meta.site_names.append(publisher["name"])
        if types & {"website", "organization", "newsmediaorganization"} and isinstance(node.get("name"), str):
            meta.site_names.append(node["name"])
    if article is not None:
        meta.headline = _text(article.get("headline")) or _text(article.get("name"))
        meta.published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
        meta.body = _plain(_text(article.get("articleBody")))
    tags = _meta_tags(tree)
    meta.og_title = tags.get("og:title") or tags.get("twitter:title") or ""
    meta.og_type = (tags.get("og:type") or "").lower()
    if tags.get("og:site_name"):
        meta.site_names.insert(0, tags["og:site_name"])
    if not meta.published:
        meta.published = next((tags[name] for name in _DATE_META if tags.get(name)), "")
    _microdata(tree, meta)
    meta.title_tag = " ".join(tree.xpath("string(//head/title)").split()) or \
        " ".join(tree.xpath("string((//title)[1])").split())
    meta.canonical = _canonical(tree)
    return meta


def _nodes(text: str) -> list[dict]:
    """Every object in one JSON-LD script: top level, arrays, @graph and nested @graph."""
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:].rsplit("-->", 1)[0]
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    try:
        data = json.loads(text, strict=False)
    except RecursionError:  # nested past any real page's data: ignore it, read the page without it
        return []
    except ValueError:
        try:
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", _CONTROL.sub(" ", text)), strict=False)
        except (ValueError, RecursionError):
            return []
    found, stack = [], [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                stack.insert(0, item["@graph"])
            main = item.get("mainEntity")
            if isinstance(main, (dict, list)):
                stack.append(main)
    return found


def _types(node: dict) -> set[str]:
    value = node.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    return value.strip() if isinstance(value, str) else ""


def _plain(text: str) -> str:
    """articleBody sometimes carries HTML or entities; keep the words and the paragraph breaks."""
    if "<" in text:
        text = re.sub(r"(?i)<\s*(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", text)
        text = _TAGS.sub(" ", text)
    return html.unescape(text).strip()


def _meta_tags(tree) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content", "").strip()
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _microdata(tree, meta: PageMeta) -> None:
    """schema.org microdata on the article element: itemprop headline, datePublished, articleBody."""
    scopes = tree.xpath('//*[@itemscope][contains(translate(@itemtype, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                        '"abcdefghijklmnopqrstuvwxyz"), "article") or contains(@itemtype, "Report")]')
    for scope in scopes[:1]:
        itemtype = scope.get("itemtype", "").rsplit("/", 1)[-1].lower()
        if itemtype:
            meta.types.add(itemtype)
        if not meta.headline:
            found = scope.xpath('.//*[@itemprop="headline"]')
            if found:
                meta.headline = found[0].get("content") or " ".join(found[0].text_content().split())
        if not meta.published:
            found = scope.xpath('.//*[@itemprop="datePublished"]')
            if found:
                meta.published = found[0].get("content") or found[0].get("datetime") or ""


def _canonical(tree) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and found[0].strip():
            return found[0].strip()
    return None
