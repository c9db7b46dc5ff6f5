"""Feeds and sitemaps are parsed without their DTDs: a document declaring entities (the vehicle
of external-entity reads and of billion-laughs expansion) is refused before any parser sees it."""
from __future__ import annotations

import re

# `<!ENTITY` inside a DOCTYPE internal subset; DOCTYPEs without one (old RSS 0.91) pass.
ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I | re.S)
PROLOG_BYTES = 64 * 1024


class EntitiesRefused(ValueError):
    pass


def refuse_entities(body: bytes) -> None:
    """Raise EntitiesRefused when the document's prolog declares entities."""
    head = body[:PROLOG_BYTES]
    if b"<!" not in head:
        return
    probe = head.replace(b"\x00", b"")  # UTF-16 documents: look at their ASCII bytes too
    if ENTITY_DECLARATION.search(probe) or (b"<!ENTITY" in probe.upper() and b"<!DOCTYPE" in probe.upper()):
        raise EntitiesRefused("the document declares XML entities (refused: external-entity and "
                              "entity-expansion attacks)")
