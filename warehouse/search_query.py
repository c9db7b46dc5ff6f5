"""A parsed query (pipelines/search/query.py) run on the tantivy index, and its stories.

Each query word becomes every term it may be in an article (pipelines/search/analyze.py):
one OR of term queries, ranked by BM25. A phrase or NEAR whose words have several terms
each becomes a phrase of alternations (regex_phrase_query); NEAR is unordered, so its words
are also tried the other way round (up to MAX_NEAR_WORDS words). Field filters are exact terms
of their own fields. The best MAX_ARTICLES articles are then grouped into stories in DuckDB.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

from pipelines.search import analyze, query as q
from warehouse import sql

MAX_ARTICLES = 1000  # best-scoring articles grouped into stories
MAX_NEAR_WORDS = 4


class UnsupportedQuery(q.QueryError):
    pass


@dataclass(frozen=True)
class Filters:
    """The CLI's and a watch's restrictions, on top of the query."""

    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    since_epoch: int | None = None  # published (else first seen) on or after
    loaded_since_epoch: int | None = None  # loaded into the warehouse on or after (watches)


def _alternation(terms: list[str]) -> str:
    return terms[0] if len(terms) == 1 else "(?:" + "|".join(re.escape(t) for t in terms) + ")"


class _Compiler:
    def __init__(self, schema, languages: tuple[str, ...]) -> None:
        import tantivy

        self.t, self.schema, self.languages = tantivy, schema, languages

    def any_of(self, queries: list):
        if len(queries) == 1:
            return queries[0]
        return self.t.Query.boolean_query([(self.t.Occur.Should, x) for x in queries])

    def word(self, text: str):
        terms = analyze.word_terms(text, self.languages) or [text]
        return self.any_of([self.t.Query.term_query(self.schema, "body", term) for term in terms])

    def prefix_pattern(self, text: str) -> str:
        keys = analyze.prefix_keys(text, self.languages) or [text]
        return _alternation(keys) + ".*"

    def sequence(self, items) -> list[str]:
        """Regex per position of words, phrases and prefixes in a row."""
        out = []
        for item in items:
            if isinstance(item, q.Prefix):
                out.append(self.prefix_pattern(item.text))
            elif isinstance(item, q.Phrase):
                out += [_alternation(analyze.word_terms(w, self.languages) or [w]) for w in item.words]
            else:
                out.append(_alternation(analyze.word_terms(item.text, self.languages) or [item.text]))
        return out

    def phrase(self, patterns: list[str], slop: int = 0):
        if all(re.fullmatch(r"[a-z0-9]+", p) for p in patterns):
            return self.t.Query.phrase_query(self.schema, "body", patterns, slop)
        return self.t.Query.regex_phrase_query(self.schema, "body", patterns, slop)

    def compile(self, node):
        Q, Occur = self.t.Query, self.t.Occur
        if isinstance(node, q.Word):
            return self.word(node.text)
        if isinstance(node, q.Prefix):
            return Q.regex_query(self.schema, "body", self.prefix_pattern(node.text))
        if isinstance(node, q.Phrase):
            return self.phrase(self.sequence([node]))
        if isinstance(node, q.Near):
            if len(node.items) > MAX_NEAR_WORDS:
                raise UnsupportedQuery(f"NEAR joins at most {MAX_NEAR_WORDS} words or phrases", node.position)
            groups = [self.sequence([item]) for item in node.items]
            orders = [sum(order, []) for order in permutations(groups)]
            return self.any_of([self.phrase(order, node.distance) for order in orders])
        if isinstance(node, q.Field):
            return Q.term_query(self.schema, node.name, node.value)
        if isinstance(node, q.Not):
            return Q.boolean_query([(Occur.Must, Q.all_query()), (Occur.MustNot, self.compile(node.node))])
        if isinstance(node, q.And):
            return Q.boolean_query([(Occur.MustNot, self.compile(n.node)) if isinstance(n, q.Not)
                                    else (Occur.Must, self.compile(n)) for n in node.nodes])
        if isinstance(node, q.Or):
            return Q.boolean_query([(Occur.Should, self.compile(n)) for n in node.nodes])
        raise TypeError(f"not a query node: {node!r}")


def compile_query(index, node, filters: Filters = Filters()):
    """The tantivy query of a parsed query with the filters on top."""
    import tantivy

    schema = index.schema
    compiler = _Compiler(schema, filters.languages)
    clauses = [(tantivy.Occur.Must, compiler.compile(node))]
    for name, values in (("lang", filters.languages), ("country", filters.countries), ("topic", filters.topics)):
        if values:
            clauses.append((tantivy.Occur.Must, compiler.any_of(
                [tantivy.Query.term_query(schema, name, v) for v in values])))
    for name, since in (("day", filters.since_epoch), ("loaded", filters.loaded_since_epoch)):
        if since is not None:
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(
                schema, name, tantivy.FieldType.Integer, since, None)))
    return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)


def articles(index, node, filters: Filters = Filters(), limit: int = MAX_ARTICLES) -> list[tuple[str, float]]:
    """(article_id, score) of the best-matching articles, best first."""
    searcher = index.searcher()
    result = searcher.search(compile_query(index, node, filters), limit, count=False)
    return [(searcher.doc(address)["article_id"][0], float(score)) for score, address in result.hits]


def stories(con, hits: list[tuple[str, float]], limit: int) -> list[dict]:
    """One row per story of the matched articles, best first (see search_stories.sql)."""
    if not hits:
        return []
    ids, scores = zip(*hits)
    cursor = con.execute(sql.query("search_stories"), {"ids": list(ids), "scores": list(scores), "limit": limit})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
