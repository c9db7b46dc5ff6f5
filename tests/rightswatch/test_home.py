"""One home, visible: named on stderr when it is not the default, `--home` after the command
too, and the commands that only read never create an empty warehouse that answers nothing."""
import os
import shlex
import subprocess
import sys

import pytest

from tests.support.project import free_port, PROJECT


def rightswatch(*args: str, cwd, env_home: str | None = None) -> subprocess.CompletedProcess:
    """The console script run from `cwd`, as an analyst in another directory runs it."""
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSWATCH_HOME"}
    env["PYTHONPATH"] = str(PROJECT)
    if env_home:
        env["RIGHTSWATCH_HOME"] = env_home
    return subprocess.run([sys.executable, "-m", "rightswatch.cli", *args], capture_output=True, text=True,
                          cwd=str(cwd), env=env, timeout=600)


@pytest.mark.parametrize("args", [("report",), ("sql", "SELECT count(*) FROM articles"), ("export",)])
def test_readers_refuse_a_home_without_a_warehouse_and_create_nothing(tmp_path, args):
    result = rightswatch(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"no warehouse in {tmp_path / 'var'}" in lines[0]
    assert "demo`" in lines[0] and "crawl`" in lines[0] and "process`" in lines[0]
    assert list(tmp_path.iterdir()) == []  # no ./var appeared


def test_the_home_is_named_when_not_the_default(tmp_path):
    given = rightswatch("--home", str(tmp_path / "h"), "process", cwd=tmp_path)
    assert given.returncode == 0 and f"home: {tmp_path / 'h'} (from --home)" in given.stderr.splitlines()
    from_env = rightswatch("process", cwd=tmp_path, env_home=str(tmp_path / "e"))
    assert f"home: {tmp_path / 'e'} (from $RIGHTSWATCH_HOME)" in from_env.stderr.splitlines()
    refused = rightswatch("--home", str(tmp_path / "h"), "sql", "SELECT 1", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1  # a failure stays one line...
    assert f"no warehouse in {tmp_path / 'h'}" in refused.stderr  # ...and names the home itself
    default = rightswatch("process", cwd=tmp_path)
    assert "home:" not in default.stderr
    assert "home:" not in rightswatch("langid", "-", cwd=tmp_path).stderr  # commands without a home say nothing


def test_the_advice_works_when_followed_and_home_after_the_command_wins(tmp_path):
    home = tmp_path / "desk"
    refused = rightswatch("report", "--home", str(home), cwd=tmp_path)
    assert refused.returncode == 2
    advice = refused.stderr.strip().splitlines()[-1]
    demo = shlex.split(advice.split("`")[1])  # `<program> --home <home> demo`
    assert demo[-3:] == ["--home", str(home), "demo"]
    followed = subprocess.run(demo + ["--port", str(free_port())], capture_output=True, text=True, cwd=str(tmp_path),
                              timeout=600, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert followed.returncode == 0, followed.stderr[-2000:]
    answer = rightswatch("--home", str(tmp_path / "elsewhere"), "sql", "--home", str(home),
                         "SELECT count(*) AS n FROM articles", "--format", "json", cwd=tmp_path)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() != '[{"n": 0}]' and f"home: {home} (from --home)" in answer.stderr
    report = rightswatch("report", "--home", str(home), cwd=tmp_path)
    assert report.returncode == 0 and "nothing new" in report.stdout and "latest:" in report.stdout
