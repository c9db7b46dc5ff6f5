"""The alert rules' settings from the text of `alerts.toml`: every key checked, a bad one named in one line."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from core.errors import BadInput
from pipelines import region
from pipelines.search import watches as saved_searches


@dataclass(frozen=True)
class Watch:
    countries: tuple[str, ...] = tuple(region.COUNTRIES)
    topics: tuple[str, ...] = ("lgbt", "assembly")
    languages: tuple[str, ...] = ()
    min_relevance: float = 0.5


@dataclass(frozen=True)
class Spike:
    enabled: bool = True
    baseline_days: int = 28
    min_count: int = 3
    p_value: float = 0.01
    min_baseline: float = 0.1
    lookback_days: int = 2


@dataclass(frozen=True)
class Silent:
    enabled: bool = True
    failing_runs: int = 3
    quiet_days: int = 7
    quiet_days_by_category: dict = field(default_factory=lambda: {"ngo": 45})

    def quiet_days_for(self, category: str | None) -> int:
        return int(self.quiet_days_by_category.get(category or "", self.quiet_days))


@dataclass(frozen=True)
class Recipient:
    """A named recipient: its URLs given here, or the name of the variable holding them."""

    name: str
    env: str | None = None
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlertConfig:
    watch: Watch = Watch()
    new_story: bool = True
    story_spread: bool = True
    spike: Spike = Spike()
    silent: Silent = Silent()
    chart_days: int = 30
    recipients: tuple[Recipient, ...] = ()
    watches: tuple[saved_searches.SavedSearch, ...] = ()  # [[watches]]: saved searches that alert
    source: str = "defaults"

    def recipient_names(self) -> set[str]:
        """Names a watch may send to: the [recipients] and $RIGHTSWATCH_NOTIFY's `notify`."""
        return {r.name for r in self.recipients} | {NOTIFY_NAME}


# section -> key -> (type, check) ; the check returns an error text or None
_POSITIVE = (lambda v: None if v > 0 else "must be > 0")
_SCHEMA = {
    "watch": {"countries": (list, None), "topics": (list, None), "languages": (list, None),
              "min_relevance": (float, lambda v: None if 0 <= v <= 1 else "must be within 0..1")},
    "new_story": {"enabled": (bool, None)},
    "story_spread": {"enabled": (bool, None)},
    "spike": {"enabled": (bool, None), "baseline_days": (int, _POSITIVE), "min_count": (int, _POSITIVE),
              "p_value": (float, lambda v: None if 0 < v < 1 else "must be within 0..1"),
              "min_baseline": (float, _POSITIVE), "lookback_days": (int, _POSITIVE)},
    "silent_source": {"enabled": (bool, None), "failing_runs": (int, _POSITIVE),
                      "quiet_days": (int, _POSITIVE), "quiet_days_by_category": (dict, None)},
    "chart": {"days": (int, _POSITIVE)},
    "recipients": {},
    "watches": {},
}
NOTIFY_NAME = "notify"  # the recipient $RIGHTSWATCH_NOTIFY stands for


def _checked(where: str, table: dict, section: str) -> dict:
    schema = _SCHEMA[section]
    out = {}
    for key, value in table.items():
        if key not in schema:
            raise BadInput(f"{where}: [{section}] unknown key '{key}' (expected one of {', '.join(schema)})")
        kind, check = schema[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise BadInput(f"{where}: [{section}] '{key}' must be {kind.__name__}, not {type(value).__name__}")
        if kind is list and not all(isinstance(item, str) and item for item in value):
            raise BadInput(f"{where}: [{section}] '{key}' must be a list of non-empty strings")
        problem = check(value) if check else None
        if problem:
            raise BadInput(f"{where}: [{section}] '{key}' {problem}")
        out[key] = value
    return out


def _recipients(where: str, table: dict) -> tuple[Recipient, ...]:
    found = []
    for name, spec in table.items():
        if not isinstance(spec, dict):
            raise BadInput(f"{where}: [recipients.{name}] must be a table with 'env' or 'urls'")
        unknown = set(spec) - {"env", "urls"}
        if unknown:
            raise BadInput(f"{where}: [recipients.{name}] unknown key '{sorted(unknown)[0]}' (expected env, urls)")
        env, urls = spec.get("env"), spec.get("urls", [])
        if env is not None and (not isinstance(env, str) or not env):
            raise BadInput(f"{where}: [recipients.{name}] 'env' must be a variable name")
        if not isinstance(urls, list) or not all(isinstance(u, str) and u for u in urls):
            raise BadInput(f"{where}: [recipients.{name}] 'urls' must be a list of apprise URLs")
        if env is None and not urls:
            raise BadInput(f"{where}: [recipients.{name}] needs 'env' or 'urls'")
        found.append(Recipient(name=name, env=env, urls=tuple(urls)))
    return tuple(found)


def parse(text: str, where: str = "alerts.toml") -> AlertConfig:
    """Settings from TOML text; raises BadInput naming the file, section and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{where}: invalid TOML ({exc})") from None
    for section, table in data.items():
        if section == "watches":
            continue  # [[watches]]: an array of tables, checked with the recipients below
        if section not in _SCHEMA:
            raise BadInput(f"{where}: unknown section [{section}] (expected one of {', '.join(_SCHEMA)})")
        if not isinstance(table, dict):
            raise BadInput(f"{where}: '{section}' must be a table")
    watch = _checked(where, data.get("watch", {}), "watch")
    spike = _checked(where, data.get("spike", {}), "spike")
    silent = _checked(where, data.get("silent_source", {}), "silent_source")
    by_category = silent.pop("quiet_days_by_category", None)
    if by_category is not None:
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in by_category.values()):
            raise BadInput(f"{where}: [silent_source.quiet_days_by_category] values must be positive integers")
        silent["quiet_days_by_category"] = dict(by_category)
    watch = {k: tuple(v) if isinstance(v, list) else v for k, v in watch.items()}
    return AlertConfig(
        watch=Watch(**watch),
        new_story=_checked(where, data.get("new_story", {}), "new_story").get("enabled", True),
        story_spread=_checked(where, data.get("story_spread", {}), "story_spread").get("enabled", True),
        spike=Spike(**spike), silent=Silent(**silent),
        chart_days=_checked(where, data.get("chart", {}), "chart").get("days", 30),
        recipients=(recipients := _recipients(where, data.get("recipients", {}))),
        watches=saved_searches.parse(data.get("watches", []), where, {r.name for r in recipients} | {NOTIFY_NAME}),
        source=where)
