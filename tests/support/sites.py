"""The fixture sites (tests/fixtures/sites/<name>/), copied for a test and described as registry
entries: one source of every kind over them, and a sources.toml an analyst would write."""
from __future__ import annotations

import json
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


def pair(name: str) -> dict:
    """The JSON beside a fixture site: its registry entries (`{{BASE}}` for the site's base URL) and
    what a crawl of them lands (`landed`, `summary`)."""
    return json.loads((SITES / f"{name}.json").read_text(encoding="utf-8"))


def site_names() -> list[str]:
    """Every fixture site (a folder under tests/fixtures/sites with its JSON beside it)."""
    return sorted(p.name for p in SITES.iterdir() if p.is_dir())


def entries(name: str, base_url: str) -> list[Source]:
    """The site's registry entries, pointed at `base_url`."""
    found = []
    for spec in pair(name)["sources"]:
        spec = {**spec, "url": spec["url"].replace("{{BASE}}", base_url)}
        found.append(source(spec.pop("id"), spec.pop("kind"), spec.pop("url"), **spec))
    return found


ALL_KINDS = ("steppe-rss", "ararat-atom", "kura-fulltext", "fergana-sitemap", "issyk-listing", "svaboda-pangea",
             "rights-reports")  # the sites with one source of every kind, in the order the tests take them


def all_kinds(sites) -> list[Source]:
    """One source of every kind over the fixture sites."""
    return [s for name in ALL_KINDS for s in entries(name, sites[name].base_url)]


def crawl_record(home: Path, manifest: dict, base_url: str) -> dict:
    """What a crawl landed, as a pair's JSON records it: each item's path, hints (a full-text
    hint by its length) and lastmod, and each source's counts; run-specific values left out."""
    landed = []
    with open(home / "landing" / manifest["run_id"] / "items.jsonl", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            hints = {k: (len(v) if k == "content" else v) for k, v in sorted(item.get("hints", {}).items())}
            landed.append({"source_id": item["source_id"], "path": item["url"].removeprefix(base_url),
                           "status": item["status"], "hints": hints, "lastmod": item.get("lastmod")})
    summary = {s["source_id"]: {"items": s.get("items", 0), "pages": s.get("pages"), "status": s.get("status"),
                                "skipped": s.get("skipped", {}), "errors_by_kind": s.get("errors_by_kind", {})}
               for s in manifest["sources"]}
    return {"landed": sorted(landed, key=lambda i: (i["source_id"], i["path"])), "summary": summary}


def write_registry(path: Path, sources: list[Source]) -> Path:
    """A sources.toml holding these entries, as an analyst would write it."""
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
