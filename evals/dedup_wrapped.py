"""The wrapped set `rightswatch eval dedup` scores beside the clean one: the parallel stories as
outlets publish them, with what makes real text hard.

Each story goes out in a few languages, each version by an outlet of that language, wrapped
in the outlet's boilerplate (evals/dedup_outlets.py): a ticker whose numbers change daily, a
masthead, menus (some opening the text), read-also boxes quoting other stories of the set,
subscribe, social and copyright lines. Some versions are reposted by a second outlet of the
language with light edits (a rewritten lead, a rights group's intro and outro, a cut).
Some carry no published date (the crawler's first sight places them). A few groups of
stories are anniversary traps: different stories from one city on the same day and month of
different years, each opening with a dateline. Every record also keeps its `clean_text`, the
same article without the outlet's wrapping, so clean and wrapped figures compare like with like.
"""
from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from itertools import combinations

from evals import dedup_outlets as outlets

START = datetime(2019, 5, 1, 5, tzinfo=timezone.utc)
DAYS = 28
TRAPS = ((17, (2012, 2013, 2017)), (1, (2014, 2016, 2018)), (9, (2013, 2015, 2018)))  # (day of May, years)
UNDATED, REPOSTED = 0.15, 0.45


def wrapped_set(records: list[dict], seed: int = 1, styles: str = "default") -> list[dict]:
    """Articles with story, lang, title, text, clean_text, url, source, published (or None), seen."""
    family = outlets.load(styles)
    rng = random.Random(f"{styles}:{seed}")
    by_story: dict[str, dict[str, dict]] = {}
    for r in records:
        by_story.setdefault(r["story"], {})[r["lang"]] = r
    stories = sorted(by_story)
    rng.shuffle(stories)
    plan = _plan(family, stories, by_story, rng)
    dates = {story: when for story, when, _ in plan}
    builder = _Builder(family, seed, rng, by_story, dates)
    out: list[dict] = []
    for n, (story, when, placed) in enumerate(plan):
        for lang, outlet, dateline in placed:
            at = when + timedelta(minutes=rng.randrange(30 * 60 if when.year == START.year else 600))
            original = builder.article(story, n, lang, outlet, at, dateline)
            out.append(original)
            if rng.random() < REPOSTED:
                out.append(builder.repost(original, n))
    return out


def _plan(family, stories, by_story, rng) -> list[tuple[str, datetime, list[tuple[str, outlets.Outlet, bool]]]]:
    """(story, day, [(language, outlet, with dateline)]): trap groups first, then the rest."""
    plan = []
    cities: dict[str, list[outlets.Outlet]] = {}
    for o in family.outlets:
        if o.dateline and not o.ngo:
            cities.setdefault(o.country, []).append(o)
    trap_countries = rng.sample(sorted(c for c, group in cities.items() if len(group) >= 2), len(TRAPS))
    queue = list(stories)
    for (day, years), country in zip(TRAPS, trap_countries):
        for year in years + (START.year,):
            story = queue.pop()
            group = cities[country]
            chosen = rng.sample(group, rng.randint(1, len(group)))
            when = datetime(year, 5, day, 6, tzinfo=timezone.utc)
            plan.append((story, when, [(o.lang, o, True) for o in chosen if o.lang in by_story[story]]))
    for story in queue:
        versions = sorted(by_story[story])
        langs = rng.sample(versions, min(len(versions), rng.randint(3, 6)))
        when = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(600))
        placed = []
        for lang in langs:
            outlet = rng.choice(family.by_language(lang, ngo=False) or family.by_language(lang))
            placed.append((lang, outlet, outlet.dateline))
        plan.append((story, when, placed))
    return plan


class _Builder:
    def __init__(self, family, seed, rng, by_story, dates) -> None:
        self.family, self.seed, self.rng, self.by_story, self.dates = family, seed, rng, by_story, dates

    def _boxes(self, story: str, lang: str, when: datetime) -> list[list[tuple[str, str]]]:
        """Other stories' headlines in the outlet's language, the most recent first: what its
        read-also and most-read boxes quote."""
        others = [s for s in self.by_story if s != story and lang in self.by_story[s]]
        recent = sorted(others, key=lambda s: abs((self.dates.get(s, when) - when).total_seconds()))
        pool = recent[:12]
        boxes = []
        for _ in range(2):
            picked = self.rng.sample(pool, min(len(pool), self.rng.randint(3, 5)))
            boxes.append([(self.by_story[s][lang]["title"], _lead(self.by_story[s][lang]["text"])) for s in picked])
        return boxes

    def _record(self, story, lang, outlet, title, paragraphs, at, url) -> dict:
        undated = self.rng.random() < UNDATED
        seen = at + timedelta(minutes=self.rng.randrange(60, 30 * 60) if undated else self.rng.randrange(15, 8 * 60))
        wrapped = outlets.wrap(self.family, outlet, self.seed, paragraphs, at, self._boxes(story, lang, at))
        return {"story": story, "lang": lang, "title": title, "text": "\n".join(wrapped),
                "clean_text": "\n".join(paragraphs), "url": url, "source": outlet.id,
                "published": None if undated else at, "seen": seen, "at": at}

    def article(self, story, n, lang, outlet, at, dateline) -> dict:
        base = self.by_story[story][lang]
        paragraphs = [p for p in base["text"].split("\n") if p.strip()]
        if dateline:
            paragraphs[0] = f"{outlets.dateline(self.family, outlet, at)} {paragraphs[0]}"
        url = f"https://{outlet.id}.example/{lang}/{at.year}/{n}.html"
        record = self._record(story, lang, outlet, base["title"], paragraphs, at, url)
        record["paragraphs"], record["outlet"] = paragraphs, outlet
        return record

    def repost(self, original: dict, n: int) -> dict:
        """A second outlet's copy: a rewritten lead, a rights group's intro and outro, or a cut."""
        rng, lang = self.rng, original["lang"]
        others = [o for o in self.family.by_language(lang) if o.id != original["source"]]
        outlet = rng.choice(others)
        paragraphs = list(original["paragraphs"])
        edits = [e for e in ("lead", "cut") if rng.random() < 0.5] or [rng.choice(("lead", "cut"))]
        if "cut" in edits and len(paragraphs) > 3:
            keep = max(3, round(len(paragraphs) * rng.uniform(0.55, 0.8)))
            paragraphs = paragraphs[:keep] if rng.random() < 0.6 else paragraphs[:1] + paragraphs[-(keep - 1):]
        if "lead" in edits:
            words = paragraphs[0].split()
            attribution = self.family.langs[lang]["attribution"].format(source=original["outlet"].name)
            lead = " ".join(words[: max(6, len(words) * 2 // 3)])
            paragraphs[0] = f"{attribution} {lead[:1].lower() if attribution.endswith(',') else lead[:1]}{lead[1:]}"
        if outlet.ngo:
            habits = self.family.habits(outlet, self.seed)
            paragraphs = [habits["intro"]] + paragraphs + [habits["outro"]]
        title = original["title"]
        if rng.random() < 0.5:
            title = " ".join(original["paragraphs"][0].split()[: rng.randint(6, 11)]).rstrip(",.;:")
        at = original["at"] + timedelta(minutes=rng.randrange(60, 72 * 60))
        url = f"https://{outlet.id}.example/{lang}/repost/{n}-{rng.randrange(10 ** 6)}.html"
        record = self._record(original["story"], lang, outlet, title, paragraphs, at, url)
        record["paragraphs"], record["outlet"] = paragraphs, outlet
        return record


def _lead(text: str) -> str:
    first = text.split("\n", 1)[0]
    cut = first.find(". ")
    return first[: cut + 1] if 0 < cut < 240 else first[:240]


def wrong_pairs(labelled: list[dict], kept: list) -> dict[str, Counter]:
    """What the wrongly joined and the missed pairs of a clustered wrapped set have in common:
    {"joined wrongly": ..., "missed": ...}, each counting (pair kind, cause) labels."""
    meta = {r["url"]: r for r in labelled}
    joined, missed = Counter(), Counter()
    for a, b in combinations(kept, 2):
        ra, rb = meta[a.url], meta[b.url]
        kind = "same-language" if a.language == b.language else "cross-language"
        together = a.cluster_id == b.cluster_id
        if together and a.story != b.story:
            if ra["at"].year != rb["at"].year:
                cause = "other year, same day (trap)"
            elif ra["at"].date() == rb["at"].date():
                cause = "same day"
            elif ra["title"] in rb["text"] or rb["title"] in ra["text"]:
                cause = "one quotes the other's title"
            else:
                cause = "other"
            joined[(kind, cause)] += 1
        elif a.story == b.story and not together:
            parts = ["repost" if "/repost/" in a.url or "/repost/" in b.url else "originals"]
            parts += ["menu first"] if ra["outlet"].menu_top or rb["outlet"].menu_top else []
            parts += ["undated"] if ra["published"] is None or rb["published"] is None else []
            missed[(kind, ", ".join(parts))] += 1
    return {"joined wrongly": joined, "missed": missed}
