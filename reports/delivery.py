"""Deliver a digest through apprise (email, Telegram, Slack, webhooks) to named recipients.

A recipient's URLs carry secrets (passwords, bot tokens, webhook keys): they are never
printed, logged or stored. What leaves this module names a recipient by its name, the URL's
scheme (`analysts (mailto)`, `analysts#2 (tgram)` for its second URL); any error text is
redacted first."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import parse_qsl, unquote, urlsplit

from core.errors import BadInput
from pipelines.alerts.alert_config import NOTIFY_NAME, AlertConfig

NOTIFY_ENV = "RIGHTSWATCH_NOTIFY"
REDACTED = "***"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SPLIT = re.compile(r"\s+|,(?=\s*[a-zA-Z][a-zA-Z0-9+.-]*://)")


@dataclass(frozen=True)
class Target:
    """One apprise URL of one named recipient; `repr` and `label` never show the URL."""

    name: str
    url: str = field(repr=False)
    position: int = 1  # which of the recipient's URLs: its deliveries follow the position

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower()

    @property
    def key(self) -> str:
        """Stable id of this delivery channel: the recipient's name (`name#2` for its second URL),
        never the URL or its hash, so a corrected URL (new password, scheme or host) still
        receives what is owed to the recipient."""
        return self.name if self.position == 1 else f"{self.name}#{self.position}"

    @property
    def label(self) -> str:
        return f"{self.key} ({self.scheme})"


def split_urls(value: str) -> list[str]:
    """Apprise URLs separated by spaces or commas; a comma inside a URL (mailto's `to=a,b`) stays."""
    return [part.strip() for part in _SPLIT.split(value or "") if part and part.strip()]


def _checked(urls: list[str], where: str) -> list[str]:
    import apprise
    for n, url in enumerate(urls, 1):
        scheme = url.split("://", 1)[0] if "://" in url else ""
        if not _SCHEME.match(url) or apprise.Apprise.instantiate(url, suppress_exceptions=True) is None:
            shown = f"scheme '{scheme}'" if scheme else "no scheme"
            raise BadInput(f"{where}: URL {n} is not an apprise URL ({shown}; the URL itself is not shown)")
    return urls


def targets(config: AlertConfig, environ: Mapping[str, str]) -> tuple[list[Target], list[str]]:
    """Every delivery channel: $RIGHTSWATCH_NOTIFY, then the recipients of alerts.toml.

    Returns the targets and notes on recipients left out (a variable not set)."""
    found, notes = [], []
    if environ.get(NOTIFY_ENV, "").strip():
        found += _numbered(NOTIFY_NAME, _checked(split_urls(environ[NOTIFY_ENV]), f"${NOTIFY_ENV}"), found)
    for recipient in config.recipients:
        urls = list(recipient.urls)
        where = f"{config.source}: [recipients.{recipient.name}]"
        if recipient.env:
            value = environ.get(recipient.env, "")
            if not value.strip() and not urls:
                notes.append(f"recipient {recipient.name}: ${recipient.env} is not set")
                continue
            where = f"${recipient.env} (recipient {recipient.name})"
            urls += split_urls(value)
        found += _numbered(recipient.name, _checked(urls, where), found)
    return found, notes


def _numbered(name: str, urls: list[str], before: list[Target]) -> list[Target]:
    """A recipient's channels numbered after any it already has; a URL listed twice is sent to once."""
    known = {t.url for t in before if t.name == name}
    start = sum(t.name == name for t in before)
    fresh = [url for url in dict.fromkeys(urls) if url not in known]
    return [Target(name, url, start + n) for n, url in enumerate(fresh, 1)]


def secrets_of(url: str) -> list[str]:
    """The parts of a URL that may be secret: the URL, its user info, path segments, query values."""
    parts = [url]
    try:
        split = urlsplit(url)
    except ValueError:
        return parts
    netloc = split.netloc
    if "@" in netloc:
        parts.append(netloc.rsplit("@", 1)[0])
    for piece in re.split(r"[@:]", netloc):
        # a bot token or key can sit where a host or port would be (tgram://ID:TOKEN/chat)
        if not re.fullmatch(r"[\d.]+|localhost", piece) or (piece.isdigit() and len(piece) > 5):
            parts.append(piece)
    parts += [seg for seg in split.path.split("/") if seg]
    parts += [value for _, value in parse_qsl(split.query)]
    expanded = parts + [unquote(p) for p in parts]
    return sorted({p for p in expanded if len(p) >= 4}, key=len, reverse=True)


def redact(text: str, urls: list[str]) -> str:
    """Text with every secret-looking part of `urls` replaced by ***."""
    for secret in sorted({s for url in urls for s in secrets_of(url)}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


@dataclass
class Outcome:
    target: Target
    ok: bool
    error: str | None = None  # redacted


def send(target: Target, subject: str, body: str, attachments: list[Path]) -> Outcome:
    """One message through apprise; apprise's own log is captured, redacted, never printed."""
    import apprise

    log = logging.getLogger("apprise")
    propagate = log.propagate
    log.propagate = False  # nothing reaches the root logger or stderr unredacted
    try:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
            notifier = apprise.Apprise()
            plugin = apprise.Apprise.instantiate(target.url, suppress_exceptions=True)
            if plugin is not None and "overflow=" not in target.url:
                # a chat service's size limit splits a long digest rather than refusing it
                plugin.overflow_mode = apprise.common.OverflowMode.SPLIT
            notifier.add(plugin if plugin is not None else target.url)
            attach = apprise.AppriseAttachment()
            for path in attachments:
                attach.add(str(path))
            try:
                ok = bool(notifier.notify(body=body, title=subject, body_format=apprise.NotifyFormat.MARKDOWN,
                                          attach=attach if attachments else None))
                error = None if ok else (captured.getvalue().strip() or "delivery failed")
            except Exception as exc:  # a plugin error must not stop the other recipients
                ok, error = False, f"{type(exc).__name__}: {exc}"
    finally:
        log.propagate = propagate
    if error:
        error = " ".join(redact(error, [target.url]).split())[:300]
    return Outcome(target, ok, error)
