"""Outlets and what they wrap around an article, for the wrapped sets of `rightswatch eval dedup`.

A style family (a TOML file beside this module) names the outlets and, per language, the words
of their boilerplate; its layout says how tickers, read-also boxes and menus are drawn. Each
outlet fixes its own choices once (which menu items, which prompt, where its box goes), so it
repeats itself from article to article as a real outlet does, while the ticker's numbers change
every day and the read-also box quotes other stories' headlines."""
from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

FAMILIES = {"default": "dedup_wrapping.toml", "unseen": "dedup_wrapping_unseen.toml"}


@dataclass
class Outlet:
    id: str
    name: str
    lang: str
    country: str
    city: str
    english: frozenset = frozenset()  # kinds of boilerplate printed in English
    menu_top: bool = False  # the menu opens the extracted text
    dateline: bool = False  # stories open with city and day
    ngo: bool = False  # a rights group reposting others' stories
    habits: dict = field(default_factory=dict)  # fixed once per outlet: see Family.habits


@dataclass
class Family:
    name: str
    layout: dict
    langs: dict
    rates: dict
    outlets: list[Outlet]

    def words(self, outlet: Outlet, kind: str) -> dict:
        """The language table an outlet prints `kind` of boilerplate from."""
        return self.langs["en" if kind in outlet.english else outlet.lang]

    def text(self, outlet: Outlet, kind: str, key: str) -> str:
        """A boilerplate text the outlet's language table may word its own way, else the layout's."""
        return self.words(outlet, kind).get(key) or self.layout[key]

    def by_language(self, lang: str, ngo: bool | None = None) -> list[Outlet]:
        return [o for o in self.outlets if o.lang == lang and (ngo is None or o.ngo == ngo)]

    def habits(self, outlet: Outlet, seed: int) -> dict:
        """What an outlet always does, drawn once from the seed and its id."""
        if outlet.habits.get("seed") == seed:
            return outlet.habits
        rng = random.Random(f"{seed}:{outlet.id}")
        layout = self.layout
        menu = self.words(outlet, "menu")["menu"]
        count = len(menu) if outlet.menu_top else rng.randint(4, min(8, len(menu)))
        outlet.habits = {
            "seed": seed, "ticker": rng.random() < 0.7, "masthead": rng.random() < 0.6,
            "menu": menu[:count] if outlet.menu_top else sorted(rng.sample(menu, count), key=menu.index),
            "read_also": rng.choice(layout["read_also"]), "box_at_end": rng.random() < 0.4,
            "heading": rng.choice(self.words(outlet, "read_also")["read_also"]),
            "subscribe": rng.choice(self.words(outlet, "subscribe")["subscribe"]),
            "most_read": rng.random() < 0.5, "menu_style": rng.choice(layout["menu"]),
            "intro": rng.choice(self.words(outlet, "ngo")["ngo_intro"]),
            "outro": rng.choice(self.words(outlet, "ngo")["ngo_outro"]),
        }
        return outlet.habits


def load(styles: str = "default") -> Family:
    if styles not in FAMILIES:
        raise ValueError(f"unknown style family {styles!r} (known: {', '.join(FAMILIES)})")
    data = tomllib.loads((Path(__file__).parent / FAMILIES[styles]).read_text(encoding="utf-8"))
    outlets = [Outlet(**{**o, "english": frozenset(o.get("english", []))}) for o in data["outlet"]]
    return Family(styles, data["layout"], data["lang"], data["rates"], outlets)


def _number(value: float, decimal: str) -> str:
    return f"{value:.2f}".replace(".", decimal)


def ticker(family: Family, outlet: Outlet, day: date) -> str:
    """The top line of the day: rates that move every day and the day's weather."""
    layout = family.layout
    rng = random.Random(f"{outlet.country}:{day.isoformat()}")
    base = family.rates[outlet.country]
    values = {}
    for n, (code, factor) in enumerate(zip(layout["ticker_currencies"], layout["ticker_factors"]), 1):
        values[f"c{n}"] = code
        values[f"v{n}"] = _number(base * factor * (1 + rng.uniform(-0.015, 0.015)), layout["decimal"])
        values[f"d{n}"] = _number(abs(rng.uniform(0, 0.4)), layout["decimal"])
        values[f"a{n}"] = rng.choice("▲▼")
    temp = rng.randint(6, 29)
    values.update(city=outlet.city, temp=f"+{temp}" if temp > 0 else str(temp), low=temp - rng.randint(2, 6),
                  oil=_number(rng.uniform(64, 75), layout["decimal"]), date=day.strftime("%d.%m.%Y"))
    return family.text(outlet, "ticker", "ticker").format(**values)


def read_also(family: Family, outlet: Outlet, habits: dict, items: list[tuple[str, str]]) -> list[str]:
    """A box of other stories: (headline, first sentence) pairs drawn in the outlet's layout."""
    heading = habits["heading"]
    style = habits["read_also"]
    if style == "box":
        return [f"{heading}:"] + [title for title, _ in items]
    if style == "inline":
        return [f"{heading}: " + " | ".join(title for title, _ in items)]
    if style == "bullets":
        return [f"{family.layout['bullet']} {title}" for title, _ in items]
    if style == "digest":
        return [f"{heading}:"] + [line for title, lead in items for line in (title, lead)]
    if style == "teasers":
        return [heading] + [f"{title}. {lead}" for title, lead in items]
    raise ValueError(f"unknown read-also layout {style!r}")


def menu(family: Family, outlet: Outlet, habits: dict) -> list[str]:
    items = habits["menu"]
    if habits["menu_style"] == "column":
        return list(items)
    return [family.layout["menu_separator"].join(items)]


def dateline(family: Family, outlet: Outlet, when: datetime) -> str:
    words = family.langs[outlet.lang]
    template = words.get("dateline") or family.layout["dateline"]
    return template.format(city=outlet.city, day=when.day, month=words["may"] if when.month == 5 else when.month)


def wrap(family: Family, outlet: Outlet, seed: int, paragraphs: list[str], when: datetime,
         boxes: list[list[tuple[str, str]]]) -> list[str]:
    """The article's lines as an extractor that kept the outlet's chrome would give them."""
    habits = family.habits(outlet, seed)
    head: list[str] = []
    if habits["ticker"]:
        head.append(ticker(family, outlet, when.date()))
    if habits["masthead"]:
        head.append(family.words(outlet, "masthead")["masthead"].format(outlet=outlet.name))
    if outlet.menu_top:
        head += menu(family, outlet, habits)
    body = list(paragraphs)
    first = read_also(family, outlet, habits, boxes[0]) if boxes else []
    if habits["box_at_end"] or len(body) < 3:
        body += first
    else:
        middle = len(body) // 2
        body[middle:middle] = first
    if habits["most_read"] and len(boxes) > 1:
        body += [family.words(outlet, "read_also")["most_read"]] + [title for title, _ in boxes[1]]
    words = family.words(outlet, "social")
    tail = [habits["subscribe"], family.text(outlet, "social", "social"),
            family.text(outlet, "social", "copyright").format(year=when.year, outlet=outlet.name, rights=words["rights"])]
    if not outlet.menu_top:
        tail += menu(family, outlet, habits)
    return head + body + tail
