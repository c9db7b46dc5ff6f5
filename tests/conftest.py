"""Shared fixtures: the shared data folder, the demo site on loopback, a CLI runner."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data absent: {path.relative_to(SHARED.parent)} (evaluation data lives beside the project)")
    return path


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


def run_cli(*args: str, home: Path | None = None, stdin: str | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """The real console script in a subprocess, as an analyst runs it."""
    env = dict(os.environ)
    env.pop("RIGHTSWATCH_HOME", None)
    command = [sys.executable, "-m", "rightswatch.cli"]
    if home is not None:
        command += ["--home", str(home)]
    return subprocess.run(command + list(args), capture_output=True, text=True, input=stdin,
                          timeout=timeout, env=env, cwd=str(PROJECT))


def run_cli_peak(*args: str, home: Path | None = None, timeout: float = 300) -> tuple[int, int, str]:
    """Exit code, peak RSS in MB and stderr of one console-script run, measured alone: a fresh
    parent process waits for it, so no earlier child's peak is counted."""
    probe = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.PIPE, text=True); sys.stderr.write(done.stderr); "
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    command = [sys.executable, "-m", "rightswatch.cli"] + (["--home", str(home)] if home else []) + list(args)
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSWATCH_HOME"}
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=timeout,
                         env=env, cwd=str(PROJECT))
    code, peak = out.stdout.split()
    return int(code), int(peak), out.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
