"""What a story is mostly about: how much of its text goes to each country and each topic.

The tagger says which countries and topics a text is about; a report line needs the main
one of each, so a story is listed once. Weights use the tagger's own evidence: a country's
score (``tagging.Reading.country_scores``: title, lead, lists, passing mentions ignored), and for a
topic each mention weighing as a country name does (3 in the title, 1.5 in the lead, 1 further
down; a word that counts as the topic, such as "gathered" for assembly, and an LGBT group's
name count too). Each article's weights are shares summing to 1, so a long report does not
outweigh the news items of the same story; a story's weights are its articles' shares summed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipelines.tagging import tagging
from pipelines.tagging.aboutness import PLACE_WEIGHT

MAIN_SHARE = 0.5  # of three or more countries, the main one carries at least this share of their weight


@dataclass(frozen=True)
class Emphasis:
    countries: dict[str, float]
    topics: dict[str, float]


def _shares(weights: Counter) -> dict[str, float]:
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items() if v > 0} if total else {}


def of_text(title: str, text: str, language: str = "und") -> Emphasis:
    """Shares of one article's evidence per country and per topic."""
    reading = tagging.read(title, text, language)
    vocab = reading.vocab
    topics: Counter = Counter()
    for part, scan in (("title", reading.head), ("body", reading.body)):
        for h in scan.topics:
            key = vocab.counts_as.get(h.key, h.key)
            topics[key] += PLACE_WEIGHT[part if part == "title" else ("lead" if h.start < reading.lead else "body")]
    for h in reading.org_hits:
        for topic in vocab.org_topics.get(h.key, ()):
            topics[topic] += PLACE_WEIGHT["body"]
    return Emphasis(_shares(reading.country_scores()), _shares(topics))


def of_story(articles: list[dict]) -> Emphasis:
    """A story's weights: its articles' shares summed (`title`, `text`, `language` each)."""
    countries: Counter = Counter()
    topics: Counter = Counter()
    for article in articles:
        found = of_text(article.get("title") or "", article.get("text") or "", article.get("language") or "und")
        countries.update(found.countries)
        topics.update(found.topics)
    return Emphasis(dict(countries), dict(topics))


def heaviest_first(candidates: list[str], weights: dict[str, float]) -> list[str]:
    """`candidates` ordered by weight, heaviest first; ties keep the order given."""
    return sorted(candidates, key=lambda c: -weights.get(c, 0.0))


def region_wide(countries: list[str], weights: dict[str, float]) -> bool:
    """Three or more countries, none of them carrying MAIN_SHARE of their weight: a story about the
    region (an NGO review of seven countries is not Kazakh news)."""
    if len(countries) < 3:
        return False
    found = [weights.get(c, 0.0) for c in countries]
    return max(found) < MAIN_SHARE * sum(found) if sum(found) else True
