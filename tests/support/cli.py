"""The real `rightswatch` command in a subprocess, as an analyst runs it, and what tests check of
its answers (one-line errors, JSON rows)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.project import PROJECT


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


def one_line_error(result, *needles):
    """Exit 2 with one line on stderr, no traceback, naming each of `needles`."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def sql_json(home, query):
    """The rows of `rightswatch sql QUERY --format json` in `home`."""
    result = run_cli("sql", query, "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
