"""Tag an article with topics, countries, organisations and a relevance score.

Vocabulary is data (``pipelines/vocab/*.toml``); matching is ``pipelines/gazetteer.py`` (word
starts, never substrings), all of it compiled into one gazetteer so that the title and the body
are each scanned once. Every language's vocabulary is scanned whatever ``language`` says,
because articles mix languages and detection errs; the declared language's own entries win
where they match ("protest" in Turkmen is read as Turkmen), and "!" entries need it.

Topics. ``lgbt`` and ``assembly`` stand on their own. A "?" (doubtful) entry such as Georgian
"აქცია" (a protest, but also a share or a sale) or "demonstration" (of a product, too) counts
only when the topic also has a plain hit or one of the topics in its ``support`` matched (an
arrest, a ban, rights defenders). The sub-topics (``detention``, ``ban``, ``violence``,
``legislation``, ``pride``, ``foreign-agent``) count only when a topic in their ``requires``
counted too: an arrest of drug dealers is not our detention. Hidden topics are context, never
reported: ``civil-society`` (NGOs, rights defenders, journalists), ``demand``, ``dispersal``, and
``gathering`` ("жиналды", "собрались", "blocked a road"), which ``counts_as`` assembly when
people also demanded something or were dispersed or detained.

Countries are the ones the text is about, not every one it names. Each mention weighs
3 in the title, 1.5 in the lead (the body's first sentence, see ``gazetteer.lead_length``)
and 1 further down; a demonym or adjective ("Kazakh", "армянский") weighs half a name, city,
institution or leader. A mention right after "like"/"как в" or before "сияқты" (like), and a
demonym right before a word such as "language", "striker", "cognac", are passing and weigh
nothing ("as in Russia", "Russian-language", "a Russian striker", "Armenian cognac"). A
country is tagged when its mentions weigh ``ABOUT`` (2) or more: a title mention of a name,
or a lead mention and another one. When none does, the heaviest ones
weighing at least 0.75 are taken, so a short text naming one city once still gets its country,
while an export market named once beside a country in the title does not. A list of three or
more countries ("in Armenia, Belarus, Kazakhstan and Kyrgyzstan") is what a report is about:
each of its mentions weighs ``ABOUT``.

Organisations: any alias names the organisation; "weak" aliases (ordinary words such as
"memorial") need a topic of their ``weak_context``. A hit inside a longer organisation's
name ("BMT" in "BMT Inson huquqlari qo'mitasi") does not count on its own. Naming an LGBT
group (its ``topics``) counts as an lgbt hit: "Equality Movement's march" is an LGBT story.

Relevance (0..1) is a capped sum: 0.25 for each rights topic (lgbt, assembly, foreign-agent)
present, +0.15 if it is in the title, +0.05 if the body repeats it three times or more; +0.10
per other accepted sub-topic (at most three); +0.15 when a region country is tagged; +0.05 when
a listed organisation is. Without a rights topic it is capped at 0.2; without any region
country it is scaled by 0.45, so a pride march in Berlin stays below the threshold.
"""
from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.gazetteer import Gazetteer, Hit, Tokens, fold, lead_length, tokenize
from pipelines.models import Tags

#: Articles scoring at or above this are "relevant". One rights topic plus one sub-topic in a
#: region country reaches it (a detained picketer in Almaty: 0.25+0.10+0.15 = 0.50); one
#: passing mention of a protest in a story about Almaty does not (0.25+0.15 = 0.40), nor does
#: anything outside the region (at most 1.0 x 0.45).
RELEVANCE_THRESHOLD: float = 0.5

VOCAB_DIR = Path(__file__).parent / "vocab"
CORE_TOPICS = ("lgbt", "assembly")
RIGHTS_TOPICS = ("lgbt", "assembly", "foreign-agent")
LANGUAGE_KEYS = ("kk", "ky", "ru", "uz-Cyrl", "uz-Latn", "tg", "tk", "hy", "az", "ka", "be", "uk", "en")

PLACE_WEIGHT = {"title": 3.0, "lead": 1.5, "body": 1.0}
KIND_WEIGHT = {"names": 1.0, "demonyms": 0.5}
ABOUT = 2.0
FALLBACK = 0.75
LIST_MIN = 3
NO_REGION = 0.45  # relevance factor without a region country: never relevant, still ordered

# the lists compiled into the one gazetteer
TOPIC, TOPIC_EXCLUDE, COUNTRY, COUNTRY_EXCLUDE, CONTRA, PASSING, ORG = (
    "topic", "topic-exclude", "country", "country-exclude", "contra", "passing", "org")


def _lang_base(key: str) -> str:
    return key.split("-")[0]  # "uz-Cyrl" -> "uz"


def _load(name: str) -> dict:
    with open(VOCAB_DIR / name, "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class _Vocab:
    gazetteer: Gazetteer
    requires: dict[str, tuple[str, ...]]
    support: dict[str, frozenset[str]]
    counts_as: dict[str, str]
    hidden: frozenset[str]
    joiners: frozenset[str]  # "and", "және", "და": words that join a list of countries
    weak_context: dict[str, frozenset[str]]
    org_topics: dict[str, frozenset[str]]  # an LGBT group's name is an lgbt hit


@cache
def vocabulary() -> _Vocab:
    """Load and compile the vocabulary files once per process."""
    g = Gazetteer()

    def add_languages(group: str, key: str, table: dict, kind: str = "") -> None:
        for language in LANGUAGE_KEYS:
            for pattern in table.get(language, []):
                g.add(key, pattern, _lang_base(language), kind, group)

    topic_table = _load("topics.toml")
    for key, spec in topic_table.items():
        add_languages(TOPIC, key, spec)
        for pattern in spec.get("exclude", []):
            g.add(key, pattern, group=TOPIC_EXCLUDE)

    country_table = _load("countries.toml")
    for where, spec in country_table.pop("passing").items():
        add_languages(PASSING, where, spec)
    joiners = frozenset(fold(w) for words in country_table.pop("lists")["joiners"].values() for w in words)
    for code, spec in country_table.items():
        for kind in KIND_WEIGHT:
            add_languages(COUNTRY, code, spec.get(kind, {}), kind)
        for pattern in spec.get("exclude", []):
            g.add(code, pattern, group=COUNTRY_EXCLUDE)
        for pattern in spec.get("contra", []):
            g.add(code, pattern, group=CONTRA)

    weak_context, org_topics = {}, {}
    for org in _load("organizations.toml")["organization"]:
        for kind in ("aliases", "weak"):
            for pattern in org.get(kind, []):
                g.add(org["name"], pattern, None, kind, ORG)
        weak_context[org["name"]] = frozenset(org.get("weak_context", []))
        org_topics[org["name"]] = frozenset(org.get("topics", []))

    return _Vocab(
        gazetteer=g,
        requires={k: tuple(v.get("requires", [])) for k, v in topic_table.items()},
        support={k: frozenset(v.get("support", [])) for k, v in topic_table.items()},
        counts_as={k: v["counts_as"] for k, v in topic_table.items() if "counts_as" in v},
        hidden=frozenset(k for k, v in topic_table.items() if v.get("hidden")),
        joiners=joiners, weak_context=weak_context, org_topics=org_topics,
    )


def forget() -> None:
    """Drop every remembered token, so the next article is tagged from a cold start."""
    vocabulary().gazetteer.forget()


class _Scan:
    """The hits of one text (a title or a body), by list, excluded phrases already removed."""

    def __init__(self, vocab: _Vocab, tokens: Tokens, language: str) -> None:
        self.tokens = tokens
        groups: dict[str, list[Hit]] = {}
        for h in vocab.gazetteer.find(tokens, language):
            groups.setdefault(h.entry.group, []).append(h)
        self.topics = self._kept(groups.get(TOPIC, []), groups.get(TOPIC_EXCLUDE, []))
        self.countries = self._kept(groups.get(COUNTRY, []), groups.get(COUNTRY_EXCLUDE, []))
        self.contra = {h.key for h in groups.get(CONTRA, [])}
        passing = groups.get(PASSING, [])
        self.passing = {h.end if h.key == "before" else h.start - 1 for h in passing if h.key != "qualifies"}
        self.qualified = {h.start - 1 for h in passing if h.key == "qualifies"}
        self.orgs = groups.get(ORG, [])

    @staticmethod
    def _kept(hits: list[Hit], excludes: list[Hit]) -> list[Hit]:
        """Hits, dropping those that start inside an excluded phrase for the same key."""
        if not excludes:
            return hits
        blocked = {(h.key, i) for h in excludes for i in range(h.start, h.end)}
        return [h for h in hits if (h.key, h.start) not in blocked]


def _topics(vocab: _Vocab, hits: list[Hit], implied: set[str]) -> tuple[set[str], set[str]]:
    """(topics that count, including hidden ones; the reported topics)."""
    plain = {h.key for h in hits if not h.entry.doubtful} | implied
    doubtful = {h.key for h in hits if h.entry.doubtful}
    for _ in range(2):  # a hidden topic found on support may count as its target (gathering -> assembly)
        found = plain | {t for t in doubtful if vocab.support.get(t, set()) & plain}
        plain |= {vocab.counts_as[t] for t in found if t in vocab.counts_as}
    accepted = {t for t in found if not vocab.requires.get(t)}
    for _ in range(2):  # a sub-topic may rest on another sub-topic (legislation on foreign-agent)
        accepted |= {t for t in found if set(vocab.requires.get(t, ())) & accepted}
    return found, accepted - vocab.hidden


def country_scores(vocab: _Vocab, head: _Scan, body: _Scan, lead: int) -> Counter:
    """How much the text is about each country (see the module docstring)."""
    contra = head.contra | body.contra
    scores: Counter = Counter()
    for part, scan in (("title", head), ("body", body)):
        best: dict[tuple[str, int], Hit] = {}  # the most specific entry at each position
        for h in scan.countries:
            if h.start in scan.passing or h.end - 1 in scan.passing or (h.entry.doubtful and h.key in contra):
                continue
            if h.entry.kind == "demonyms" and h.end - 1 in scan.qualified:
                continue
            other = best.get((h.key, h.start))
            if other is None or (h.entry.stem_length, -KIND_WEIGHT[h.entry.kind]) > \
                    (other.entry.stem_length, -KIND_WEIGHT[other.entry.kind]):
                best[h.key, h.start] = h
        listed = _listed(sorted(best.values(), key=lambda h: h.start), scan.tokens, vocab.joiners)
        for (code, start), h in best.items():
            place = part if part == "title" else ("lead" if start < lead else "body")
            weight = PLACE_WEIGHT[place] * KIND_WEIGHT[h.entry.kind]
            scores[code] += max(weight, ABOUT) if h in listed else weight
    return scores


def _listed(hits: list[Hit], tokens: Tokens, joiners: frozenset[str]) -> set[Hit]:
    """Mentions in a list of LIST_MIN or more countries ("Armenia, Belarus, Kazakhstan and
    Kyrgyzstan"): consecutive mentions with at most a joining word between them."""
    runs: list[list[Hit]] = []
    for h in hits:
        prev = runs[-1][-1] if runs else None
        gap = tokens.folded[prev.end:h.start] if prev else None
        if prev and h.start >= prev.end and (not gap or (len(gap) == 1 and gap[0] in joiners)):
            runs[-1].append(h)
        else:
            runs.append([h])
    return {h for run in runs if len({x.key for x in run}) >= LIST_MIN for h in run}


def _about(scores: Counter) -> set[str]:
    about = {code for code, score in scores.items() if score >= ABOUT}
    if not about and scores:
        top = max(scores.values())
        if top >= FALLBACK:
            about = {code for code, score in scores.items() if score == top}
    return about


def _organization_hits(scans: tuple[_Scan, ...]) -> list[Hit]:
    """Organisation hits, without those lying inside a longer name of another organisation."""
    kept = []
    for scan in scans:
        hits = scan.orgs
        kept += [h for h in hits if not any(o.key != h.key and o.start <= h.start and h.end <= o.end
                                             and o.end - o.start > h.end - h.start for o in hits)]
    return kept


def tag(title: str, text: str, language: str = "und") -> Tags:
    """Topics, countries, organisations and relevance of one article."""
    vocab = vocabulary()
    language = _lang_base(language or "und").lower()
    head = _Scan(vocab, tokenize(title or ""), language)
    body = _Scan(vocab, tokenize(text or ""), language)

    org_hits = _organization_hits((head, body))
    named = {h.key for h in org_hits if h.entry.kind == "aliases"}
    implied = {t for name in named for t in vocab.org_topics[name]}
    found, accepted = _topics(vocab, head.topics + body.topics, implied)
    countries = _about(country_scores(vocab, head, body, lead_length(text or "")))
    organizations = named | {h.key for h in org_hits if vocab.weak_context[h.key] & found}

    title_topics = {h.key for h in head.topics}
    body_counts = Counter(h.key for h in body.topics)
    score = 0.0
    for topic in RIGHTS_TOPICS:
        if topic in accepted:
            score += 0.25 + 0.15 * (topic in title_topics) + 0.05 * (body_counts[topic] >= 3)
    score += 0.10 * min(3, len(accepted - set(RIGHTS_TOPICS)))
    score += 0.15 * bool(countries) + 0.05 * bool(organizations)
    score = min(1.0, score)
    if not accepted & set(RIGHTS_TOPICS):
        score = min(score, 0.2)
    if not countries:
        score *= NO_REGION
    return Tags(
        topics=sorted(accepted),
        countries=sorted(countries),
        organizations=sorted(organizations),
        relevance=round(score, 3),
    )
