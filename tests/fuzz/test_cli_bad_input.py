"""The CLI's contract on generated bad files: exit 2 and one line on stderr naming the file,
never a traceback (run in-process through click, as the console script runs it)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import assume, given, settings

from core.errors import BadInput
from rightswatch.cli import cli
from scrapers.registry import load_sources
from tests.support.strategies import EXAMPLES, FUZZ, jsonl_bytes, toml_bytes
from workflows.ingest import read_jsonl

WORK = Path(tempfile.mkdtemp(prefix="fuzz-cli-"))
CLI_FUZZ = settings(FUZZ, max_examples=max(10, EXAMPLES // 4))


def rejected(loader, path: Path) -> bool:
    try:
        loader(path)
    except BadInput:
        return True
    return False


def exits_two(args: list[str], path: Path) -> None:
    result = CliRunner().invoke(cli, ["--home", str(WORK / "home"), *args])
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.splitlines()
    lines = [line for line in lines if not line.startswith("home: ")]  # the notice naming a given home
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.output, lines


@CLI_FUZZ
@given(jsonl_bytes())
def test_ingest_bad_files_exit_2(raw):
    path = WORK / "bad.jsonl"
    path.write_bytes(raw)
    assume(rejected(read_jsonl, path))
    exits_two(["ingest", str(path)], path)


@CLI_FUZZ
@given(toml_bytes())
def test_crawl_and_sources_with_bad_registries_exit_2(raw):
    path = WORK / "bad.toml"
    path.write_bytes(raw)
    assume(rejected(load_sources, path))  # a valid registry would start a real crawl
    exits_two(["crawl", "--sources", str(path)], path)
    exits_two(["sources", "list", "--sources", str(path)], path)
