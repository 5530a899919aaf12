"""The package reads in data-flow order: no layer imports a layer above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"
STAGES = ("core", "io", "figures", "web", "export", "cli")
# What each folder may import from the project (besides itself).
ALLOWED = {
    "core": {"errors", "settings"},
    "io": {"core", "errors", "settings"},
    "figures": {"core", "io", "errors", "settings"},
    "export": {"core", "io", "figures", "errors", "settings"},
    "web": {"core", "io", "figures", "export", "errors", "settings"},
    "cli": {"core", "io", "figures", "export", "web", "errors", "settings"},
}
FORBIDDEN_THIRD_PARTY = {
    "core": {"dash", "plotly", "flask", "kaleido"},
    "io": {"dash", "plotly", "flask"},
    "figures": {"dash", "flask"},
    "export": {"dash", "flask"},
}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "dashboard":
                names |= {f"dashboard.{alias.name}" for alias in node.names}
    return names


def _stage_of(module: str) -> str | None:
    """The folder (or top-level module) of the project a module belongs to, if any."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "dashboard" or parts[1].startswith("__"):
        return None
    return parts[1]


FILES = sorted(p for stage in STAGES for p in (PACKAGE / stage).rglob("*.py"))


def test_the_package_top_level_holds_only_the_stage_folders_settings_and_errors():
    top = {p.name for p in PACKAGE.iterdir() if not p.name.startswith((".", "__pycache__"))}
    assert top == {*STAGES, "settings.py", "errors.py", "__init__.py", "__main__.py"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_stage_above_its_own(path):
    stage = path.relative_to(PACKAGE).parts[0]
    for module in _imports(path):
        target = _stage_of(module)
        if target is None or target == stage:
            continue
        target = target.removesuffix(".py")
        assert target in ALLOWED[stage], f"{path.name} ({stage}) imports {module}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_forbidden_library(path):
    stage = path.relative_to(PACKAGE).parts[0]
    roots = {module.split(".")[0] for module in _imports(path)}
    assert not roots & FORBIDDEN_THIRD_PARTY.get(stage, set()), path.name


def test_no_module_hides_an_import_error_of_the_project():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id == "ImportError" for h in node.handlers
            ):
                guarded = set().union(*(_imports_of(stmt) for stmt in node.body))
                assert not any(m.startswith("dashboard") for m in guarded), path.name


def _imports_of(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.ImportFrom) and sub.module:
            found.add(sub.module)
        elif isinstance(sub, ast.Import):
            found |= {alias.name for alias in sub.names}
    return found


def test_the_tests_mirror_the_package_folders():
    tests = Path(__file__).resolve().parent
    for stage in STAGES:
        assert (tests / stage).is_dir(), f"tests/{stage}/ is missing"
