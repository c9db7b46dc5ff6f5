"""Serve the desk with uvicorn: loopback unless asked, a warning (or a token) when not."""
from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
from typing import Callable

from core.errors import BadInput
from workflows.settings import Settings

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8787


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, config, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          token: str | None = None, echo: Callable[[str], None] = print,
          warn: Callable[[str], None] = print) -> None:
    """Serve until interrupted: the address to `echo` once listening (with the token, if any; "auto"
    makes one), a warning to `warn` when the address is reachable from elsewhere without a token."""
    import uvicorn

    from desk import render
    from desk.app import create_app
    from workflows import desk

    settings.require_warehouse()
    if not 0 <= port <= 65535:
        raise BadInput(f"--port: {port} is not a port number (0-65535)")
    loopback = is_loopback(host)
    if token == "auto":
        token = secrets.token_urlsafe(18)
    if not loopback and not token:
        warn(f"warning: the desk has no login: anyone who can reach {host}:{port} reads the whole warehouse; "
             "--token TOKEN (or --token auto) requires one")
    app = create_app(settings, config, loopback=loopback, token=token)
    sock = _bind(host, port)
    bound = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                           lifespan="off"))
    shown = f"[{host}]" if ":" in host else host
    echo(f"the desk of {settings.home}: http://{shown}:{bound}/" + (f"?token={token}" if token else "")
         + "  (read-only; Ctrl-C stops it)")
    desk.start(settings, config)  # the warehouse opened and warmed now, not on the first page
    threading.Thread(target=render.warm, name="desk-templates", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        desk.stop()


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the address is printed (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise BadInput(f"--host/--port: cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
