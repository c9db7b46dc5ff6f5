"""Shared fixtures: the demo site on loopback and its registry, a demo home, a Redis server (their
helpers, like every helper tests share, live in tests/support/)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.project import free_port


@pytest.fixture(scope="session")
def demo_site():
    from scrapers.demo_site import server
    with server.serve() as site:
        yield site


@pytest.fixture
def demo_sources(demo_site, tmp_path) -> Path:
    from scrapers.demo_site import server
    path = tmp_path / "sources.toml"
    path.write_text(server.sources_toml(demo_site.base_url), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory):
    """`rightswatch demo` run twice on one fixed port in one temporary home: (home, out1, out2)."""
    home = tmp_path_factory.mktemp("demo-home")
    port = str(free_port())
    first = run_cli("demo", "--port", port, home=home)
    assert first.returncode == 0, first.stderr[-2000:]
    second = run_cli("demo", "--port", port, home=home)
    assert second.returncode == 0, second.stderr[-2000:]
    return home, first.stdout, second.stdout


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server on a free loopback port for one test module."""
    from scrapers.redis_local import LocalRedis, binary
    if binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run installs it)")
    server = LocalRedis(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()
