"""Publishing engines shared by many outlets: one profile per CMS, so a quirk is fixed once for all.

A registry entry names its engine with `cms = "pangea"`; the profile supplies the article URL
pattern, the listing's "more" link and how twin URLs (AMP) fold onto the canonical article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Cms:
    name: str
    article_pattern: str  # regex searched in the absolute URL
    next_page: str | None  # CSS selector of the listing's next-page link
    fold: Callable[[str], str]  # twin URL -> canonical article URL
    key: Callable[[str], str]  # what identifies one article across its URLs


# Pangea (RFE/RL, VOA): articles at /a/<slug>/<id>.html or /a/<id>.html; AMP twins at
# /amp/a/<slug>/<id>.html, /amp/<slug>/<id>.html or /amp/<id>.html; sections at /z/<id>?p=N.
_PANGEA_AMP = re.compile(r"^/amp(?:/a)?/((?:[^/]+/)?\d+\.html)$")
_PANGEA_ID = re.compile(r"^/(?:amp/(?:a/)?|a/)(?:[^/]+/)?(\d+)\.html$")


def _pangea_fold(url: str) -> str:
    parts = urlsplit(url)
    twin = _PANGEA_AMP.match(parts.path)
    if not twin:
        return urlunsplit(parts._replace(query="")) if _PANGEA_ID.match(parts.path) else url
    return urlunsplit((parts.scheme, parts.netloc, "/a/" + twin.group(1), "", ""))


def _pangea_key(url: str) -> str:
    parts = urlsplit(url)
    found = _PANGEA_ID.match(parts.path)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}#{found.group(1)}" if found else url


PANGEA = Cms(
    name="pangea",
    article_pattern=r"^https?://[^/]+/(?:amp/(?:a/)?|a/)(?:[^/?#]+/)?\d{5,}\.html(?:\?.*)?$",
    next_page="a.link-showMore, p.btn--load-more a, a[rel=next]",
    fold=_pangea_fold,
    key=_pangea_key,
)

PROFILES: dict[str, Cms] = {PANGEA.name: PANGEA}


def profile(name: str | None) -> Cms | None:
    return PROFILES[name] if name else None
