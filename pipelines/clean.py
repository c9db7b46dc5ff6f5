"""Normalise extracted text and URLs; hash content so exact copies are recognised."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|yclid|mc_cid|mc_eid|_ga|ref|from)$", re.I)


def clean_text(text: str) -> str:
    """NFC, no invisible characters, single spaces, no empty lines."""
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def clean_title(title: str) -> str:
    return " ".join(clean_text(title).split())


def content_hash(text: str) -> str:
    """Same words in the same order give the same hash, whatever the spacing or case."""
    normal = " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def canonical_url(url: str, declared: str | None = None) -> str:
    """The page's declared canonical when it is an absolute http(s) URL, else the URL itself,
    lower-cased host, no fragment, no tracking parameters, sorted query."""
    chosen = declared if declared and re.match(r"^https?://", declared) else url
    parts = urlsplit(chosen.strip())
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not TRACKING_PARAMS.match(k))
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def article_id(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
