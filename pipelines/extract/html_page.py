"""One parsed HTML page and the facts about its elements the extractor asks for more than once:
class names as words, normalised text, document order, and where a paragraph's text sits.

Class-name patterns live in extract_rules.toml; nothing here knows any one site."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

RULES = tomllib.loads((Path(__file__).parent / "extract_rules.toml").read_text(encoding="utf-8"))


def patterns(words: list[str]) -> re.Pattern:
    """One regex finding any of the word sequences among an element's class/id words."""
    return re.compile("|".join(re.escape(f" {w} ") for w in words))


BOILERPLATE = patterns(RULES["boilerplate"]["patterns"])
LEAD = patterns(RULES["lead"]["patterns"])
BODY = patterns(RULES["body"]["patterns"])
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "select", "input", "textarea",
                              "iframe", "noscript", "script", "style", "template", "svg", "figcaption",
                              "label", "audio", "video", "object", "embed", "canvas", "menu"})
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
                        "div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead",
                        "tr", "td", "th", "header", "figure", "center", "address", "details", "hr", "br"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TEXT_INDEXED = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th",
                 "div", "section", "center", "cite", "tr")
_HOLDERS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "pre", "div", "section", "article", "span",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "main", "center", "font", "a", "strong", "b")
_SPLIT_WORDS = re.compile(r"[\W_]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”“'’)\]]\s*$")
MAX_SEARCHES = 60  # paragraphs located by substring search per page (the rest stay unplaced)


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Block:
    text: str
    element: object | None = None
    lead: bool = False


class Page:
    """One parsed page with the per-element facts the extractor asks for more than once."""

    def __init__(self, tree):
        self.tree = tree
        self.body = tree.find(".//body") if tree.tag != "body" else tree
        if self.body is None:
            self.body = tree
        self._words: dict = {}
        self._order: dict | None = None
        self._text: dict = {}
        self._index: tuple[dict, dict] | None = None
        self._holders: list | None = None
        self._searches = 0

    @property
    def index(self) -> tuple[dict, dict]:
        """Normalised text -> first element holding exactly that text, and the same by 50-char prefix."""
        if self._index is None:
            self._index = _text_index(self)
        return self._index

    def find(self, text: str):
        exact, prefix = self.index
        found = exact.get(text)
        if found is None:
            found = prefix.get(text[:50])
        if found is None and len(text) >= 2 and self._searches < MAX_SEARCHES:
            self._searches += 1
            if self._holders is None:
                # innermost first: shortest text, and the deepest of equals (last in document order)
                elements = list(self.body.iter(*_HOLDERS))[::-1]
                self._holders = sorted(((self.text(e), e) for e in elements), key=lambda pair: len(pair[0]))
            found = next((e for words, e in self._holders if len(words) >= len(text) and text in words), None)
        return found

    def shared(self, element, other):
        """The nearest element holding both (or None)."""
        return common_ancestor([element, other]) if other is not None else None

    @property
    def order(self) -> dict:
        """Element -> position in document order."""
        if self._order is None:
            self._order = {el: i for i, el in enumerate(self.tree.iter())}
        return self._order

    def words(self, element) -> str:
        """' article announce text ': the class and id of an element as words."""
        found = self._words.get(element)
        if found is None:
            raw = f"{element.get('class') or ''} {element.get('id') or ''}"
            found = " " + " ".join(w for w in _SPLIT_WORDS.split(_CAMEL.sub(r"\1 \2", raw).lower()) if w) + " " \
                if raw.strip() else ""
            self._words[element] = found
        return found

    def matches(self, element, pattern: re.Pattern) -> bool:
        words = self.words(element)
        return bool(words) and pattern.search(words) is not None

    def text(self, element) -> str:
        found = self._text.get(element)
        if found is None:
            found = self._text[element] = norm(element.text_content())
        return found

    def in_zone(self, element, pattern: re.Pattern, stop=None, tags=frozenset()) -> bool:
        """True when the element or an ancestor below `stop` (never <body>) matches."""
        node = element
        while node is not None and node is not stop and node is not self.body and node.tag != "html":
            if not isinstance(node.tag, str):
                return True
            if node.tag in tags or self.matches(node, pattern):
                return True
            node = node.getparent()
        return False

    def link_density(self, element) -> float:
        total = len(self.text(element))
        if not total:
            return 1.0
        links = sum(len(norm(a.text_content())) for a in element.iter("a"))
        return min(1.0, links / total)


def _text_index(page: Page) -> tuple[dict, dict]:
    exact: dict = {}
    prefix: dict = {}
    for element in page.body.iter(*_TEXT_INDEXED):
        if element.tag in ("div", "section", "center", "td", "cite") and not _has_own_text(element):
            continue
        if element.tag == "tr":
            text = " ".join(filter(None, (page.text(c) for c in element if c.tag in ("td", "th"))))
        else:
            text = page.text(element)
        if text:
            exact.setdefault(text, element)
            prefix.setdefault(text[:50], element)
    return exact, prefix


def _has_own_text(element) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def common_ancestor(elements):
    elements = [e for e in elements if e is not None]
    if not elements:
        return None
    chain = [elements[0], *elements[0].iterancestors()]
    members = set(chain)
    for other in elements[1:]:
        if other in members:
            continue
        for ancestor in other.iterancestors():
            if ancestor in members:
                chain = chain[chain.index(ancestor):]
                members = set(chain)
                break
    return chain[0]


def collect(page: Page, container) -> list[Block]:
    """Text blocks under `container` in order, skipping boilerplate subtrees; <br> splits a run."""
    found: list[Block] = []

    def skip(node) -> bool:
        return not isinstance(node.tag, str) or node.tag in BOILERPLATE_TAGS or page.matches(node, BOILERPLATE)

    def walk(node):
        if skip(node):
            return
        if node.tag == "tr":
            line = " ".join(filter(None, (page.text(c) for c in node if c.tag in ("td", "th"))))
            if line:
                found.append(Block(line, node))
            return
        if node.tag in ("p", "li", "pre", "dd", "dt", *HEADINGS) or not _has_block_child(node):
            text = page.text(node)
            if text:
                found.append(Block(text, node))
            return
        run: list[str] = []

        def flush():
            text = norm(" ".join(run))
            run.clear()
            if text:
                found.append(Block(text, node))

        if node.text:
            run.append(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "br":
                flush()
            elif child.tag in BLOCK_TAGS or _has_block_child(child):
                flush()
                walk(child)
            elif not skip(child):
                run.append(child.text_content())
            if child.tail:
                run.append(child.tail)
        flush()

    walk(container)
    return found


def _has_block_child(node) -> bool:
    return next((c for c in node.iter(*BLOCK_TAGS) if c is not node), None) is not None


def is_prose(text: str) -> bool:
    """A sentence, not a label: long, or ending the way sentences and list items end."""
    return len(text) >= 80 or (len(text) >= 8 and bool(_SENTENCE_END.search(text)))


