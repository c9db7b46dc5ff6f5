"""Pure parsers of what sources publish (feeds, sitemaps, listing pages), shared by the spiders
and `sources check`, so a check verdict means the crawler would find the same things."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag

import feedparser
from lxml import etree
from scrapy.utils.gz import gunzip

from core import dates
from core.dates import iso_utc
from core.report_index import report_index
from scrapers.xmlguard import EntitiesRefused, refuse_entities

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_GENERIC_LINK = re.compile(r"^\W*(download|pdf|read more|full report|скачать|завантажити|спампаваць)\b", re.I)


class NotParsable(ValueError):
    """The body is not the kind of document the source's kind promises."""


# -- feeds ---------------------------------------------------------------------------
@dataclass
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    summary: str | None = None
    content: str | None = None

    @property
    def lastmod(self) -> str | None:
        return self.updated or self.published


def feed_entries(body: bytes) -> list[FeedEntry]:
    """Entries of an RSS 2.0 / Atom feed (full text from content:encoded or atom:content)."""
    try:
        refuse_entities(body)
    except EntitiesRefused as exc:
        raise NotParsable(f"not a feed: {exc}") from None
    parsed = feedparser.parse(body)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("version") and not problem:
            return []
        raise NotParsable(f"not a feed: {str(problem or 'no feed elements')[:200]}")
    entries = []
    for entry in parsed.entries:
        content = entry.get("content") or []
        published = iso_utc(entry.get("published_parsed"))
        updated = iso_utc(entry.get("updated_parsed"))
        entries.append(FeedEntry(
            link=(entry.get("link") or "").strip(), title=entry.get("title"),
            published=published or updated, updated=updated if updated != published else None,
            summary=entry.get("summary"), content=content[0].get("value") if content else None))
    return entries


# -- sitemaps ------------------------------------------------------------------------
@dataclass
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    title: str | None = None  # news:title
    published: str | None = None  # news:publication_date


@dataclass
class Sitemap:
    kind: str  # "urlset", "sitemapindex" or "robots"
    entries: list[SitemapEntry] = field(default_factory=list)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_sitemap(body: bytes) -> Sitemap:
    """A sitemap, a sitemap index (either possibly gzipped), or robots.txt `Sitemap:` lines."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
        except Exception as exc:  # truncated or hostile archive
            raise NotParsable(f"bad gzip sitemap: {exc}"[:200]) from None
    try:
        refuse_entities(body)
    except EntitiesRefused as exc:
        raise NotParsable(f"not a sitemap: {exc}") from None
    head = body.lstrip()[:1]
    if head and head != b"<":
        found = re.findall(rb"(?im)^\s*sitemap:\s*(\S+)", body)
        if not found:
            raise NotParsable("not a sitemap: neither XML nor robots.txt with Sitemap lines")
        return Sitemap("robots", [SitemapEntry(u.decode("utf-8", "replace")) for u in found])
    parser = etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False,
                             no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise NotParsable(f"not a sitemap: {exc}"[:200]) from None
    kind = _local(root.tag) if root is not None else ""
    if kind not in ("urlset", "sitemapindex"):
        raise NotParsable(f"not a sitemap: root element '{kind or 'none'}'")
    sitemap = Sitemap(kind)
    for node in root:
        values: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "title", "publication_date") and child.text:
                values.setdefault(name, child.text.strip())
        if values.get("loc"):
            sitemap.entries.append(SitemapEntry(
                values["loc"], iso_utc(values.get("lastmod")), values.get("title"),
                iso_utc(values.get("publication_date"))))
    return sitemap


# -- listing pages -------------------------------------------------------------------
def article_links(response, pattern: re.Pattern) -> list:
    """(absolute URL, <a> selector) of every link on the page matching the article pattern."""
    found = []
    for link in response.css("a[href]"):
        href = link.attrib["href"].strip()
        if href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(response.urljoin(href))[0]
        if pattern.search(url):
            found.append((url, link))
    return found


def next_page(response, selector: str | None) -> str | None:
    if not selector:
        return None
    if "::attr" in selector or "::text" in selector:
        href = response.css(selector).get()
    else:
        found = response.css(selector)
        href = found[0].attrib.get("href") if found else None
    return response.urljoin(href) if href else None


def _block(link):
    return link.xpath("ancestor::*[self::li or self::article or self::tr or self::div][1]")


def text_date(text: str) -> str | None:
    """The first date written out in a listing entry (22 December 2017, 22 декабря 2017,
    2017-12-22, 22.12.2017), in the form seen-state compares."""
    found = dates.text_date(text)
    return iso_utc(found) if found else None


def report_hints(link, url: str) -> dict:
    """Title, publication date and index number (e.g. `EUR 04/7574/2017`) of one report entry."""
    block = _block(link)
    text = " ".join(" ".join(block.xpath(".//text()").getall()).split())
    title = " ".join(" ".join(link.xpath(".//text()").getall()).split())
    heading = block.xpath(".//*[self::h2 or self::h3 or self::h4][1]//text()").getall()
    if heading and (not title or _GENERIC_LINK.match(title)):
        title = " ".join(" ".join(heading).split())
    stamp = block.xpath(".//time/@datetime").get()
    return {"title": title or None, "report_index": report_index(text, url),
            "published": iso_utc(stamp) if stamp else text_date(text)}


def page_report_hints(response) -> dict:
    """The same hints read from a report's own HTML page (title, date, index number)."""
    text = " ".join(" ".join(response.xpath("//body//text()").getall()).split())
    title = (response.css("h1::text").get() or response.css("title::text").get() or "").strip()
    stamp = response.xpath("//time/@datetime").get() or response.xpath(
        "//meta[@property='article:published_time']/@content").get()
    return {"title": title or None, "report_index": report_index(text, response.url),
            "published": iso_utc(stamp) if stamp else text_date(text)}
