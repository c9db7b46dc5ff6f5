"""Hostile landed documents for whole-run tests: every parser `process` reaches (HTML decoding,
the HTML tree, JSON-LD, PDF, feeds and sitemaps landed as documents, feed hints, the landed line
itself) gets something built to break it, beside good articles written for the region.

`landing_run` writes one published landing run the way the crawler does (manifest + items.jsonl)."""
from __future__ import annotations

import base64
import json
from pathlib import Path

from hypothesis import strategies as st

from tests.support.strategies import markup, text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
GOOD = [("https://dala.example/kk/2026/11/detention.html", "kk-detention.html", "text/html; charset=utf-8"),
        ("https://mtatsminda.example/ka/2026/11/kutaisi.html", "custom-ka-kutaisi-journalists-barred.html",
         "text/html"),
        ("https://rights.example/files/brief-2026.pdf", "ngo-brief-ru-assembly.pdf", "application/pdf")]
SOURCE = "fuzz-outlet"


def good_items() -> list[dict]:
    return [item(url, (FIXTURES / name).read_bytes(), ctype) for url, name, ctype in GOOD]


def item(url: str, body: bytes, content_type: str, hints: dict | None = None, status: int = 200) -> dict:
    return {"url": url, "final_url": url, "source_id": SOURCE, "run_id": "", "fetched_at": "2026-11-20T08:00:00+00:00",
            "status": status, "content_type": content_type, "body_b64": base64.b64encode(body).decode("ascii"),
            "hints": hints or {}}


def landing_run(home: Path, run_id: str, lines: list[str]) -> Path:
    """A published run holding `lines` (JSON items, or anything: a broken line is a case too)."""
    folder = home / "landing" / run_id
    folder.mkdir(parents=True)
    (folder / "items.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    source = {"id": SOURCE, "name": "Fuzz Outlet", "kind": "feed", "url": "https://fuzz.example/rss.xml",
              "country": "KZ", "languages": ["kk", "ru"], "category": "news", "enabled": True}
    manifest = {"run_id": run_id, "started_at": "2026-11-20T08:00:00+00:00",
                "finished_at": "2026-11-20T08:01:00+00:00", "items": len(lines), "source_configs": [source],
                "sources": [{"source_id": SOURCE, "items": len(lines), "errors": 0, "status": "ok"}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


# -- PDFs built object by object ------------------------------------------------------------
def pdf(objects: list[bytes]) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def text_pdf(line: str) -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + line.encode("latin-1") + b") Tj ET"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def fanout_pdf(width: int = 50) -> bytes:
    """1.4 KB whose page tree reuses one node 50 x 50 x 50 times: pypdf's LimitReachedError."""
    kids = lambda ref: b"[" + b"%d 0 R " % ref * width + b"]"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids " + kids(3) + b" /Count 9 >>",
                b"<< /Type /Pages /Kids " + kids(4) + b" /Count 9 >>", b"<< /Type /Pages /Kids " + kids(5) + b" /Count 9 >>",
                b"<< /Type /Page /MediaBox [0 0 612 792] >>"])


def deep_pdf(depth: int = 150) -> bytes:
    """A page tree nested deeper than pypdf allows."""
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 3) for n in range(depth)]
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", *nodes, b"<< /Type /Page /MediaBox [0 0 9 9] >>"])


def cyclic_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"])


# -- HTML -----------------------------------------------------------------------------------
ARTICLE = ("Алматыда бейбіт пикетке шыққан алты белсенді ұсталды. Құқық қорғаушылар жиналыс "
           "бостандығы бұзылды дейді. ") * 12
CYRILLIC = ("В Бишкеке милиция задержала участников митинга у здания парламента. Правозащитники "
            "называют задержания нарушением свободы собраний. ") * 10


def page(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>")


@st.composite
def lying_charset(draw) -> tuple[bytes, str]:
    """Legacy bytes served as UTF-8 with a charset Python treats specially, or none that exists."""
    declared = draw(st.sampled_from(["undefined", "punycode", "idna", "utf-7", "unicode_escape", "raw_unicode_escape",
                                     "x-user-defined", "bogus-8", "utf-16", "base64", "rot13", "hex"]))
    encoding = draw(st.sampled_from(["cp1251", "koi8-r", "utf-8", "ascii"]))
    html = page("Митинг у парламента", CYRILLIC if encoding != "ascii" else "Police detained six activists. " * 20,
                f'<meta charset="{declared}">')
    return html.encode(encoding, "ignore"), draw(st.sampled_from(["text/html; charset=utf-8", "text/html", ""]))


@st.composite
def deep_html(draw) -> bytes:
    tag = draw(st.sampled_from(["div", "b", "span", "table", "ul", "a", "section", "p"]))
    depth = draw(st.sampled_from([300, 3000, 30000]))
    return (f"<html><body><h1>Тест</h1>" + f"<{tag}>" * depth + ARTICLE + f"</{tag}>" * depth
            + "</body></html>").encode("utf-8")


JSONLD_VALUES = ["[" * 50000 + "]" * 50000, "{" + '"a":{' * 20000 + "}" * 20001, "9" * 5000, "1e999999",
                 '"0001-01-01T00:00:00+14:00"', '"9999-12-31T23:59:59-14:00"', "null", "[]", '{"@value": [1, {}]}',
                 '"\\ud800"', "NaN", '"' + "x" * 100000 + '"']


@st.composite
def hostile_jsonld(draw) -> bytes:
    key = draw(st.sampled_from(["datePublished", "headline", "articleBody", "author", "@graph", "mainEntity",
                                "dateModified", "@type", "publisher"]))
    value = draw(st.sampled_from(JSONLD_VALUES))
    script = f'<script type="application/ld+json">{{"@type": "NewsArticle", "{key}": {value}}}</script>'
    if draw(st.booleans()):
        script = f'<script type="application/ld+json">{value}</script>'
    return page("Алматыда алты белсенді ұсталды", ARTICLE, script).encode("utf-8")


FEED = ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        '<rss><channel><item><title>&b;</title></item></channel></rss>',
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title>'
        '</channel></rss>',
        '<rss version="2.0"><channel><item><title>Митинг</title><link>http://[::1</link><pubDate>Mon, 99 Foo 0001'
        '</pubDate><description><![CDATA[<p>' + "Митинг " * 50 + '</p>]]></description></item>',
        '<?xml version="1.0"?><urlset><url><loc>http://127.0.0.1:99999999/</loc><lastmod>0001-01-01</lastmod></url>'
        + "<url><loc>x</loc></url>" * 2000 + "</urlset>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">' + "&lt;div&gt;" * 5000
        + "</content></entry></feed>"]


@st.composite
def hostile_hints(draw) -> dict:
    value = st.one_of(text, st.integers(-10**30, 10**30), st.none(), st.lists(text, max_size=2),
                      st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-13-45",
                                       "<p>" * 3000, "Mon, 99 Foo 0001"]))
    return draw(st.fixed_dictionaries({}, optional={"title": value, "published": value, "summary": value,
                                                    "content": value, "report_index": value}))


@st.composite
def hostile_item(draw, number: int) -> str:
    """One landed line (usually a JSON item) that is hostile in one way."""
    url = f"https://fuzz.example/hostile/{number}"
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return json.dumps(item(url + ".pdf", draw(st.sampled_from([fanout_pdf(), deep_pdf(), cyclic_pdf()])),
                               "application/pdf"))
    if kind == 1:  # a working PDF of its own, cut and spliced
        good = text_pdf(f"Report {number}: six activists detained at a picket in Almaty")
        cut = draw(st.integers(0, len(good)))
        spliced = good[:cut] + draw(st.binary(max_size=64)) + good[cut + draw(st.integers(0, 200)):]
        return json.dumps(item(url + ".pdf", spliced, "application/pdf"))
    if kind == 2:
        body, ctype = draw(lying_charset())
        return json.dumps(item(url, body, ctype))
    if kind == 3:
        return json.dumps(item(url, draw(deep_html()), "text/html"))
    if kind == 4:
        return json.dumps(item(url, draw(hostile_jsonld()), "text/html"))
    if kind == 5:
        return json.dumps(item(url, draw(st.sampled_from(FEED)).encode("utf-8"),
                               draw(st.sampled_from(["application/rss+xml", "application/xml", "text/html"]))))
    if kind == 6:
        return json.dumps(item(url, draw(markup()), draw(st.sampled_from(["text/html", "", "application/pdf"])),
                               hints=draw(hostile_hints())))
    if kind == 7:
        return json.dumps(item(url, page("Тест", ARTICLE).encode("utf-8"), "text/html", hints=draw(hostile_hints()),
                               status=draw(st.sampled_from([200, 404, 410, 500, -1]))))
    if kind == 8:
        broken = dict(item(url, b"<p>x</p>", "text/html"))
        field = draw(st.sampled_from(["fetched_at", "body_b64", "url", "hints", "source_id"]))
        broken[field] = draw(st.sampled_from([None, 5, "not base64 !!", "2026-02-30T99:00", [], "\udc00"]))
        return json.dumps(broken)
    return draw(st.sampled_from(["{broken json", "[]", "null", '{"url": 1}', "\x00\x01", "9" * 5000]))
