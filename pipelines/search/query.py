"""The query language of `rightswatch search` and of watches: parsed into a small tree.

    word            a word in any of its forms and scripts (митинг finds митингов, miting)
    "two words"     the words next to each other, in this order
    word*           words starting with it (at least MIN_PREFIX letters)
    a OR b          either; a b (or a AND b) both; OR binds tighter than the space between
                    words is loose: `a b OR c` is `a (b OR c)`
    NOT a, -a       without it
    ( ... )         grouping
    a NEAR/5 b      both, at most 5 words apart, in either order (NEAR alone is NEAR/10)
    country:KZ  topic:assembly  lang:kk  source:azattyq-kk    only articles with that tag

Operators are written in capitals; "or" and "not" are words. A mistake is a QueryError that
names the position (1-based) where it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("country", "topic", "lang", "source")
MIN_PREFIX = 2
DEFAULT_NEAR = 10
MAX_NEAR = 50
MAX_LENGTH = 1000  # characters of one query


class QueryError(ValueError):
    """A query that cannot be read; ``position`` is 1-based."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message, self.position = message, position


@dataclass(frozen=True)
class Word:
    text: str
    position: int


@dataclass(frozen=True)
class Prefix:
    text: str
    position: int


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class Near:
    items: tuple  # Words, Prefixes and Phrases
    distance: int
    position: int


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    position: int


@dataclass(frozen=True)
class Not:
    node: object
    position: int


@dataclass(frozen=True)
class And:
    nodes: tuple


@dataclass(frozen=True)
class Or:
    nodes: tuple


_LEX = re.compile(r'''
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<quote>"[^"]*"?)
  | (?P<field>(?P<name>[A-Za-z]+):(?P<value>"[^"]*"?|[^\s()"]*))
  | (?P<near>NEAR(?:/(?P<distance>[^\s()"]*))?(?=[\s()"]|$))
  | (?P<op>(?:AND|OR|NOT)(?=[\s()"]|$))
  | (?P<minus>-(?=[^\s-]))
  | (?P<word>[^\s()"]+)
''', re.X)


@dataclass
class _Token:
    kind: str
    text: str
    position: int
    extra: dict = field(default_factory=dict)


def _lex(text: str) -> list[_Token]:
    tokens, at = [], 0
    while at < len(text):
        m = _LEX.match(text, at)
        kind = next(k for k in ("space", "open", "close", "quote", "field", "near", "op", "minus", "word") if m.group(k))
        if kind == "quote" and (len(m.group()) < 2 or not m.group().endswith('"')):
            raise QueryError("a quotation mark is not closed", at + 1)
        if kind != "space":
            tokens.append(_Token(kind, m.group(), at + 1, m.groupdict()))
        at = m.end()
    return tokens


class _Parser:
    def __init__(self, text: str, split) -> None:
        self.tokens, self.i, self.split, self.end = _lex(text), 0, split, len(text) + 1

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self):
        if not self.tokens:
            raise QueryError("the query is empty", 1)
        node = self.conjunction()
        if self.peek() is not None:  # only a closing parenthesis stops a conjunction
            raise QueryError("a closing parenthesis has no opening one", self.peek().position)
        return node

    def conjunction(self):
        nodes = []
        while (token := self.peek()) is not None and token.kind != "close":
            if token.kind == "op" and token.text == "AND":
                self.take()
                if not nodes:
                    raise QueryError("AND needs something before it", token.position)
                if self.peek() is None or self.peek().kind == "close":
                    raise QueryError("AND needs something after it", token.position)
                continue
            if token.kind == "op" and token.text == "OR":
                raise QueryError("OR needs something before it", token.position)
            nodes.append(self.disjunction())
        if not nodes:
            where = self.peek().position if self.peek() else self.end
            raise QueryError("something to search for is missing", where)
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def disjunction(self):
        nodes = [self.unary()]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == "close" or self.peek().kind == "op" and self.peek().text != "NOT":
                raise QueryError("OR needs something after it", token.position)
            nodes.append(self.unary())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def unary(self):
        token = self.peek()
        if token.kind == "minus" or token.kind == "op" and token.text == "NOT":
            self.take()
            if self.peek() is None or self.peek().kind in ("close", "op") and self.peek().text != "NOT":
                raise QueryError(f"{token.text} needs something after it", token.position)
            return Not(self.unary(), token.position)
        return self.near()

    def near(self):
        first = self.primary()
        items, distance = [first], 0
        while (token := self.peek()) is not None and token.kind == "near":
            self.take()
            written = token.extra.get("distance")
            if written is None:
                n = DEFAULT_NEAR
            elif not written.isdigit() or not 0 < int(written) <= MAX_NEAR:
                raise QueryError(f"NEAR/n needs a number of words from 1 to {MAX_NEAR}", token.position)
            else:
                n = int(written)
            if not isinstance(items[-1], (Word, Prefix, Phrase)):
                raise QueryError("NEAR joins words or quoted phrases", token.position)
            nxt = self.peek()
            if nxt is None:
                raise QueryError("NEAR needs a word after it", token.position)
            item = self.primary()
            if not isinstance(item, (Word, Prefix, Phrase)):
                raise QueryError("NEAR joins words or quoted phrases", nxt.position)
            items.append(item)
            distance = max(distance, n)
        return first if len(items) == 1 else Near(tuple(items), distance, first.position)

    def primary(self):
        token = self.take()
        if token.kind == "open":
            if self.peek() is None or self.peek().kind == "close":
                raise QueryError("the parentheses are empty" if self.peek() else "a parenthesis is not closed",
                                 token.position)
            node = self.conjunction()
            if self.peek() is None:
                raise QueryError("a parenthesis is not closed", token.position)
            self.take()
            return node
        if token.kind == "close":
            raise QueryError("a closing parenthesis has no opening one", token.position)
        if token.kind == "op":
            raise QueryError(f"{token.text} needs something before it", token.position)
        if token.kind == "near":
            raise QueryError("NEAR needs a word before it", token.position)
        if token.kind == "quote":
            return self.phrase(token.text[1:-1], token.position)
        if token.kind == "field":
            return self.field(token)
        return self.word(token.text, token.position)

    def phrase(self, text: str, position: int):
        words = tuple(self.split(text))
        if not words:
            raise QueryError("the quoted phrase has no words", position)
        return Word(words[0], position) if len(words) == 1 else Phrase(words, position)

    def word(self, text: str, position: int):
        prefix = text.endswith("*")
        words = self.split(text.rstrip("*"))
        if "*" in text.rstrip("*"):
            raise QueryError("* goes at the end of a word", position + text.index("*"))
        if not words:
            raise QueryError(f"{text!r} has no letters or digits to search for", position)
        if prefix:
            if len(words) > 1:
                raise QueryError("* goes after one word, not after a compound", position)
            if len(words[0]) < MIN_PREFIX:
                raise QueryError(f"a prefix needs at least {MIN_PREFIX} letters before *", position)
            return Prefix(words[0], position)
        return Word(words[0], position) if len(words) == 1 else Phrase(tuple(words), position)

    def field(self, token: _Token):
        name, value = token.extra["name"], token.extra["value"]
        if name.lower() not in FIELDS:
            raise QueryError(f"unknown field {name!r}; fields are {', '.join(f + ':' for f in FIELDS)}", token.position)
        if value.startswith('"'):
            if len(value) < 2 or not value.endswith('"'):
                raise QueryError("a quotation mark is not closed", token.position + len(name) + 1)
            value = value[1:-1]
        if not value.strip():
            raise QueryError(f"{name}: needs a value", token.position)
        name = name.lower()
        value = value.strip()
        return Field(name, value.upper() if name == "country" else value.lower(), token.position)


def parse(text: str, split) -> object:
    """The tree of a query. ``split`` cuts query text into words as the index does (a hyphenated
    or apostrophised piece may be several words: they become a phrase)."""
    if len(text) > MAX_LENGTH:
        raise QueryError(f"the query is longer than {MAX_LENGTH} characters", MAX_LENGTH + 1)
    node = _Parser(text, split).parse()
    if not _positive(node):
        raise QueryError("the query needs at least one word or field that must match, not only NOT", 1)
    return node


def _positive(node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_positive(n) for n in node.nodes)
    if isinstance(node, Or):
        return all(_positive(n) for n in node.nodes)
    return True


def matched_words(node) -> tuple[list[str], list[str]]:
    """(words, prefixes) a match may show: every word outside NOT, for highlighting."""
    words: list[str] = []
    prefixes: list[str] = []

    def walk(n) -> None:
        if isinstance(n, Word):
            words.append(n.text)
        elif isinstance(n, Prefix):
            prefixes.append(n.text)
        elif isinstance(n, Phrase):
            words.extend(n.words)
        elif isinstance(n, Near):
            for item in n.items:
                walk(item)
        elif isinstance(n, (And, Or)):
            for item in n.nodes:
                walk(item)

    walk(node)
    return words, prefixes


def fields(node) -> list[Field]:
    """Every field filter of a query outside NOT."""
    if isinstance(node, Field):
        return [node]
    if isinstance(node, (And, Or)):
        return [f for n in node.nodes for f in fields(n)]
    return []
