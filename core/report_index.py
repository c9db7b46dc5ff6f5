"""NGO report index numbers (`EUR 04/7574/2017`), which tie a report to every article citing it:
read in one place for the crawler's listing hints, PDF text and ingested articles."""
from __future__ import annotations

import re

REPORT_INDEX = re.compile(r"\b[A-Z]{2,5} \d{2}/\d{3,5}/\d{4}\b")
# Amnesty's document URLs carry the index: /en/documents/eur04/7574/2017/en/ -> EUR 04/7574/2017
URL_INDEX = re.compile(r"/documents/([a-z]{2,5})(\d{2})/(\d{3,5})/(\d{4})/", re.I)


def report_index(text: str, url: str = "") -> str | None:
    """The index number written in the text, else the one Amnesty-style URLs carry."""
    found = REPORT_INDEX.search(text or "")
    if found:
        return found.group(0)
    from_url = URL_INDEX.search(url or "")
    return (f"{from_url.group(1).upper()} {from_url.group(2)}/{from_url.group(3)}/{from_url.group(4)}"
            if from_url else None)
