"""Watches as a step: read from `watches.toml` (and `[[watches]]` of the alert rules file), run
with every alert run, and tried out by `rightswatch watches list|test NAME`.

A watch looks at the articles that arrived (were loaded) in the last LOOKBACK_DAYS days: what
it says of a story is recorded once (pipelines/alerts/watch_alerts.py), so a run alerts only
the stories it has not alerted, and the ones that reached a new language since."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.errors import BadInput
from pipelines.alerts import watch_alerts
from pipelines.alerts.alert_config import AlertConfig
from pipelines.alerts.alerts import Alert
from pipelines.search import watches as saved
from warehouse import alert_state, db
from workflows.search import Filters, StoryHit, epoch, search_stories
from workflows.settings import PROJECT_ROOT, Settings

DEFAULT_WATCHES = PROJECT_ROOT / "watches.toml"
LOOKBACK_DAYS = 30
MAX_STORIES = 200  # stories a watch looks at in one run, best first


def read_watches(config: AlertConfig, path: Path | str | None = None) -> AlertConfig:
    """The alert settings with the watches of ``path`` (default: the project's watches.toml, when
    there is one) added to those of the rules file; a name used in both is bad input."""
    if path is None:
        if not DEFAULT_WATCHES.exists():
            return config
        path = DEFAULT_WATCHES
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: not a UTF-8 TOML file ({type(exc).__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: invalid TOML ({exc})") from None
    unknown = sorted(set(data) - {"watches"})
    if unknown:
        raise BadInput(f"{path}: unknown key '{unknown[0]}' (the file holds [[watches]] tables only)")
    found = saved.parse(data.get("watches", []), str(path), config.recipient_names())
    twice = sorted({w.name for w in found} & {w.name for w in config.watches})
    if twice:
        raise BadInput(f"{path}: watch '{twice[0]}' is also defined in {config.source}")
    return replace(config, watches=config.watches + found)


def by_name(config: AlertConfig, name: str) -> saved.SavedSearch:
    for watch in config.watches:
        if watch.name == name:
            return watch
    known = ", ".join(w.name for w in config.watches) or "none defined"
    raise BadInput(f"watch '{name}' not found (watches: {known})")


def filters(watch: saved.SavedSearch, now: datetime, days: int = LOOKBACK_DAYS) -> Filters:
    return Filters(languages=watch.languages, countries=watch.countries, topics=watch.topics,
                   loaded_since_epoch=epoch(now - timedelta(days=days)))


def matches(settings: Settings, con, watch: saved.SavedSearch, now: datetime,
            days: int = LOOKBACK_DAYS) -> list[StoryHit]:
    """The stories the watch matches among the articles loaded in the ``days`` before ``now``."""
    return search_stories(settings, con, watch.tree, filters(watch, now, days), limit=MAX_STORIES)


def evaluate(settings: Settings, con, config: AlertConfig, now: datetime) -> list[Alert]:
    """Each watch's new lines: a story it matches for the first time, or one it alerted that is
    now in languages it was not alerted in."""
    found = []
    for watch in config.watches:
        hits = matches(settings, con, watch, now)
        said = alert_state.watch_alerted(con, watch_alerts.prefix(watch.name))
        found += [watch_alerts.alert_of(line, watch.query)
                  for line in saved.alerts(watch, [h.as_dict() for h in hits], said)]
    return found


@dataclass
class Trial:
    """What `watches test` shows: the stories a watch would have matched, and which were alerted."""

    watch: saved.SavedSearch
    hits: list[StoryHit]
    alerted: dict[str, tuple[str, ...]]


def trial(settings: Settings, config: AlertConfig, name: str, now: datetime | None = None,
          days: int = LOOKBACK_DAYS) -> Trial:
    watch = by_name(config, name)
    now = now or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    settings.require_warehouse()
    with db.reader(settings.warehouse) as con:
        hits = matches(settings, con, watch, now, days)
        alerted = alert_state.watch_alerted(con, watch_alerts.prefix(watch.name))
    return Trial(watch, hits, alerted)
