"""The lock: every dependency pyproject.toml names is pinned there, in its range, with hashes."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"


def _pins() -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} for every pin in the lock (markers ignored: first pin wins)."""
    pins: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=[a-z0-9])", LOCK.read_text(encoding="utf-8")):
        match = re.match(r"([a-z0-9][a-z0-9._-]*)==(\S+)", entry)
        if match:
            pins.setdefault(canonicalize_name(match[1]), (match[2], entry.count("--hash=sha256:")))
    return pins


def _declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    build_in = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    tools = [line.split("#")[0].strip() for line in build_in if line.split("#")[0].strip()]
    return [*project["dependencies"], *extras, *tools]


@pytest.mark.parametrize("declared", _declared())
def test_every_declared_dependency_is_locked_within_its_range(declared: str) -> None:
    requirement = Requirement(declared)
    version, hashes = _pins().get(canonicalize_name(requirement.name), ("", 0))
    assert version, f"{requirement.name} is not in requirements/lock.txt: run `make lock`"
    assert requirement.specifier.contains(version, prereleases=True), (
        f"{requirement.name}=={version} in the lock is outside '{requirement.specifier}': run `make lock`"
    )
    assert hashes > 0, f"{requirement.name} has no hash in the lock"


def test_every_pin_carries_a_hash() -> None:
    unhashed = [name for name, (_, hashes) in _pins().items() if hashes == 0]
    assert unhashed == []


def test_the_validate_hook_brings_what_validate_imports_in_the_declared_ranges() -> None:
    """pre-commit runs `validate` in its own environment: it must hold every package the command imports."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "briefing-validate")
    brought = {canonicalize_name(Requirement(d).name): Requirement(d) for d in hook["additional_dependencies"]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {canonicalize_name(Requirement(d).name): Requirement(d) for d in project["dependencies"]}
    assert {name: str(r.specifier) for name, r in brought.items()} == {
        name: str(declared[name].specifier) for name in brought
    }, "give the hook's packages pyproject.toml's ranges"
    modules = _imported_by("from generator.cli import main; main(['validate'])") - _imported_by("pass")
    owners = importlib.metadata.packages_distributions()
    imported = {canonicalize_name(d) for m in modules for d in owners.get(m, ())} - {"briefing-generator"}
    assert imported == set(brought)


def _imported_by(statement: str) -> set[str]:
    """The top-level modules loaded once `statement` has run in a fresh interpreter here."""
    script = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return {module.partition(".")[0] for module in json.loads(run.stderr.splitlines()[-1])}
