"""`rightswatch eval extract [DIR]`: extraction quality on labelled pages, as public benchmarks score it.

DIR (default: the project's tests/fixtures/extract/) holds pairs: a document `NAME.html` (or .htm,
.pdf, .html.gz) and `NAME.json` describing what it should give:

    {"article": true, "title": "...", "published": "YYYY-MM-DD" or null,
     "body": ["first paragraph", "...", "last paragraph"],   # the full text, in order
     "lead": "standfirst, when the page has one",            # optional
     "boilerplate": ["phrases that must not be in the text"], # menus, read-also, share, cookies
     "url": "where the page was fetched from"}                # optional, helps URL dates

or {"article": false, "boilerplate": [...]} for a page with no article (section front, tag page,
episode list): the extractor must say so (NotAnArticle) or return no text.

Scores: title exact match (whitespace-normalised); body F1 over bags of token 4-grams (tokens
split on whitespace), per page, averaged over article pages; lead, first and last paragraph present
in the text; publication date exact match (a null date must stay null); no-article pages correctly
empty; boilerplate phrases leaked into the text. Table rows first, the headline figures last."""
from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from core.errors import BadInput
from workflows.settings import PROJECT_ROOT

DEFAULT_DIR = PROJECT_ROOT / "tests" / "fixtures" / "extract"
DOCUMENT_SUFFIXES = (".html", ".htm", ".pdf", ".html.gz", ".htm.gz", ".pdf.gz")


@dataclass
class Case:
    name: str
    document: Path
    expected: dict

    @property
    def is_article(self) -> bool:
        return self.expected.get("article", True) is not False


@dataclass
class Found:
    """What an extractor gave for one page; `article` False when it said the page has none."""

    title: str = ""
    text: str = ""
    published: str | None = None
    article: bool = True
    error: str = ""


@dataclass
class PageScore:
    case: Case
    found: Found
    title: bool = False
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    lead: bool = False
    first: bool = False
    last: bool = False
    date: bool = False
    leaked: list[str] = field(default_factory=list)
    no_article_right: bool = False


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def grams(text: str, n: int = 4) -> Counter:
    """Bag of token n-grams; a text shorter than n tokens is one gram."""
    tokens = text.split()
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def prf(found: str, expected: str) -> tuple[float, float, float]:
    got, want = grams(found), grams(expected)
    if not got and not want:
        return 1.0, 1.0, 1.0
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def load_cases(directory: Path) -> list[Case]:
    """Every NAME.json with its document; a bad or orphaned file is BadInput naming it."""
    if not directory.is_dir():
        raise BadInput(f"{directory}: no such directory")
    cases = []
    for path in sorted(directory.glob("*.json")):
        try:
            expected = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path}: unreadable ({exc})") from None
        if not isinstance(expected, dict):
            raise BadInput(f"{path}:1: expected a JSON object")
        stem = path.name[:-len(".json")]
        document = next((path.with_name(stem + s) for s in DOCUMENT_SUFFIXES if path.with_name(stem + s).exists()), None)
        if document is None:
            raise BadInput(f"{path}: no document beside it ({stem}.html, .pdf or .html.gz)")
        if expected.get("article", True) is not False:
            body = expected.get("body")
            if not isinstance(expected.get("title"), str) or not isinstance(body, list) or not body \
                    or not all(isinstance(p, str) for p in body):
                raise BadInput(f"{path}: an article needs 'title' (string) and 'body' (list of paragraphs)")
        cases.append(Case(stem, document, expected))
    if not cases:
        raise BadInput(f"{directory}: no labelled pages (NAME.json beside NAME.html or NAME.pdf)")
    return cases


def _read(case: Case) -> bytes:
    body = case.document.read_bytes()
    return gzip.decompress(body) if case.document.name.endswith(".gz") else body


def ours(body: bytes, url: str) -> Found:
    from pipelines.extract.extract import ExtractError, NotAnArticle, extract
    try:
        doc = extract(body, url=url)
    except NotAnArticle as exc:
        return Found(article=False, error=str(exc))
    except ExtractError as exc:
        return Found(error=str(exc))
    return Found(doc.title, doc.text, doc.published.date().isoformat() if doc.published else None)


def plain_trafilatura(body: bytes, url: str) -> Found:
    """The baseline: trafilatura as it comes (PDFs still through pypdf, which it cannot read)."""
    import warnings

    import trafilatura
    if body.startswith(b"%PDF-"):
        return ours(body, url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(body, url=url or None, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        return Found(article=False)
    return Found(doc.title or "", doc.text or "", (doc.date or "")[:10] or None)


def score(case: Case, found: Found) -> PageScore:
    result = PageScore(case, found)
    want = case.expected
    text = _norm(found.text)
    result.leaked = [p for p in want.get("boilerplate", []) if p and found.article and _norm(p) in text]
    if not case.is_article:
        result.no_article_right = not found.article or not text
        return result
    body = [_norm(p) for p in want["body"]]
    result.precision, result.recall, result.f1 = prf(text, " ".join(body))
    result.title = _norm(found.title) == _norm(want["title"])
    result.lead = _norm(want.get("lead") or body[0]) in text
    result.first = body[0] in text
    result.last = body[-1] in text
    result.date = found.published == want.get("published")
    return result


@dataclass
class Report:
    pages: list[PageScore]

    @property
    def articles(self) -> list[PageScore]:
        return [p for p in self.pages if p.case.is_article]

    @property
    def empty_pages(self) -> list[PageScore]:
        return [p for p in self.pages if not p.case.is_article]

    def mean(self, attribute: str) -> float:
        rows = self.articles
        return sum(float(getattr(p, attribute)) for p in rows) / len(rows) if rows else 0.0

    @property
    def missed_articles(self) -> int:
        return sum(1 for p in self.articles if not p.found.article)

    @property
    def leaks(self) -> int:
        return sum(len(p.leaked) for p in self.pages)


def evaluate(directory: Path = DEFAULT_DIR, extractor: Callable[[bytes, str], Found] = ours) -> Report:
    cases = load_cases(directory)
    return Report([score(case, extractor(_read(case), case.expected.get("url") or "")) for case in cases])


def _mark(ok: bool) -> str:
    return "ok" if ok else "--"


def lines(report: Report) -> list[str]:
    """The per-page table, then the figures."""
    out = [f"{'page':<44} {'layout':<9} {'lang':<4} {'title':<5} {'F1':>6} {'lead':<4} {'first':<5} "
           f"{'last':<4} {'date':<4} boilerplate"]
    for page in report.pages:
        want = page.case.expected
        head = f"{page.case.name[:44]:<44} {str(want.get('layout') or '')[:9]:<9} {str(want.get('language') or '')[:4]:<4} "
        leaked = ", ".join(page.leaked) if page.leaked else "none"
        if page.case.is_article:
            status = "" if page.found.article else f"  [taken for no article: {page.found.error}]"
            status = status or (f"  [{page.found.error}]" if page.found.error else "")
            out.append(head + f"{_mark(page.title):<5} {page.f1:>6.3f} {_mark(page.lead):<4} {_mark(page.first):<5} "
                       f"{_mark(page.last):<4} {_mark(page.date):<4} {leaked}{status}")
        else:
            verdict = "no article: right" if page.no_article_right else "no article: WRONG, text returned"
            out.append(head + f"{verdict:<41} {leaked}")
    articles, empty = report.articles, report.empty_pages
    n = len(articles)
    out += [
        "",
        f"pages: {len(report.pages)} ({n} articles, {len(empty)} without an article)",
        f"title exact match: {100 * report.mean('title'):.2f}% ({sum(p.title for p in articles)}/{n})",
        f"lead present: {100 * report.mean('lead'):.2f}%; first paragraph: {100 * report.mean('first'):.2f}%; "
        f"last paragraph: {100 * report.mean('last'):.2f}%",
        f"no-article pages returned empty: {sum(p.no_article_right for p in empty)}/{len(empty)}; "
        f"articles taken for no article: {report.missed_articles}",
        f"boilerplate phrases leaked: {report.leaks} on {sum(1 for p in report.pages if p.leaked)} pages",
        f"date exact match: {100 * report.mean('date'):.2f}% ({sum(p.date for p in articles)}/{n})",
        f"body 4-gram F1: {report.mean('f1'):.4f} (precision {report.mean('precision'):.4f}, "
        f"recall {report.mean('recall'):.4f})",
    ]
    return out


@click.command("extract")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--baseline", is_flag=True, help="Score plain trafilatura (bare_extraction with metadata) instead.")
def command(directory: Path | None, baseline: bool) -> None:
    """Title, body F1, lead/last paragraph, date and boilerplate on labelled pages (default: the project's fixtures)."""
    directory = directory or DEFAULT_DIR
    report = evaluate(directory, plain_trafilatura if baseline else ours)
    click.echo(f"extractor: {'plain trafilatura' if baseline else 'rightswatch'}; pages: {directory}")
    for line in lines(report):
        click.echo(line)
