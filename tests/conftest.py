"""Shared fixtures: a content-tree factory and paths to the fixture briefing."""

from __future__ import annotations

import json
import locale
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# The suite (and so CI) runs each property with the same examples every time: a random failure must not
# block a change that did not cause it. The weekly job explores afresh: HYPOTHESIS_PROFILE=explore.
# No deadline: how long one example takes says nothing about correctness on a shared, loaded machine
# (speed is the benchmarks' business), and a deadline missed there failed a run for no fault of its own.
settings.register_profile("fixed", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=1000, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "briefing"
FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "mkdocs.yml"
"""The fixture briefing's site settings: its title, description and nav."""
GOLDEN = ROOT / "tests" / "golden" / "briefing"
TEMPLATES = ROOT / "site_templates"

MakeTree = Callable[[dict[str, str]], Path]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, to compare two trees byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from current output")


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """Files opened without an encoding would be read as ASCII here, as they are as cp1252 on many Windows setups."""
    before = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        if locale.getencoding().lower().replace("-", "") == "utf8":
            pytest.skip("the C locale reads UTF-8 here")
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def make_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeTree:
    """Write {relative_path: text} under tmp_path/content; messages show paths relative to tmp_path."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


THEME_OVERRIDES = "custom_dir: site_templates/init/overrides"
"""The shipped mkdocs.yml's theme override (its main.html), relative to the checkout."""


def shipped_config_text() -> str:
    """The shipped mkdocs.yml, to be written into another folder: its theme override named by its full path."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert THEME_OVERRIDES in text
    return text.replace(THEME_OVERRIDES, f"custom_dir: {json.dumps(str(ROOT / 'site_templates/init/overrides'))}")


def site_config(folder: Path, pages: tuple[str, ...] = (), docs_dir: str = "build/docs") -> Path:
    """The shipped mkdocs.yml in `folder`, its nav naming only these hand-written pages (the nav must match them)."""
    lines = shipped_config_text().splitlines(keepends=True)
    handwritten = {"  - About: about.md\n": "about.md", "  - Method: method.md\n": "method.md"}
    kept = [line for line in lines if line not in handwritten or handwritten[line] in pages]
    text = "".join(kept).replace("docs_dir: build/docs", f"docs_dir: {docs_dir}")
    target = folder / "mkdocs.yml"
    target.write_text(text, encoding="utf-8")
    return target


def valid_records() -> dict[str, str]:
    """The smallest valid content: one source, actor, place and event."""
    return {
        "sources/src.yml": "id: src\ntitle: A source\nkind: news-report\n",
        "actors/group.yml": "id: group\nname: Group\nkind: armed-group\nprofile: A group.[@src]\nsources: [src]\n",
        "places/town.yml": "id: town\nname: Town\nkind: town\ndescription: A town.[@src]\nsources: [src]\n",
        "events/2024-01-01-attack.yml": (
            "id: 2024-01-01-attack\n"
            "title: An attack\n"
            'date: "2024-01-01"\n'
            "type: rocket-attack\n"
            "places:\n"
            "  - place: town\n"
            "participants:\n"
            "  - actor: group\n"
            "    role: perpetrator\n"
            "    attribution: claimed\n"
            "    sources: [src]\n"
            "summary: Rockets hit [[town]].[@src]\n"
            "sources: [src]\n"
        ),
    }
