"""Pull title, text, date and canonical URL out of landed HTML or PDF bytes.

HTML is parsed once; the page's own structured data (JSON-LD, og:/article: meta, microdata) is
preferred where present, trafilatura finds the body and htmldate is the last resort for the date.
A page that holds no article (section front, tag page, episode list) raises NotAnArticle, an
ExtractError the pipeline counts as "not an article" rather than as unreadable."""
from __future__ import annotations

import codecs
import re
import warnings
import zlib
from collections import Counter

import trafilatura
from lxml import html as lxml_html

from core.report_index import report_index
from pipelines.extract import page_date, structured_data
from pipelines.extract.article_text import article_body
from pipelines.extract.extract_errors import ExtractError, NotAnArticle
from pipelines.extract.html_page import RULES, Block, Page, collect, norm, patterns
from pipelines.extract.pdf_text import extract_pdf
from pipelines.models import Extracted

__all__ = ["ExtractError", "NotAnArticle", "decode_html", "extract", "extract_html",
           "extract_pdf", "fragment_text", "unwrap"]

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Legacy encodings the region's sites still serve; tried when the declared one does not fit.
FALLBACK_ENCODINGS = ("utf-8", "cp1251", "koi8-r", "cp1254", "iso-8859-1")
NOT_PAGE_ENCODINGS = {"undefined", "punycode", "idna", "raw-unicode-escape", "unicode-escape", "utf-7",
                      "palmos", "mbcs", "oem"}
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
NOT_HEADLINE = patterns(RULES["title"]["not_headline"])
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|«|»|/)\s+")


def unwrap(body: bytes, max_bytes: int | None = None) -> bytes:
    """Gunzip a gzipped document (saved pages often are), refusing one that inflates past the cap."""
    if body[:2] != b"\x1f\x8b":
        return body
    max_bytes = max_bytes or MAX_DOCUMENT_BYTES
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        plain = inflate.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise ExtractError(f"broken gzip: {exc}") from None
    if len(plain) > max_bytes:
        raise ExtractError(f"document too large once unpacked (over {max_bytes} bytes)")
    if not inflate.eof:
        raise ExtractError("broken gzip: truncated")
    return plain


def decode_html(body: bytes, content_type: str = "") -> str:
    """Decode with the declared charset when it fits the bytes, else the first legacy one that does."""
    declared = []
    header = re.search(r"charset=([A-Za-z0-9_-]+)", content_type or "", re.I)
    if header:
        declared.append(header.group(1))
    meta = _CHARSET.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "ignore"))
    for encoding in [*[d for d in declared if _text_encoding(d)], *FALLBACK_ENCODINGS]:
        try:
            return body.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


def _text_encoding(name: str) -> bool:
    """A declared charset worth trying: a real text encoding, not one of Python's special
    codecs a page can name (`undefined` always raises, `punycode` and `idna` garble)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return info._is_text_encoding and info.name not in NOT_PAGE_ENCODINGS


def looks_binary(body: bytes) -> bool:
    sample = body[:2048]
    return b"\x00" in sample


def parse_html(text: str):
    """One lxml tree for everything: structured data, trafilatura and htmldate all read it."""
    try:
        text = _NOT_XML.sub(" ", _XML_DECLARATION.sub("", text, count=1))  # lxml refuses them in edited text
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except Exception as exc:
        raise ExtractError(f"unparseable HTML: {exc}") from None
    if tree is None or tree.find(".//body") is None:
        raise ExtractError("unparseable HTML: no body")
    for br in tree.iter("br"):  # so that text on either side of a <br> stays two words
        br.tail = "\n" + (br.tail or "")
    return tree


def extract_html(body: bytes, url: str = "", content_type: str = "") -> Extracted:
    body = unwrap(body)
    if not body.strip():
        raise ExtractError("empty document")
    if looks_binary(body):
        raise ExtractError("binary content, not HTML")
    tree = parse_html(decode_html(body, content_type))
    page = Page(tree)
    meta = structured_data.read(tree)
    if meta.is_listing:
        declared = sorted(meta.types & structured_data.LISTING_TYPES)[0]
        raise NotAnArticle(f"no article: the page declares itself a {declared}")
    title, title_element = choose_title(page, meta)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(tree, url=url or None, with_metadata=False,
                                          include_comments=False, include_tables=True)
    found = article_body(page, doc.body if doc is not None else None, title, title_element,
                         article_signals=meta.is_article or meta.og_type == "article")
    if found.listing:
        raise NotAnArticle(f"no article: {found.listing}")
    blocks = prefer_article_body(found.blocks, meta.body)
    text = "\n".join(b.text for b in blocks)
    if not text.strip():
        raise NotAnArticle("no article: no text found")
    published = page_date.published(page, meta, url, title_element, found.first_element)
    return Extracted(title=title, text=text, published=published, canonical_url=meta.canonical,
                     report_index=report_index(text))


def choose_title(page: Page, meta: structured_data.PageMeta) -> tuple[str, object | None]:
    """The visible headline when the page's metadata agrees with it, else the metadata's."""
    claims = [c for c in (meta.headline, meta.og_title, meta.title_tag) if c]
    headlines = [h for h in page.body.iter("h1")
                 if page.text(h) and not page.in_zone(h, NOT_HEADLINE)
                 and page.text(h).casefold() not in {s.casefold() for s in meta.site_names}]
    for h1 in headlines:
        if any(_same_title(page.text(h1), claim) for claim in claims):
            return page.text(h1), h1
    if len(headlines) == 1 and len(page.text(headlines[0]).split()) >= 4:
        return page.text(headlines[0]), headlines[0]  # the visible headline, whatever the SEO title says
    for claim in (meta.headline, _strip_site(meta.og_title, meta.site_names),
                  _strip_site(meta.title_tag, meta.site_names)):
        if claim:
            claim = norm(claim)
            return claim, page.find(claim)
    if headlines:
        return page.text(headlines[0]), headlines[0]
    return "", None


def _simple(text: str) -> str:
    return " ".join(re.sub(r"[\"'«»„“”‘’`]", "", text).casefold().split()).rstrip(" .…")


def _same_title(visible: str, claim: str) -> bool:
    a, b = _simple(visible), _simple(claim)
    if not a or not b:
        return False
    return a == b or (a in b and len(a) >= 0.4 * len(b)) or (b in a and len(b) >= 0.6 * len(a))


def _strip_site(title: str, site_names: list[str]) -> str:
    """'Headline | Site' -> 'Headline'; the site part is a known name or a short tail."""
    title = norm(title)
    names = {_simple(n) for n in site_names if n}
    for _ in range(3):
        separators = list(_TITLE_SEPARATOR.finditer(title))
        if not separators:
            break
        first, last = separators[0], separators[-1]
        tail, head = title[last.end():], title[:last.start()]
        if _simple(tail) in names or any(n and n in _simple(tail) for n in names) or \
                (len(tail.split()) <= 4 and len(head.split()) > len(tail.split())):
            title = head
            continue
        lead = title[:first.start()]
        if _simple(lead) in names:
            title = title[first.end():]
            continue
        break
    return title


def _grams(text: str, n: int = 4) -> Counter:
    words = text.casefold().split()
    return Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))


def prefer_article_body(blocks: list[Block], article_body_text: str) -> list[Block]:
    """When JSON-LD carries articleBody, trust it: use it when the page text misses a part of it
    (unless it is much shorter: a teaser), else keep the page's paragraphs minus long ones it lacks."""
    if len(article_body_text) < 200:
        return blocks
    claimed = _grams(article_body_text)
    page_text = " ".join(b.text for b in blocks)
    found = _grams(page_text)
    covered = sum((claimed & found).values()) / max(1, sum(claimed.values()))
    if covered < 0.9:
        if len(article_body_text) < 0.8 * len(page_text):
            return blocks  # a shorter articleBody that disagrees: a teaser or a truncated copy
        leads = [b for b in blocks if b.lead and norm(b.text) not in norm(article_body_text)]
        return leads + [Block(norm(p)) for p in article_body_text.splitlines() if p.strip()]
    kept = []
    for block in blocks:
        own = _grams(block.text)
        if block.lead or len(block.text.split()) < 8 or sum((own & claimed).values()) >= 0.2 * sum(own.values()):
            kept.append(block)
    return kept


def fragment_text(html_text: str) -> str:
    """The visible text of an HTML fragment (a feed's content), one line per block."""
    try:
        tree = lxml_html.document_fromstring(html_text, parser=_PARSER)
    except Exception:
        return ""
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    page = Page(tree)
    return "\n".join(b.text for b in collect(page, page.body))


def extract(body: bytes, url: str = "", content_type: str = "", max_bytes: int | None = None) -> Extracted:
    """Dispatch on content: PDF by header or type, everything else as HTML; `max_bytes` (default
    MAX_DOCUMENT_BYTES) caps the document, also once unpacked."""
    max_bytes = max_bytes or MAX_DOCUMENT_BYTES
    if len(body) > max_bytes:
        raise ExtractError(f"document too large ({len(body)} bytes)")
    plain = unwrap(body, max_bytes)
    if plain.startswith(b"%PDF-") or "pdf" in (content_type or "").lower() or url.lower().endswith(".pdf"):
        return extract_pdf(plain)
    return extract_html(plain, url=url, content_type=content_type)
