"""Where things are for the tests: the project, its fixtures, the shared evaluation data beside
it, and a free loopback port."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent
SHARED = PROJECT.parent / "shared"
FIXTURES = PROJECT / "tests" / "fixtures"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data absent: {path.relative_to(SHARED.parent)} (evaluation data lives beside the project)")
    return path


def free_port() -> int:
    """A free loopback port (nothing listens on it: connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
