"""One alert run: the rules over the warehouse, the digest written, each alert recorded once,
delivered to every recipient, and a failed delivery retried by the next run (never marked sent).

The CLI's `report` and Dagster's alert asset call `run_alerts`."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping

from core.errors import BadInput
from pipelines.alerts import alert_config, alerts
from pipelines.alerts.alert_config import AlertConfig
from pipelines.alerts import watch_alerts
from reports import charts, delivery, feeds
from reports.render import EXTENSIONS, FORMATS, render
from warehouse import alert_state, db, load, locks, sql
from workflows import watches
from workflows.settings import PROJECT_ROOT, Settings

DEFAULT_ALERTS = PROJECT_ROOT / "alerts.toml"
EPOCH = datetime(1970, 1, 1)
LATEST = "latest"
FEEDS = "feeds"  # <reports>/feeds/digest.xml and <reports>/feeds/<watch>.xml


@dataclass
class AlertRun:
    """What a run did, with nothing secret in it (recipients by label only)."""

    stem: str
    paths: list[Path]  # the files this run wrote; none when nothing was new (see `run_alerts`)
    counts: dict[str, int]
    headline: str
    latest: list[Path] = field(default_factory=list)  # latest.html|md|json: the newest report
    earlier: int = 0  # looking back: stories first published since then, in earlier reports
    delivered: list[str] = field(default_factory=list)  # labels of channels that got a message
    failed: list[tuple[str, str]] = field(default_factory=list)  # (label, redacted error)
    idle: list[str] = field(default_factory=list)  # labels of channels with nothing new to send
    notes: list[str] = field(default_factory=list)
    feeds: list[Path] = field(default_factory=list)  # feeds/digest.xml and one per watch

    @property
    def stories(self) -> int:
        return self.counts.get(alerts.NEW_STORY, 0)

    def metadata(self) -> dict:
        """Counts and paths for Dagster's asset metadata."""
        return {"headline": self.headline, **{k: v for k, v in self.counts.items()},
                "report": str((self.paths or self.latest or [""])[0]), "delivered": len(self.delivered),
                "failed_deliveries": len(self.failed), "nothing_new_for": len(self.idle), "feeds": len(self.feeds)}


def load_config(config: AlertConfig | Path | str | None = None) -> AlertConfig:
    """An AlertConfig as given, else the file, else the project's alerts.toml, else defaults."""
    if isinstance(config, AlertConfig):
        return config
    if config is None:
        return read_config(DEFAULT_ALERTS if DEFAULT_ALERTS.exists() else None)
    return read_config(config)


def load_with_watches(config: AlertConfig | Path | str | None = None,
                      watches_file: Path | str | None = None) -> AlertConfig:
    """The alert settings with every watch: the rules file's [[watches]] and the watches file's."""
    return watches.read_watches(load_config(config), watches_file)


def read_config(path: Path | str | None) -> AlertConfig:
    """The file's settings; None or a missing default file gives the defaults."""
    if path is None:
        return AlertConfig()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a directory, not a TOML file") from None
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 (byte {exc.start})") from None
    return alert_config.parse(text, str(path))


def _fetch(con, name: str, params: dict) -> list[dict]:
    return load.fetch_dicts(con, sql.query(name), params)


def _evaluate(settings: Settings, con, config: AlertConfig, now: datetime, since: datetime | None):
    """New alerts, the count of stories alerted before (when looking back) and the coverage series."""
    known = alert_state.alerted_ids(con)
    watch = config.watch
    clusters = _fetch(con, "alert_clusters", {"threshold": watch.min_relevance, "since": since or EPOCH,
                                              "lookback": since is not None})
    # stories alerted before and unchanged are only counted: their articles are not read
    earlier = [c for c in clusters if since is not None and c["alerted"] and alerts.watched(c, watch)
               and c["published_at"] and c["published_at"] >= since and not alerts.changed(c)]
    told = {c["cluster_id"] for c in earlier}
    members: dict[str, list[dict]] = {}
    wanted = [c["cluster_id"] for c in clusters if c["cluster_id"] not in told and alerts.watched(c, watch)]
    if wanted:
        for row in _fetch(con, "alert_cluster_members", {"cluster_ids": wanted}):
            members.setdefault(row["cluster_id"], []).append(row)
    found = alerts.new_stories(clusters, members, config, known)
    found += alerts.spreads(clusters, members, config, known)

    today = now.date()
    days = alerts.spike_days(today, config, since.date() if since else None)
    end = _fetch(con, "alert_last_day", {"threshold": watch.min_relevance, "last_day": today,
                                         "countries": list(watch.countries), "topics": list(watch.topics)})[0]["day"]
    end = end or today
    first_day = min(days[0] - timedelta(days=config.spike.baseline_days),
                    end - timedelta(days=config.chart_days - 1))
    daily = _fetch(con, "alert_daily_counts", {"threshold": watch.min_relevance, "first_day": first_day,
                                               "last_day": today})
    candidates = sorted({cid for row in daily if row["day"] in days and row["stories"] >= config.spike.min_count
                         for cid in row["cluster_ids"]})
    heads = {h["cluster_id"]: h for h in _fetch(con, "alert_cluster_heads", {"cluster_ids": candidates})} \
        if candidates else {}
    spikes = alerts.spikes(daily, days, config, known, heads)
    found += spikes
    found += alerts.silent_sources(_fetch(con, "alert_sources", {}), now, config, known)
    found += watches.evaluate(settings, con, config, now)

    coverage = charts.coverage(daily, end, config.chart_days, watch.countries, watch.topics,
                               [s.payload for s in spikes])
    return found, len(earlier), coverage


def latest_paths(out: Path, formats: list[str]) -> list[Path]:
    """`latest.html|md|json`: always the newest report written to `out`, a stable file to open."""
    return [out / f"{LATEST}.{EXTENSIONS[fmt]}" for fmt in formats]


def _write(digest: dict, formats: list[str], out: Path, stem: str) -> list[Path]:
    """The report's files, each written whole under a temporary name, then its `latest` copy."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, latest in zip(formats, latest_paths(out, formats)):
        text = render(digest, fmt)
        path = out / f"{stem}.{EXTENSIONS[fmt]}"
        for target in (path, latest):
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
        paths.append(path)
    return paths


def _write_feeds(con, config: AlertConfig, out: Path, now: datetime) -> list[Path]:
    """The digest's Atom feed and one per watch, rewritten whole from the recorded alerts."""
    folder = out / FEEDS
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [(feeds.DIGEST, "rightswatch: new stories", [alerts.NEW_STORY, alerts.STORY_SPREAD], None)]
    wanted += [(w.name, f"rightswatch watch {w.name}: {w.query}", [alerts.WATCH], watch_alerts.prefix(w.name))
               for w in config.watches]
    paths = []
    for name, title, kinds, prefix in wanted:
        rows = alert_state.feed_alerts(con, kinds, prefix, feeds.MAX_ENTRIES * 4)
        text = feeds.render(f"urn:rightswatch:feed:{name}", title, rows, now, watch=prefix is not None)
        path = folder / f"{name}.xml"
        tmp = path.with_suffix(".xml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        paths.append(path)
    return paths


def _record(con, found: list, channels: list[delivery.Target], config: AlertConfig, stem: str,
            now: datetime) -> None:
    """Record the run's alerts with a pending delivery for each channel they go to: every
    channel for the rules' alerts, a watch's own recipients for its lines."""
    keys = [c.key for c in channels]
    routes = {}
    for alert in found:
        if alert.kind == alerts.WATCH:
            wanted = set(next((w.recipients for w in config.watches if w.name == alert.payload["watch"]), ()))
            routes[alert.alert_id] = [c.key for c in channels if c.name in wanted]
    alert_state.record(con, found, stem, now, keys, routes)


def subject(digest: dict) -> str:
    return f"rightswatch {digest['generated_at'][:10]}: {digest['headline']}"


def _deliver(settings: Settings, channels: list[delivery.Target], backlog: dict[str, list[dict]],
             coverage: dict, now: datetime, stem: str, run: AlertRun) -> None:
    """Send each channel its own backlog (this run's alerts and any owed from earlier runs) and
    record the outcome right after that channel's send, so a run killed midway resends only
    what it had not sent."""
    with tempfile.TemporaryDirectory(prefix="rightswatch-send-") as tmp:
        for channel in channels:
            items = backlog.get(channel.key, [])
            if not items:
                run.idle.append(channel.label)
                continue
            owed = [alerts.Alert(i["alert_id"], i["kind"], i["payload"], i["cluster_id"]) for i in items]
            digest = alerts.digest(owed, generated=now, coverage=coverage)
            attachment = Path(tmp) / f"{stem}.html"
            attachment.write_text(render(digest, "html"), encoding="utf-8")
            result = delivery.send(channel, subject(digest), render(digest, "md"), [attachment])
            with db.writer(settings.warehouse) as con:
                alert_state.mark(con, [{"alert_id": i["alert_id"], "recipient": channel.key, "ok": result.ok,
                                        "error": result.error, "attempts": int(i["attempts"] or 0) + 1,
                                        "first_report": i["first_report"]} for i in items],
                                 datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0))
            if result.ok:
                run.delivered.append(channel.label)
            else:
                run.failed.append((channel.label, result.error or "delivery failed"))


def run_alerts(settings: Settings, *, send: bool | None = False, since: datetime | date | None = None,
               formats: list[str] | tuple[str, ...] = FORMATS, out: Path | None = None,
               config: AlertConfig | Path | str | None = None, environ: Mapping[str, str] | None = None,
               now: datetime | None = None, watches_file: Path | str | None = None) -> AlertRun:
    """Evaluate the rules, write the digest of what is new, record it, and deliver it.

    send: True delivers (no recipient is bad input), None delivers when a recipient is
    configured, False only writes. since: look for spikes since then, and count (not list)
    the stories first published since then that earlier reports held. An alert is recorded once, with a pending
    delivery per recipient that only a successful send marks sent.

    A run with nothing new writes no file (a report a day saying "nothing" buries the ones that
    matter) unless there is no latest report yet; `latest.*` stays the newest report with news."""
    config = load_with_watches(config, watches_file)
    environ = os.environ if environ is None else environ
    channels, notes = delivery.targets(config, environ) if send is not False else ([], [])
    if send is True and not channels:
        raise BadInput("--send: no recipient: set $RIGHTSWATCH_NOTIFY or a [recipients] entry in "
                       f"{config.source}" + (f" ({'; '.join(notes)})" if notes else ""))
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    now = now.astimezone(timezone.utc).replace(tzinfo=None) if now.tzinfo else now
    if isinstance(since, date) and not isinstance(since, datetime):
        since = datetime.combine(since, datetime.min.time())
    settings.require_warehouse()
    settings.ensure()
    target = out or settings.reports
    stem = f"report-{now.strftime('%Y%m%dT%H%M%SZ')}"
    # Runs take turns (CLI and Dagster alike): a delivery still pending when a run starts was
    # left by one that died before sending it, and is owed now, once.
    with locks.writer(settings.home, "report"):
        with db.writer(settings.warehouse) as con:
            found, earlier, coverage = _evaluate(settings, con, config, now, since)
            digest = alerts.digest(found, generated=now, since=since, earlier=earlier, coverage=coverage)
            # the files first: an alert is recorded only once a report holds it
            latest = latest_paths(target, list(formats))
            fresh = found or not all(p.exists() for p in latest)
            paths = _write(digest, list(formats), target, stem) if fresh else []
            _record(con, found, channels, config, stem, now)
            feed_paths = _write_feeds(con, config, target, now)
            backlog = alert_state.owed(con, [c.key for c in channels]) if channels else {}
        run = AlertRun(stem=stem, paths=paths, counts=digest["counts"], headline=digest["headline"], notes=notes,
                       latest=latest, earlier=earlier, feeds=feed_paths)
        if channels:
            _deliver(settings, channels, backlog, coverage, now, stem, run)
    return run
