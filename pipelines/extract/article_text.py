"""Which blocks of a page are the article: trafilatura's choice, cleaned of the boilerplate it kept,
completed with the lead it dropped and the parts of a body split by ad slots or inserts; and
whether the page is an article at all (a section front or episode list is a list of teasers)."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.extract.html_page import (BODY, BOILERPLATE, BOILERPLATE_TAGS, HEADINGS, LEAD, Block, Page, collect,
                                 common_ancestor, is_prose, norm)

HEADLINE_LINK = 20  # characters: a link this long is a headline, not a menu item
MIN_ARTICLE = 150  # characters of text below which a page has no article
def _flat(node) -> str:
    """Text of a trafilatura output node, a line break (<lb/>) read as a space."""
    parts = [node.text or ""]
    for child in node:
        parts.append(" " if child.tag == "lb" else _flat(child))
        parts.append(child.tail or "")
    return "".join(parts)


def trafilatura_blocks(body) -> list[str]:
    """Paragraphs of trafilatura's output tree: p, head, item, quote text; table rows as one line."""
    found: list[str] = []

    def walk(node):
        tag = node.tag
        if tag == "row" and not node.xpath(".//p|.//head|.//list|.//table"):
            line = " ".join(filter(None, (norm(_flat(c)) for c in node)))
            if line:
                found.append(line)
            return
        structural = [c for c in node if c.tag in ("p", "head", "list", "item", "quote", "table", "row",
                                                    "cell", "div", "code")]
        if tag != "body" and not structural:
            text = norm(_flat(node))
            if text:
                found.append(text)
            return
        if node.text and node.text.strip():
            found.append(norm(node.text))
        for child in node:
            walk(child)
            if child.tail and child.tail.strip():
                found.append(norm(child.tail))

    if body is not None:
        walk(body)
    return found


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)
    container: object | None = None
    listing: str = ""  # why the page is not an article, when it is not

    @property
    def first_element(self):
        return next((b.element for b in self.blocks if b.element is not None and not b.lead), None)


def article_body(page: Page, trafilatura_body, title: str, title_element, article_signals: bool) -> Body:
    """trafilatura's paragraphs mapped onto the page, cleaned, completed, in document order."""
    blocks = [Block(t, page.find(t)) for t in trafilatura_blocks(trafilatura_body)]
    if not blocks:
        blocks = _known_container(page)
    elif len(blocks) <= 2 and sum(len(b.text) for b in blocks) >= 0.8 * len(page.text(page.body)):
        blocks = collect(page, page.body)  # trafilatura gave up and returned the whole page as one blob
    total = sum(len(b.text) for b in blocks) or 1
    container = common_ancestor([b.element for b in blocks])
    kept = [b for b in blocks if not _is_boilerplate(page, b, container, total)]
    title_norm = norm(title).casefold()
    kept = [b for b in kept if b.text.casefold() != title_norm]
    narrower = common_ancestor([b.element for b in kept])
    container = narrower if narrower is not None else container
    body = Body([], container)
    _add(page, body, kept)
    if not article_signals:
        body.listing = _listing(page, blocks, kept)
        if body.listing:
            return body
    _add(page, body, _split_parts(page, body))
    _add(page, body, _leads(page, body, title_norm, title_element))
    return body


def _is_boilerplate(page: Page, block: Block, container, total: int) -> bool:
    element = block.element
    if element is None:
        return False
    node = element
    while node is not None and node is not container and node is not page.body:
        if node.tag in BOILERPLATE_TAGS or page.matches(node, BOILERPLATE):
            if len(page.text(node)) < 0.5 * total:
                return True
        node = node.getparent()
    return len(block.text) < 300 and page.link_density(element) > 0.5


def _known_container(page: Page) -> list[Block]:
    """When trafilatura finds nothing: the first CMS body container that holds prose."""
    for element in page.body.iter("div", "section", "article"):
        if page.matches(element, BODY) and not page.in_zone(element, BOILERPLATE):
            blocks = [b for b in collect(page, element) if b.text]
            if any(is_prose(b.text) for b in blocks):
                return blocks
    return []


def _add(page: Page, body: Body, extra: list[Block]) -> None:
    """Merge blocks into document order; text already present is not added twice."""
    seen: set[str] = set()
    joined = " ".join(b.text for b in body.blocks)
    fresh = []
    for block in extra:
        if block.text not in seen and (not joined or block.text not in joined):
            fresh.append(block)
            seen.add(block.text)
    extra = fresh
    order = page.order
    keyed, last = [], -1.0
    for index, block in enumerate(body.blocks):
        position = order.get(block.element, -1) if block.element is not None else -1
        last = position if position >= 0 else last + 1e-3
        keyed.append((last, 0, index, block))
    for index, block in enumerate(extra):
        keyed.append((order.get(block.element, 0), -1 if block.lead else 1, index, block))
    body.blocks = [k[3] for k in sorted(keyed, key=lambda k: (k[0], k[1], k[2]))]


def _split_parts(page: Page, body: Body) -> list[Block]:
    """Body parts trafilatura left behind: elements shaped like its container (same tag and class)."""
    container = body.container
    if container is None or container is page.body or not page.words(container):
        return []
    found: list[Block] = []
    signature = (container.tag, page.words(container))
    parent = container.getparent()
    depth = _depth(container)
    candidates = [e for e in page.body.iter(container.tag)
                  if e is not container and page.words(e) == signature[1] and _depth(e) == depth]
    if parent is not None and parent is not page.body and page.words(parent):
        candidates += [s for s in parent.itersiblings() if s.tag == parent.tag and page.words(s) == page.words(parent)]
        candidates += [s for s in parent.itersiblings(preceding=True)
                       if s.tag == parent.tag and page.words(s) == page.words(parent)]
    inside = set(container.iter())
    ancestors = set(container.iterancestors())
    for element in candidates:
        if element in inside or element in ancestors or \
                page.in_zone(element, BOILERPLATE, stop=page.shared(element, container)):
            continue
        if page.link_density(element) > 0.3:
            continue
        blocks = [b for b in collect(page, element) if is_prose(b.text) or b.element.tag in HEADINGS]
        if any(is_prose(b.text) for b in blocks):
            found += blocks
    return found


def _depth(element) -> int:
    return sum(1 for _ in element.iterancestors())


def _leads(page: Page, body: Body, title_norm: str, title_element) -> list[Block]:
    """Standfirst / intro / dek blocks between the title and the body that the body lacks."""
    first = body.first_element
    if first is None:
        return []
    order = page.order
    end = order.get(first, 0)
    start = order.get(title_element, -1) if title_element is not None else end - 80
    present = " ".join(b.text for b in body.blocks).casefold()
    found: list[Block] = []
    for element in page.body.iter():
        position = order.get(element, -1)
        if position <= start:
            continue
        if position >= end:
            break
        if not isinstance(element.tag, str) or not page.matches(element, LEAD):
            continue
        if first in set(element.iter()) or (title_element is not None and title_element in set(element.iter())):
            continue
        if page.in_zone(element, BOILERPLATE, stop=page.shared(element, first), tags=BOILERPLATE_TAGS):
            continue
        text = page.text(element)
        if not 25 <= len(text) <= 1500 or text.casefold() == title_norm or text.casefold() in present:
            continue
        if page.link_density(element) > 0.5 or any(text in b.text for b in found):
            continue
        found.append(Block(text, element, lead=True))
    return found


def _listing(page: Page, found: list[Block], kept: list[Block]) -> str:
    """A reason when the page is a list of other pages (section front, tag page, episode list):
    its text sits in repeated teasers, each holding a headline link to another page."""
    text = sum(len(b.text) for b in kept)
    if text < MIN_ARTICLE:
        return f"only {text} characters of text"
    text = sum(len(b.text) for b in found)
    teasers, in_teasers = set(), 0
    for block in found:
        teaser = _teaser(page, block.element)
        if teaser is not None:
            teasers.add(teaser)
            in_teasers += len(block.text)
    if len(teasers) >= 3 and in_teasers >= 0.6 * text:
        return f"a list of {len(teasers)} teasers linking to other pages"
    return ""


def _teaser(page: Page, element):
    """The nearest small ancestor holding a headline link: the block's own headline, or one beside it.
    A link inside running prose does not make a paragraph a teaser."""
    if element is None:
        return None
    own = len(page.text(element))
    inside = set(element.iter("a"))
    for node in [element, *element.iterancestors()]:
        if node is page.body or len(page.text(node)) > own + 600:
            return None
        if node.tag == "a" and len(page.text(node)) >= HEADLINE_LINK:
            return node.getparent() if node.getparent() is not None else node
        for link in node.iter("a"):
            words = page.text(link)
            if len(words) < HEADLINE_LINK or (link.get("href") or "#")[:1] == "#":
                continue
            if link in inside and len(words) < 0.8 * own and not _standalone(link):
                continue
            return node
    return None


def _standalone(link) -> bool:
    """A link set apart as its own line (a headline), not a few words inside running text."""
    parent = link.getparent()
    if parent is None:
        return True
    own = (parent.text or "") + "".join(child.tail or "" for child in parent)
    return len(own.strip()) < 3
