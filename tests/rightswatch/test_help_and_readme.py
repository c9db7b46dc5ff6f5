"""Every CLI command and option has help text and a place in the README's command table, so
`--help` and the README never fall behind the code.

The table's first cell is `rightswatch WORD... [OPTIONS...]`: the command words (alternatives
written `list\\|check`) come first, then the options it documents (`--name`). Options of the
`rightswatch` row itself (`--home`) count for every command."""
import itertools
import re

import click
import pytest

from rightswatch.cli import cli
from tests.support.project import PROJECT

README = PROJECT / "README.md"
WORD = re.compile(r"^[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)*$")


def table_rows() -> list[tuple[tuple[str, ...], set[str]]]:
    """(command path, options) of each row of the README's command table."""
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = re.split(r"(?<!\\)\|", line)
        if len(cells) < 3 or not cells[1].strip().startswith("`rightswatch"):
            continue
        cell = cells[1].replace("\\|", "|").replace("`", "").strip()
        words = []
        for token in cell.split()[1:]:
            if not WORD.match(token):
                break
            words.append(token.split("|"))
        options = set(re.findall(r"--[a-z][a-z0-9-]*", cell))
        rows += [(path, options) for path in itertools.product(*words)]
    return rows


def commands(group: click.Group = cli, path: tuple[str, ...] = ()):
    """(path, command) of every command and group, the root included."""
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


def documented_options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and "--help" not in p.opts]


def long_name(option: click.Option) -> str:
    return next(o for o in option.opts if o.startswith("--"))


ALL = list(commands())


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p) or "rightswatch" for p, _ in ALL])
def test_every_command_and_option_has_help(path, command):
    assert (command.help or command.short_help or "").strip(), f"`rightswatch {' '.join(path)}` has no help text"
    for option in documented_options(command):
        assert (option.help or "").strip(), f"{long_name(option)} of `rightswatch {' '.join(path)}` has no help text"


@pytest.mark.parametrize("path, command", [(p, c) for p, c in ALL if not isinstance(c, click.Group) or not p],
                         ids=[" ".join(p) or "rightswatch" for p, c in ALL if not isinstance(c, click.Group) or not p])
def test_every_command_and_option_is_in_the_readme_table(path, command):
    rows = table_rows()
    everywhere = {o for p, options in rows if p == () for o in options}
    mine = [options for p, options in rows if p == path]
    assert mine, f"`rightswatch {' '.join(path)}` is missing from the README's command table"
    listed = set().union(*mine) | everywhere
    missing = [long_name(o) for o in documented_options(command) if long_name(o) not in listed]
    assert not missing, f"options of `rightswatch {' '.join(path)}` missing from the README's table: {missing}"


def test_the_table_names_no_command_that_does_not_exist():
    known = {p for p, _ in ALL}
    assert [p for p, _ in table_rows() if p not in known] == []
