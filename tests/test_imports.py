"""Every module of the project imports, and every third-party package the code imports is a
declared dependency (pyproject.toml), so a fresh `pip install -e '.[dev]'` has what each
command needs: nothing may arrive only as someone else's dependency or optional extra."""
import ast
import importlib
import pkgutil
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest

from tests.support.project import PROJECT

PACKAGES = ("core", "rightswatch", "workflows", "scrapers", "pipelines", "warehouse", "reports", "dagster_project", "bench", "evals", "desk")
DEVELOPMENT = ("bench/", "scrapers/demo_site/make_pdfs.py")  # `make bench`, fixture makers: dev deps
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def modules() -> list[str]:
    found = []
    for package in PACKAGES:
        found.append(package)
        found += [m.name for m in pkgutil.walk_packages([str(PROJECT / package)], prefix=package + ".")]
    return sorted(found)


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def declared(*groups: str) -> set[str]:
    found = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    for group in groups:
        found |= {_name(r) for r in PYPROJECT["project"]["optional-dependencies"][group]}
    return found


def imported_top_levels(folder) -> list[tuple[str, str]]:
    """(top-level name, file) of each import under `folder` that is neither ours nor the standard library."""
    ours = set(PACKAGES) | {"tests"}
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top not in ours and top not in sys.stdlib_module_names:
                    found.append((top, str(path.relative_to(PROJECT))))
    return found


@pytest.mark.parametrize("module", modules())
def test_every_module_imports(module):
    importlib.import_module(module)


def test_html_cleaning_for_extraction_is_installed_and_declared():
    import lxml_html_clean  # noqa: F401  jusText's lxml.html.clean, not always pulled in by lxml's extra
    from lxml.html.clean import Cleaner  # noqa: F401
    assert {"lxml", "lxml-html-clean", "trafilatura"} <= declared()


@pytest.mark.parametrize("folder", [PACKAGES, ("tests",)], ids=["code", "tests"])
def test_every_third_party_import_is_a_declared_dependency(folder):
    distributions = packages_distributions()
    missing = {}
    for name in folder:
        for top, where in imported_top_levels(PROJECT / name):
            dev = name == "tests" or where.startswith(DEVELOPMENT)
            dists = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
            if not dists & declared(*(("dev",) if dev else ())):
                missing[top] = (sorted(dists), where)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
