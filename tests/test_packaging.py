"""The lock: every dependency pyproject.toml names is pinned there, in its range, with hashes."""

from __future__ import annotations

import re
import tomllib

import pytest
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
