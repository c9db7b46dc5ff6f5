"""Normalise extracted text and URLs; hash content so exact copies are recognised."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|yclid|ysclid|msclkid|igshid|mc_cid|mc_eid|_ga|_gl|"
    r"ref|ref_src|from|ncid|amp|_amp|amp_[a-z_]+)$", re.I)
_AMP_VALUED = ("output", "outputtype")  # `?output=amp` asks for the AMP twin; other values matter
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_AMP_CACHE_HOST = re.compile(r"^[^.]+\.cdn\.ampproject\.org$")
_AMP_SEGMENT = re.compile(r"/amp(?=/|$)", re.I)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$)|\.amp$", re.I)
_INDEX_PAGE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)$", re.I)
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


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
    """One spelling per page, so twins reached by different links count as one article.

    The page's declared canonical (rel=canonical, else og:url; a relative one resolved)
    wins, unless it is the bare site root while the page is deeper (a common CMS slip).
    Then: https, lower-case host without www./m./mobile./amp., AMP cache and /amp/ twins
    folded, no index page, trailing slash, fragment or tracking parameter, sorted query."""
    chosen = (url or "").strip()
    if declared and declared.strip():
        target = urljoin(chosen, declared.strip())
        if re.match(r"^https?://", target, re.I) and not _bare_root_of(target, chosen):
            chosen = target
    parts = urlsplit(_unwrap_amp_cache(chosen))
    host = (parts.hostname or "").lower().rstrip(".")
    while host.startswith(_HOST_PREFIXES) and host.count(".") > 1:
        host = host.split(".", 1)[1]
    port = parts.port if parts.port not in (None, 80, 443) else None
    path = quote(unquote(parts.path), safe=_PATH_SAFE)
    path = _AMP_SEGMENT.sub("", re.sub(r"/{2,}", "/", path))
    path = _INDEX_PAGE.sub("/", _AMP_SUFFIX.sub("", path)).rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _tracking(k, v))
    return urlunsplit(("https", host + (f":{port}" if port else ""), path, urlencode(query), ""))


def _tracking(key: str, value: str) -> bool:
    if key.lower() in _AMP_VALUED:
        return value.lower() == "amp"
    return bool(TRACKING_PARAMS.match(key))


def _bare_root_of(declared: str, url: str) -> bool:
    return urlsplit(declared).path in ("", "/") and urlsplit(url).path not in ("", "/")


def _unwrap_amp_cache(url: str) -> str:
    """AMP cache and viewer URLs (`x.cdn.ampproject.org/c/s/site/path`,
    `google.com/amp/s/site/path`) carry the publisher's URL in their path."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if _AMP_CACHE_HOST.match(host):
        match = re.match(r"^/[a-z]/(s/)?(.+)$", parts.path)
    elif host in ("google.com", "www.google.com"):
        match = re.match(r"^/amp/(s/)?(.+)$", parts.path)
    else:
        return url
    if not match:
        return url
    query = f"?{parts.query}" if parts.query else ""
    return ("https://" if match.group(1) else "http://") + match.group(2) + query


def article_id(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
