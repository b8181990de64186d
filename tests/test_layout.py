"""The package reads as the pipeline runs: records → pages → site, with checks and tools beside.

Each stage imports only the stages before it, `errors` and `config`; the edges
(`cli`, `__main__`) may import anything, and nothing imports them. Read from the
source with `ast`, lazy imports inside functions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
SHARED = {"errors", "config"}
ALLOWED = {
    "records": {"records"},
    "pages": {"records", "pages"},
    "site": {"records", "pages", "site"},
    "checks": {"records", "pages", "checks"},
    "tools": {"records", "tools"},
    "errors": set(),
    "config": set(),
}
STAGES = ("records", "pages", "site", "checks", "tools")
MAX_LINES = 300


def generator_imports(source: str) -> set[str]:
    """The generator modules a module imports, as dotted names under `generator`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":
                found.update(f"generator.{alias.name}" for alias in node.names)
            elif node.module.startswith("generator."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generator."))
    return found


def stage_of(module: str) -> str:
    """'generator.records.load' → 'records'; 'generator.cli' → 'cli'; the package itself → '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layering_violations(module: str, imports: set[str]) -> list[str]:
    stage = stage_of(module)
    if stage in ("cli", "__main__", "__init__"):  # the edges orchestrate: they may import any stage
        return []
    allowed = ALLOWED[stage] | SHARED
    return [f"{module} imports {i}" for i in sorted(imports) if stage_of(i) not in allowed]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append((".".join(parts if parts[-1] != "__init__" else parts[:-1]), path))
    return found


def test_the_package_holds_only_the_edges_and_the_stages() -> None:
    top = sorted(p.name for p in PACKAGE.iterdir() if not p.name.startswith("__pycache__"))
    assert top == sorted(["__init__.py", "__main__.py", "cli.py", "config.py", "errors.py", *STAGES])


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_each_module_imports_only_earlier_stages(module: str, path: Path) -> None:
    assert layering_violations(module, generator_imports(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "generator.records.index",
            "from generator.pages.context import record_path",
            ["imports generator.pages.context"],
        ),
        ("generator.pages.render", "def f():\n    from generator.site import build", ["imports generator.site"]),
        ("generator.site.serve", "import generator.checks.check", ["imports generator.checks.check"]),
        ("generator.checks.check", "from generator.site.build import x", ["imports generator.site.build"]),
        ("generator.tools.scaffold", "from generator import cli", ["imports generator.cli"]),
        ("generator.errors", "from generator.records import schema", ["imports generator.records"]),
        ("generator.checks.check", "from generator.pages.render import page_paths", []),
        ("generator.cli", "from generator.site.serve import serve", []),
    ],
)
def test_the_rule_catches_an_import_from_a_later_stage(module: str, source: str, expected: list[str]) -> None:
    """The rule itself, on imports that break it and imports that keep it."""
    assert layering_violations(module, generator_imports(source)) == [f"{module} {e}" for e in expected]


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_modules_stay_short_or_say_why(module: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert len(text.splitlines()) <= MAX_LINES or "long because" in docstring, f"split {module} or say why"
