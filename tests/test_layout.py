"""The layout keeps DESIGN.md's flow: a module that imports against it fails here, naming the import.

Read from the source (ast), every import counts, also one inside a function: scrapers/ and
pipelines/ sit on core/, warehouse/ on pipelines/, reports/ on the warehouse, workflows/ on all of
them, and the CLI and Dagster only on workflows/. Inside pipelines/ a step never imports a later one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.project import PROJECT

# What each package may import of the project (besides itself). Nothing shipped imports bench/ or tests/.
MAY_IMPORT = {
    "core": set(),
    "scrapers": {"core"},
    "pipelines": {"core"},
    "warehouse": {"core", "pipelines"},
    "reports": {"core", "pipelines", "warehouse"},
    "workflows": {"core", "scrapers", "pipelines", "warehouse", "reports"},
    "dagster_project": {"core", "workflows"},
    "rightswatch": {"core", "workflows", "evals", "desk"},  # `rightswatch eval` runs the evaluations, `serve` the desk
    "desk": {"core", "workflows", "reports"},  # the web shell: pages from workflows/, rendered with reports/' templates
    "evals": {"core", "pipelines", "warehouse", "workflows"},
    "bench": {"core", "scrapers", "pipelines", "warehouse", "reports", "workflows", "desk"},
}
# Scrapy's own entry to the project (scrapy.cfg) is a shell like the CLI, over the registry and spiders.
SCRAPY_SHELL = ("rightswatch.scrapy_project", "rightswatch.scrapy_commands")
# The steps of pipelines/ in flow order; the modules every step shares sit below them, the chain above.
STEPS = ("extract", "clean", "language", "tagging", "stories", "search", "alerts")
SHARED = ("pipelines.models", "pipelines.region")
CHAIN = "pipelines.process"
# Third-party frameworks, each kept to the layer that owns it (bench/ measures them all).
FRAMEWORKS = {
    "duckdb": ("warehouse", "bench"),
    "dagster": ("dagster_project",),
    "scrapy": ("scrapers", "bench") + SCRAPY_SHELL,
    "twisted": ("scrapers", "bench"),
    "redis": ("scrapers",),
    "starlette": ("desk",),
    "uvicorn": ("desk", "bench"),
}
# Calls that write or remove files, and the environment: none of them inside pipelines/ or core/.
IO_ATTRIBUTES = {"environ", "getenv", "putenv", "write_text", "write_bytes", "mkdir", "makedirs", "unlink",
                 "rmdir", "rmtree", "rename", "touch", "chdir", "system", "urlopen"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> list[tuple[str, Path]]:
    return [(module_name(p), p) for package in MAY_IMPORT for p in sorted((PROJECT / package).rglob("*.py"))]


def imports(module: str, path: Path) -> list[tuple[str, int]]:
    """(imported module, line) of every import in the file, relative ones resolved; `from a import b`
    yields a.b, so importing a submodule through its package counts as importing the submodule."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def step_of(module: str) -> int | None:
    parts = module.split(".")
    return STEPS.index(parts[1]) if len(parts) > 1 and parts[0] == "pipelines" and parts[1] in STEPS else None


def against_the_flow(module: str, target: str) -> str | None:
    """Why importing `target` from `module` goes against the flow, or None."""
    here, there = module.split(".")[0], target.split(".")[0]
    if there == "tests":
        return "shipped code never imports the tests"
    if there in MAY_IMPORT and there != here:
        allowed = MAY_IMPORT[here] | ({"scrapers"} if module.startswith(SCRAPY_SHELL) else set())
        return None if there in allowed else f"{here}/ may import only {sorted(allowed)} of the project"
    if there in FRAMEWORKS and not any(module == owner or module.startswith(owner + ".") for owner in FRAMEWORKS[there]):
        return f"{there} belongs to {'/'.join(FRAMEWORKS[there])}"
    if here == there == "pipelines" and not module.startswith(CHAIN):
        mine, theirs = step_of(module), step_of(target)
        if theirs is not None and (mine is None or theirs > mine):
            where = "a module every step shares" if mine is None else f"the {STEPS[mine]} step"
            return f"{where} imports the later step {STEPS[theirs]}"
        if target.startswith(CHAIN):
            return "only the callers of pipelines/ import its chain"
    return None


def violations() -> list[str]:
    found = []
    for module, path in sources():
        for target, line in imports(module, path):
            why = against_the_flow(module, target)
            if why:
                found.append(f"{path.relative_to(PROJECT)}:{line} imports {target}: {why}")
    return found


def test_no_module_imports_against_the_flow():
    assert violations() == []


@pytest.mark.parametrize("module, target", [
    ("pipelines.extract.page_date", "pipelines.stories.story_link.month_of"),
    ("pipelines.stories.story_index", "warehouse.story_store.save"),
    ("pipelines.tagging.tagging", "scrapers.parse"),
    ("warehouse.load", "workflows.process.run"),
    ("warehouse.clusters", "reports.render"),
    ("reports.render", "workflows.alerts"),
    ("core.dates", "pipelines.region"),
    ("scrapers.parse", "pipelines.extract.page_date"),
    ("rightswatch.cli", "warehouse.db.connect"),
    ("dagster_project.assets", "pipelines.process.process"),
    ("workflows.process", "dagster_project.assets"),
    ("pipelines.models", "pipelines.language.language"),
    ("pipelines.language.language", "duckdb"),
    ("scrapers.landing", "tests.support.sites"),
])
def test_an_import_against_the_flow_is_caught(module, target):
    assert against_the_flow(module, target)


@pytest.mark.parametrize("module, target", [
    ("pipelines.alerts.alerts", "pipelines.tagging.tagging"),
    ("pipelines.process", "pipelines.stories.dedup"),
    ("warehouse.load", "pipelines.models"),
    ("workflows.process", "warehouse.load"),
    ("dagster_project.assets", "workflows.process"),
    ("rightswatch.scrapy_project", "scrapers.registry"),
    ("scrapers.parse", "core.dates"),
])
def test_an_import_with_the_flow_passes(module, target):
    assert against_the_flow(module, target) is None


def test_pipelines_and_core_do_no_file_writes_and_read_no_environment():
    """Paths and settings are passed in; a step reads only the data files beside it (opened for reading)."""
    found = []
    for module, path in sources():
        if module.split(".")[0] not in ("pipelines", "core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if name in IO_ATTRIBUTES:
                found.append(f"{path.relative_to(PROJECT)}:{node.lineno} uses {name}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "open":
                modes = [a.value for a in node.args[1:2] + [k.value for k in node.keywords if k.arg == "mode"]
                         if isinstance(a, ast.Constant)]
                if any(set(str(m)) & set("wax+") for m in modes):
                    found.append(f"{path.relative_to(PROJECT)}:{node.lineno} opens a file for writing")
    assert found == []


def test_each_region_data_file_is_read_by_one_module():
    """Region knowledge (countries, languages, months, transliteration, relevance) is read in one place."""
    readers: dict[str, list[str]] = {}
    for name in ("region.toml", "months.toml", "transliteration.toml", "relevance.toml"):
        readers[name] = [module for module, path in sources() if name in source_strings(path)]
    assert {name: len(found) for name, found in readers.items()} == dict.fromkeys(readers, 1), readers


def source_strings(path: Path) -> set[str]:
    """The string constants of a module's code (not its docstrings or comments)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings}


def test_tests_import_no_other_test_module():
    """Helpers tests share live in tests/support/; a test module or conftest is never imported."""
    found = []
    for path in sorted((PROJECT / "tests").rglob("*.py")):
        for target, line in imports(module_name(path), path):
            if target.split(".")[0] == "tests" and not target.startswith("tests.support"):
                found.append(f"{path.relative_to(PROJECT)}:{line} imports {target}")
    assert found == []
