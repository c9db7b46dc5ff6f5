"""Tag an article with topics, countries, organisations, a relevance score and the terms behind it.

Vocabulary is data (``vocab/*.toml`` beside this file); matching is ``gazetteer.py`` (word
starts, never substrings, spellings brought together by ``spelling.toml``), all of it compiled
into one gazetteer so that the title and the body are each scanned once. Every language's
vocabulary is scanned whatever ``language`` says, because articles mix languages and detection
errs; the declared language's own entries win where they match ("protest" in Turkmen is read as
Turkmen), and "!" entries need it. Lines that are not the article (menus, teasers of other
stories, read-also boxes: ``pipelines/inserts.py``) are left out before scanning.

Topics. ``lgbt`` and ``assembly`` stand on their own. A "?" (doubtful) entry such as Georgian
"აქცია" (a protest, but also a share or a sale) counts only when the topic also has a plain hit
or one of the topics in its ``support`` matched (an arrest, a ban, rights defenders). A "~" entry
counts only with a word of its topic's ``context`` within ``window`` words: "law" is legislation
only near law-making ("adopted", "bill", "parliament"), "taken away" is detention only near a
police station or a van. ``exclude`` phrases (false friends, negations: "law enforcement",
"no one was detained") stop the words inside them from counting. The sub-topics (``detention``,
``ban``, ``violence``, ``legislation``, ``pride``, ``foreign-agent``) count only when a topic in
their ``requires`` counted too: an arrest of drug dealers is not our detention. Hidden topics are
context, never reported: ``civil-society``, ``demand`` (a demand or a grievance), ``dispersal``,
and ``gathering`` ("жиналды", "собрались", "blocked a road"), which ``counts_as`` assembly when
people also demanded something or were dispersed or detained: a suppressed gathering is an
assembly even when no one wrote "protest".

Countries are the ones the text is about (``pipelines/aboutness.py``); a regional organisation
named in the text is one more mention of its country. A rights story that names no country, has
its rights topic in the title and names no other country's place or leader ("elsewhere") is about
the `home` country of its language: an Armenian report of a rally on Freedom Square is Armenian.

Organisations: any alias names the organisation; "weak" aliases (ordinary words such as
"memorial") need a topic of their ``weak_context``. A hit inside a longer organisation's name
("BMT" in "BMT Inson huquqlari qo'mitasi") does not count on its own. Naming an LGBT group (its
``topics``) counts as an lgbt hit: "Equality Movement's march" is an LGBT story.

Relevance (0..1) is a capped sum (its numbers are data: relevance.toml): each rights topic present
adds its ``weight`` (lgbt 0.35, assembly and foreign-agent 0.25), +0.15 if it is in the title or
the lead, +0.05 if the body repeats it three times or more; each other accepted topic with a weight
(sub-topics, a dispersal) adds it, together at most 0.30; +0.15 when a region country is tagged;
+0.05 when a listed organisation is. Without a rights topic it is capped at 0.2; without any region
country it is scaled by 0.45, so a pride march in Berlin stays below the threshold. The terms that
fired are returned with it ("lgbt: трансгендер", "detention: задержаны", "KZ: Алматы").
"""
from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.models import Tags
from pipelines.region import LANGUAGE_KEYS
from pipelines.tagging import aboutness
from pipelines.tagging.gazetteer import Gazetteer, Hit, Spelling, Tokens, fold, lead_length, tokenize
from pipelines.tagging.inserts import Inserts

VOCAB_DIR = Path(__file__).parent / "vocab"
CORE_TOPICS = ("lgbt", "assembly")
RIGHTS_TOPICS = ("lgbt", "assembly", "foreign-agent")

# The relevance weights are data (relevance.toml, with why each is what it is).
_RELEVANCE = tomllib.loads((Path(__file__).parent / "relevance.toml").read_text(encoding="utf-8"))
#: Articles scoring at or above this are "relevant".
RELEVANCE_THRESHOLD: float = _RELEVANCE["threshold"]
POSITION_BONUS = _RELEVANCE["position_bonus"]
REPEAT_BONUS = _RELEVANCE["repeat_bonus"]
OTHER_CAP = _RELEVANCE["other_cap"]
REGION_BONUS = _RELEVANCE["region_bonus"]
ORG_BONUS = _RELEVANCE["org_bonus"]
NO_RIGHTS_CAP = _RELEVANCE["no_rights_cap"]
NO_REGION = _RELEVANCE["no_region"]
TERMS_PER_TOPIC = 3
DEFAULT_WINDOW = 8

# the lists compiled into the one gazetteer
TOPIC, TOPIC_EXCLUDE, TOPIC_CONTRA, CONTEXT, COUNTRY, COUNTRY_EXCLUDE, CONTRA, PASSING, TRADE, ELSEWHERE, ORG = (
    "topic", "topic-exclude", "topic-contra", "context", "country", "country-exclude", "contra", "passing", "trade",
    "elsewhere", "org")


def _lang_base(key: str) -> str:
    return key.split("-")[0]  # "uz-Cyrl" -> "uz"


def _load(name: str) -> dict:
    with open(VOCAB_DIR / name, "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class _Vocab:
    gazetteer: Gazetteer
    inserts: Inserts
    requires: dict[str, tuple[str, ...]]
    support: dict[str, frozenset[str]]
    counts_as: dict[str, str]
    hidden: frozenset[str]
    weights: dict[str, float]
    windows: dict[str, int]
    context_topics: dict[str, tuple[str, ...]]  # topics whose hits are context too ("foreign agents law")
    joiners: frozenset[str]  # "and", "және", "და": words that join a list of countries
    region: frozenset[str]  # the country codes the gazetteer knows
    home: dict[str, str]  # language -> the country a rights story in it is about when it names none
    weak_context: dict[str, frozenset[str]]
    org_topics: dict[str, frozenset[str]]  # an LGBT group's name is an lgbt hit
    org_country: dict[str, str]


@cache
def vocabulary() -> _Vocab:
    """Load and compile the vocabulary files once per process."""
    spelling = Spelling.from_table(_load("spelling.toml"))
    g = Gazetteer(spelling)

    def add(key: str, pattern: str, language: str | None = None, kind: str = "", group: str = "") -> None:
        try:
            g.add(key, pattern, language, kind, group)
        except ValueError as exc:  # name the list, not just the pattern
            raise ValueError(f"vocabulary {group} {key!r} ({language or 'any language'}): {exc}") from None

    def add_languages(group: str, key: str, table: dict, kind: str = "") -> None:
        for language in LANGUAGE_KEYS:
            for pattern in table.get(language, []):
                add(key, pattern, _lang_base(language), kind, group)

    def add_any(group: str, key: str, patterns: list | dict) -> None:
        if isinstance(patterns, dict):  # per language key
            add_languages(group, key, patterns)
        else:
            for pattern in patterns:
                add(key, pattern, group=group)

    topic_table = _load("topics.toml")
    for key, spec in topic_table.items():
        add_languages(TOPIC, key, spec)
        add_any(TOPIC_EXCLUDE, key, spec.get("exclude", []))
        add_languages(CONTEXT, key, spec.get("context", {}))
        add_languages(TOPIC_CONTRA, key, spec.get("contra", {}))

    country_table = _load("countries.toml")
    for where, spec in country_table.pop("passing").items():
        add_languages(PASSING, where, spec)
    lists = country_table.pop("lists")
    joiners = frozenset(spelling.letter(fold(w)) for words in lists["joiners"].values() for w in words)
    add_languages(TRADE, "trade", lists.get("passing", {}))
    add_languages(ELSEWHERE, "elsewhere", country_table.pop("elsewhere", {}))
    for code, spec in country_table.items():
        for kind in aboutness.KIND_WEIGHT:
            add_languages(COUNTRY, code, spec.get(kind, {}), kind)
        add_any(COUNTRY_EXCLUDE, code, spec.get("exclude", []))
        for pattern in spec.get("contra", []):
            add(code, pattern, group=CONTRA)

    weak_context, org_topics, org_country = {}, {}, {}
    for org in _load("organizations.toml")["organization"]:
        for kind in ("aliases", "weak"):
            for pattern in org.get(kind, []):
                add(org["name"], pattern, None, kind, ORG)
        weak_context[org["name"]] = frozenset(org.get("weak_context", []))
        org_topics[org["name"]] = frozenset(org.get("topics", []))
        org_country[org["name"]] = org["country"]

    return _Vocab(
        gazetteer=g,
        inserts=Inserts.from_table(_load("inserts.toml"), spelling.letters),
        requires={k: tuple(v.get("requires", [])) for k, v in topic_table.items()},
        support={k: frozenset(v.get("support", [])) for k, v in topic_table.items()},
        counts_as={k: v["counts_as"] for k, v in topic_table.items() if "counts_as" in v},
        hidden=frozenset(k for k, v in topic_table.items() if v.get("hidden")),
        weights={k: v["weight"] for k, v in topic_table.items() if "weight" in v},
        windows={k: v.get("window", DEFAULT_WINDOW) for k, v in topic_table.items()},
        context_topics={k: tuple(v.get("context_topics", [])) for k, v in topic_table.items()},
        joiners=joiners, region=frozenset(country_table),
        home={language: code for code, spec in country_table.items() for language in spec.get("home", [])},
        weak_context=weak_context, org_topics=org_topics, org_country=org_country,
    )


def forget() -> None:
    """Drop every remembered token, so the next article is tagged from a cold start."""
    vocabulary().gazetteer.forget()


class _Scan:
    """The hits of one text (a title or a body), by list; excluded phrases and "~" hits without
    their context already removed."""

    def __init__(self, vocab: _Vocab, tokens: Tokens, language: str) -> None:
        self.tokens = tokens
        groups: dict[str, list[Hit]] = {}
        for h in vocab.gazetteer.find(tokens, language):
            groups.setdefault(h.entry.group, []).append(h)
        topics = self._kept(groups.get(TOPIC, []), groups.get(TOPIC_EXCLUDE, []))
        topics = self._vetoed(topics, groups.get(TOPIC_CONTRA), vocab.windows)
        self.topics = self._in_context(topics, groups.get(CONTEXT, []), vocab)
        self.countries = self._kept(groups.get(COUNTRY, []), groups.get(COUNTRY_EXCLUDE, []))
        self.contra = {h.key for h in groups.get(CONTRA, [])}
        passing = groups.get(PASSING, [])
        self.passing = {h.end if h.key == "before" else h.start - 1 for h in passing if h.key != "qualifies"}
        self.qualified = {h.start - 1 for h in passing if h.key == "qualifies"}
        self.trade = [h.start for h in groups.get(TRADE, [])]
        self.elsewhere = [h.start for h in groups.get(ELSEWHERE, [])]
        self.orgs = groups.get(ORG, [])

    @staticmethod
    def _kept(hits: list[Hit], excludes: list[Hit]) -> list[Hit]:
        """Hits, dropping those that start inside an excluded phrase for the same key."""
        if not excludes:
            return hits
        blocked = {(h.key, i) for h in excludes for i in range(h.start, h.end)}
        return [h for h in hits if (h.key, h.start) not in blocked]

    @staticmethod
    def _vetoed(hits: list[Hit], contra: list[Hit] | None, windows: dict[str, int]) -> list[Hit]:
        """Hits, dropping those with a `contra` word of their topic within the window (a delayed
        flight is not a detention)."""
        if not contra:
            return hits
        return [h for h in hits if not any(c.key == h.key and c.start <= h.end + windows[h.key]
                                           and c.end >= h.start - windows[h.key] for c in contra)]

    @staticmethod
    def _in_context(hits: list[Hit], context: list[Hit], vocab: _Vocab) -> list[Hit]:
        """Hits, dropping "~" ones with no context word (or context topic hit) within the window."""
        if not any(h.entry.needs_context for h in hits):
            return hits
        near: dict[str, list[tuple[int, int]]] = {}
        for c in context:
            near.setdefault(c.key, []).append((c.start, c.end))
        for topic, others in vocab.context_topics.items():
            near.setdefault(topic, []).extend((h.start, h.end) for h in hits
                                              if h.key in others and not h.entry.needs_context)
        kept = []
        for h in hits:
            if h.entry.needs_context:
                w = vocab.windows[h.key]
                low, high = h.start - w, h.end + w
                if not any(start <= high and end >= low and (start, end) != (h.start, h.end)
                           for start, end in near.get(h.key, ())):
                    continue
            kept.append(h)
        return kept


def _topics(vocab: _Vocab, hits: list[Hit], implied: set[str]) -> tuple[set[str], set[str]]:
    """(topics that count, including hidden ones; the reported topics)."""
    plain = {h.key for h in hits if not h.entry.doubtful} | implied
    doubtful = {h.key for h in hits if h.entry.doubtful}
    for _ in range(2):  # a hidden topic found on support may count as its target (gathering -> assembly)
        found = plain | {t for t in doubtful if vocab.support.get(t, set()) & plain}
        plain |= {vocab.counts_as[t] for t in found if t in vocab.counts_as}
    found = plain | {t for t in doubtful if vocab.support.get(t, set()) & plain}
    accepted = {t for t in found if not vocab.requires.get(t)}
    for _ in range(2):  # a sub-topic may rest on another sub-topic (legislation on foreign-agent)
        accepted |= {t for t in found if set(vocab.requires.get(t, ())) & accepted}
    return found, accepted - vocab.hidden


def _organization_hits(scans: tuple[_Scan, ...]) -> list[Hit]:
    """Organisation hits, without those lying inside a longer name of another organisation."""
    kept = []
    for scan in scans:
        hits = scan.orgs
        kept += [h for h in hits if not any(o.key != h.key and o.start <= h.start and h.end <= o.end
                                             and o.end - o.start > h.end - h.start for o in hits)]
    return kept


def _countries(vocab: _Vocab, head: _Scan, body: _Scan, lead: int, named: set[str], found: set[str],
               counted: set[str]) -> Counter:
    """How much the text is about each country (``pipelines/aboutness.py``); a list counts near a
    topic that ``counted`` (or its hidden context) or an organisation."""
    contra = head.contra | body.contra
    scores: Counter = Counter()
    for place, scan in (("title", head), ("body", body)):
        mentions = aboutness.best_mentions(scan.countries, scan.passing, scan.qualified, contra)
        if mentions:
            keys = counted | {k for k, target in vocab.counts_as.items() if target in found and target in counted}
            near = [h.start for h in scan.topics if h.key in keys]
            aboutness.add_scores(scores, mentions, scan.tokens, vocab.joiners, place, lead,
                                 near + [h.start for h in scan.orgs], scan.trade)
    for name in named:
        if vocab.org_country[name] in vocab.region:
            scores[vocab.org_country[name]] += aboutness.PLACE_WEIGHT["body"]
    return scores


def _home_story(vocab: _Vocab, head: _Scan, body: _Scan, accepted: set[str], found: set[str]) -> bool:
    """A rights story that names no country is about its language's country when its title holds
    the rights topic and it names no other country at all (world news names somewhere)."""
    if head.elsewhere or body.elsewhere:
        return False
    return bool({_as_topic(vocab, h.key, found) for h in head.topics} & accepted & set(RIGHTS_TOPICS))


def _as_topic(vocab: _Vocab, key: str, found: set[str]) -> str:
    """The topic a hit stands for: a gathering that counted as assembly is an assembly hit."""
    target = vocab.counts_as.get(key)
    return target if target in found else key


def _relevance(vocab: _Vocab, found: set[str], accepted: set[str], head: _Scan, body: _Scan, lead: int,
               countries: set[str], organizations: set[str]) -> float:
    prominent = {_as_topic(vocab, h.key, found) for h in head.topics} | \
        {_as_topic(vocab, h.key, found) for h in body.topics if h.start < lead}
    body_counts = Counter(_as_topic(vocab, h.key, found) for h in body.topics)
    score = 0.0
    for topic in RIGHTS_TOPICS:
        if topic in accepted:
            score += vocab.weights[topic] + POSITION_BONUS * (topic in prominent) \
                + REPEAT_BONUS * (body_counts[topic] >= 3)
    scored = (accepted | (found & vocab.hidden if accepted & set(CORE_TOPICS) else set())) - set(RIGHTS_TOPICS)
    score += min(OTHER_CAP, sum(vocab.weights.get(t, 0.0) for t in scored))
    score += REGION_BONUS * bool(countries) + ORG_BONUS * bool(organizations)
    score = min(1.0, score)
    if not accepted & set(RIGHTS_TOPICS):
        score = min(score, NO_RIGHTS_CAP)
    if not countries:
        score *= NO_REGION
    return round(score, 3)


def _terms(vocab: _Vocab, found: set[str], accepted: set[str], scans: tuple[_Scan, ...], countries: set[str],
           implied: dict[str, list[str]]) -> list[str]:
    """The words that made each reported topic and country, as written, a few per topic."""
    terms: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}

    def note(what: str, words: list[str]) -> None:
        term = " ".join(words)
        if term.casefold() not in seen.setdefault(what, set()):
            seen[what].add(term.casefold())
            terms.setdefault(what, []).append(term)

    def full(what: str) -> bool:
        return len(terms.get(what, ())) >= TERMS_PER_TOPIC

    for scan in scans:
        # hits come by start, then end: of hits starting together the longest phrase is noted,
        # and hits inside a noted phrase are not
        pending: dict[str, tuple[int, int]] = {}
        for h in scan.topics:
            topic = _as_topic(vocab, h.key, found)
            if topic not in accepted:
                continue
            last = pending.get(topic)
            if last is None or h.start >= last[1]:
                if last is not None and not full(topic):
                    note(topic, scan.tokens.raw[last[0]:last[1]])
                pending[topic] = (h.start, h.end)
            elif h.start == last[0] and h.end > last[1]:
                pending[topic] = (h.start, h.end)
        for topic, (start, end) in pending.items():
            if not full(topic):
                note(topic, scan.tokens.raw[start:end])
        for h in scan.countries:
            if h.key in countries and not full(h.key):
                note(h.key, scan.tokens.raw[h.start:h.end])
    for topic, names in implied.items():
        for name in names:
            if not full(topic):
                note(topic, [name])
    order = sorted(accepted) + sorted(countries)
    return [f"{what}: {term}" for what in order for term in terms.get(what, [])]


@dataclass
class Reading:
    """One article as the tagger reads it: its scans and what they add up to (``tag`` reports it;
    ``pipelines/emphasis.py`` weighs it)."""
    vocab: _Vocab
    head: _Scan
    body: _Scan
    lead: int
    org_hits: list[Hit]
    implied: dict[str, list[str]]
    found: set[str]
    accepted: set[str]
    organizations: set[str]

    def country_scores(self) -> Counter:
        counted = self.accepted | (self.found & self.vocab.hidden)
        return _countries(self.vocab, self.head, self.body, self.lead, self.organizations, self.found, counted)


def read(title: str, text: str, language: str = "und") -> Reading:
    vocab = vocabulary()
    language = _lang_base(language or "und").lower()
    text = vocab.inserts.article(text or "")
    head = _Scan(vocab, tokenize(title or ""), language)
    body = _Scan(vocab, tokenize(text), language)
    org_hits = _organization_hits((head, body))
    named = {h.key for h in org_hits if h.entry.kind == "aliases"}
    implied: dict[str, list[str]] = {}
    for name in sorted(named):
        for topic in vocab.org_topics[name]:
            implied.setdefault(topic, []).append(name)
    found, accepted = _topics(vocab, head.topics + body.topics, set(implied))
    organizations = named | {h.key for h in org_hits if vocab.weak_context[h.key] & found}
    return Reading(vocab, head, body, lead_length(text), org_hits, implied, found, accepted, organizations)


def tag(title: str, text: str, language: str = "und") -> Tags:
    """Topics, countries, organisations, relevance and the terms behind them, of one article."""
    r = read(title, text, language)
    vocab, head, body, found, accepted = r.vocab, r.head, r.body, r.found, r.accepted
    countries = aboutness.about(r.country_scores())
    language = _lang_base(language or "und").lower()
    if not countries and language in vocab.home and _home_story(vocab, head, body, accepted, found):
        countries = {vocab.home[language]}
    return Tags(
        topics=sorted(accepted),
        countries=sorted(countries),
        organizations=sorted(r.organizations),
        relevance=_relevance(vocab, found, accepted, head, body, r.lead, countries, r.organizations),
        relevance_terms=_terms(vocab, found, accepted, (head, body), countries, r.implied),
    )
