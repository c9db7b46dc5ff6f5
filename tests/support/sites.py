"""The fixture sites (tests/fixtures/sites/<name>/), copied for a test and described as registry
entries: one source of every kind over them, and a sources.toml an analyst would write."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from scrapers.registry import Source
from tests.support.project import FIXTURES

SITES = FIXTURES / "sites"
SERVED_BY_OWN_TEST = {"telegram-preview"}  # its links are filled in per test (test_telegram.py)
REPORT_PDFS = {
    "eur0475742017en.pdf": ("Less Equal: LGBTI Human Rights Defenders in Armenia, Belarus, Kazakhstan "
                            "and Kyrgyzstan", "EUR 04/7574/2017"),
    "eur5512342026en.pdf": ("Kyrgyzstan: Peaceful assembly under attack", "EUR 55/1234/2026"),
    "eur5512342026ru.pdf": ("Kyrgyzstan: Peaceful assembly under attack (Russian edition)", "EUR 55/1234/2026"),
    "eur5709122026ru.pdf": ("Kazakhstan: the right to peaceful assembly", "EUR 57/0912/2026"),
    "annual-review-2025.pdf": ("Annual review 2025", None),
}


def write_report_pdfs(folder: Path) -> None:
    """Small real PDFs (core font, so no font files are needed) for the reports fixture site."""
    from fpdf import FPDF
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, index) in REPORT_PDFS.items():
        pdf = FPDF()
        pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))
        pdf.add_page()
        pdf.set_font("Helvetica", size=14)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        if index:
            pdf.multi_cell(0, 6, f"Index: {index}", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, "Human rights defenders and peaceful protesters across the region face "
                              "detention, fines and threats. This report documents the cases we verified.")
        pdf.output(str(folder / name))


def copy_site(name: str, into: Path) -> Path:
    target = into / name
    shutil.copytree(SITES / name, target)
    if name == "rights-reports":
        write_report_pdfs(target / "files")
    return target


def source(id: str, kind: str, url: str, **extra) -> Source:
    """A registry entry, as load_sources would build it."""
    return Source(id=id, name=id.replace("-", " ").title(), kind=kind, url=url,
                  country=extra.pop("country", "KZ"), languages=tuple(extra.pop("languages", ("ru",))),
                  category=extra.pop("category", "news"), **extra)


def all_kinds(sites) -> list[Source]:
    """One source of every kind over the fixture sites."""
    base = {name: site.base_url for name, site in sites.items()}
    return [
        source("steppe-rss", "feed", base["steppe-rss"] + "/rss.xml", languages=("kk",)),
        source("ararat-atom", "feed", base["ararat-atom"] + "/atom.xml", country="AM", languages=("hy",)),
        source("kura-fulltext", "feed", base["kura-fulltext"] + "/feed.rss", country="GE", languages=("ka",)),
        source("fergana-sitemap", "sitemap", base["fergana-sitemap"] + "/robots.txt", country="UZ",
               languages=("uz",), article_pattern="/uz/yangiliklar/"),
        source("issyk-listing", "listing", base["issyk-listing"] + "/news/", country="KG", languages=("ky",),
               article_pattern=r"/news/\d+-[\w-]+\.(?:html|jpg)$", next_page="a.next"),
        source("svaboda-listing", "listing", base["svaboda-pangea"] + "/z/330", country="BY",
               languages=("be",), cms="pangea"),
        source("svaboda-feed", "feed", base["svaboda-pangea"] + "/api/zbelarus", country="BY",
               languages=("be",), cms="pangea"),
        source("rights-reports", "reports", base["rights-reports"] + "/reports/", country="GB",
               languages=("en", "ru"), category="ngo", next_page="a.next",
               article_pattern=r"(?:\.pdf$|/documents/[a-z]{3}\d{2}/\d+/\d{4}/en/$)"),
    ]


def write_registry(path: Path, sources: list[Source]) -> Path:
    """A sources.toml holding these entries, as an analyst would write it."""
    import json
    lines = []
    for s in sources:
        entry = s.as_dict()
        lines.append("[[sources]]")
        for key in ("id", "name", "kind", "url", "country", "languages", "category", "enabled",
                    "article_pattern", "next_page", "max_items", "cms"):
            if entry.get(key) is not None:
                value = entry[key]
                lines.append(f"{key} = " + ("true" if value is True else "false" if value is False
                                            else json.dumps(value, ensure_ascii=False)))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
