"""Labelled articles as outlets publish them, for tests that fill a warehouse through `ingest`:
each wrapped in an outlet's boilerplate (the style families of `rightswatch eval dedup`), with
read-also boxes quoting the other stories' headlines, reposted with light edits by a second
outlet, and written as one JSON-lines file a day, as a daily schedule would deliver them."""
from __future__ import annotations

import json
import zlib
from datetime import datetime, timedelta
from pathlib import Path

from evals import dedup_outlets

SEED = 1


def outlet_for(family: dedup_outlets.Family, lang: str, key: str, other_than: str = "") -> dedup_outlets.Outlet:
    """The same outlet for the same key, always: an outlet of the language (else any)."""
    choices = [o for o in family.by_language(lang) or family.outlets if o.id != other_than]
    return choices[zlib.crc32(key.encode("utf-8")) % len(choices)]


def _boxes(story: str, lang: str, records: list[dict]) -> list[list[tuple[str, str]]]:
    others = [r for r in records if r["story"] != story and r["lang"] == lang] or \
             [r for r in records if r["story"] != story]
    titles = sorted({(r["title"], r["text"].split("\n")[0]) for r in others})
    return [titles[:4], titles[-4:]]


def wrapped(record: dict, family: dedup_outlets.Family, outlet: dedup_outlets.Outlet, records: list[dict],
            paragraphs: list[str] | None = None, title: str | None = None,
            published: datetime | None = None) -> dict:
    """One `ingest` record: the article's paragraphs inside the outlet's wrapping."""
    when = published or datetime.fromisoformat(record["published"])
    body = paragraphs or record["text"].split("\n")
    lines = dedup_outlets.wrap(family, outlet, SEED, body, when, _boxes(record["story"], record["lang"], records))
    slug = zlib.crc32(f"{outlet.id}:{record['title']}".encode("utf-8"))
    return {"url": f"https://{outlet.id}.example/{record['lang']}/{slug}.html", "source": outlet.id,
            "title": title or record["title"], "text": "\n".join(lines), "published": when.isoformat(),
            "language": record["lang"], "story": record["story"]}


def repost(record: dict, family: dedup_outlets.Family, first: dedup_outlets.Outlet, records: list[dict],
           hours: int = 30) -> dict:
    """A second outlet's copy (an outlet of `family`) of what `first` published, with light
    edits: its attribution before a shortened lead, its own intro and outro when it is a
    rights group, the last paragraph cut from long texts."""
    outlet = outlet_for(family, record["lang"], record["url"] + ":repost", other_than=first.id)
    paragraphs = record["text"].split("\n")
    if len(paragraphs) >= 4:
        paragraphs = paragraphs[:-1]
    words = paragraphs[0].split()
    lead = " ".join(words[: max(8, len(words) * 3 // 4)])
    attribution = family.langs[record["lang"]]["attribution"].format(source=first.name)
    paragraphs[0] = f"{attribution} {lead}"
    if outlet.ngo:
        habits = family.habits(outlet, SEED)
        paragraphs = [habits["intro"]] + paragraphs + [habits["outro"]]
    published = datetime.fromisoformat(record["published"]) + timedelta(hours=hours)
    return wrapped(record, family, outlet, records, paragraphs, published=published)


def day_files(records: list[dict], folder: Path, prefix: str = "day") -> list[Path]:
    """One file a publication day (its date in the article's own zone), oldest first."""
    days: dict[str, list[dict]] = {}
    for r in records:
        days.setdefault(r["published"][:10], []).append({k: v for k, v in r.items() if k != "story"})
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day, rows in sorted(days.items()):
        path = folder / f"{prefix}-{day}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        paths.append(path)
    return paths
