"""Never let a crawl be aimed at the operator's own network: refuse private, loopback and
link-local destinations (cloud metadata at 169.254.169.254 included), by literal IP or by what a
host name resolves to, for links, redirects and feed entries alike.

Loopback is allowed only when a run asks for it (`SSRF_ALLOW_LOOPBACK`, set by the demo, the
tests and `RIGHTSWATCH_ALLOW_LOOPBACK=1`), and then only the literal address 127.0.0.1: not the
rest of 127/8, not ::1 or ::ffff:127.0.0.1, not `localhost`, not a name resolving to loopback,
not 127.1 or 2130706433. Private and link-local ranges are refused always."""
from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.threads import deferToThread

logger = logging.getLogger(__name__)
SETTING = "SSRF_ALLOW_LOOPBACK"
LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
ALLOWED_LOOPBACK = "127.0.0.1"  # the one address the loopback allowance admits, spelled so


class RefusedAddress(IgnoreRequest):
    """A request whose destination is inside a private, loopback or link-local network."""


def refusal(address: str, allow_loopback: bool = False) -> str | None:
    """Why an IP address may not be fetched, or None when it is public (or allowed loopback)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    mapped = isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None
    if mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if allow_loopback and not mapped and str(ip) == ALLOWED_LOOPBACK else "loopback"
    if ip.is_link_local:
        return "link-local (cloud metadata)" if str(ip) == "169.254.169.254" else "link-local"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified or not ip.is_global:
        return "private"
    if isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network("fc00::/7"):
        return "private"
    return None


def literal_ip(host: str) -> str | None:
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        pass
    try:  # forms browsers accept for IPv4: 2130706433, 0x7f000001, 127.1
        return socket.inet_ntoa(socket.inet_aton(host)) if host and host[0].isdigit() else None
    except OSError:
        return None


def resolve(host: str, port: int | None) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return []  # the download will fail as a DNS error; nothing to refuse
    return sorted({info[4][0] for info in infos})


def check_host(host: str, port: int | None, allow_loopback: bool = False) -> str | None:
    """Why a host may not be fetched (after resolving a name), or None when it may."""
    host = (host or "").lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return "loopback"
    ip = literal_ip(host)
    addresses = [ip] if ip else resolve(host, port)
    for address in addresses:
        why = refusal(address, allow_loopback and host.strip("[]") == ALLOWED_LOOPBACK)
        if why:
            return f"{why} address {address}"
    return None


def check_url(url: str, allow_loopback: bool = False) -> str | None:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return "bad port"
    return check_host(parts.hostname or "", port, allow_loopback)


def check_literal(url: str, allow_loopback: bool = False) -> str | None:
    """Like check_url for IP literals and loopback names, without any name lookup: safe to call
    inside a spider callback, where a lookup would stall the reactor."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return "loopback"
    ip = literal_ip(host)
    why = refusal(ip, allow_loopback and host == ALLOWED_LOOPBACK) if ip else None
    return f"{why} address {ip}" if why else None


class RefusePrivate:
    """Downloader middleware: every request (redirects come back through here) is checked
    before any byte is sent; name lookups run in a thread and are remembered per host."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.allow_loopback = crawler.settings.getbool(SETTING, False)
        self.verdicts: dict[tuple[str, int | None], str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            return None
        key = ((parts.hostname or "").lower(), parts.port)
        if key in self.verdicts:
            return self._decide(request, self.verdicts[key])
        if literal_ip(key[0]) or key[0] in LOOPBACK_NAMES or key[0].endswith(".localhost"):
            self.verdicts[key] = check_host(key[0], key[1], self.allow_loopback)
            return self._decide(request, self.verdicts[key])
        lookup = deferToThread(check_host, key[0], key[1], self.allow_loopback)

        def decided(why):
            self.verdicts[key] = why
            return self._decide(request, why)
        return lookup.addCallback(decided)

    def _decide(self, request, why: str | None):
        if why is None:
            return None
        self.stats.inc_value("ssrf/refused")
        logger.warning("refused %s: %s", request.url, why)
        raise RefusedAddress(f"refused: {why} (private networks are never crawled)")
