"""The README documents every command and schema field, and its examples are valid."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import _parser
from generator.pages.pipeline import load_index
from generator.records import schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make site", "make test"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_every_cli_command_is_documented_and_every_documented_one_exists() -> None:
    subparsers = next(a for a in _parser()._actions if a.dest == "==SUPPRESS==" or a.nargs == "A...")
    commands = set(subparsers.choices)  # type: ignore[union-attr]
    for name in commands:
        assert f"| `{name}` |" in README, f"command {name} missing from the README's command table"
    section = README[README.index("## Commands") : README.index("## CI and publishing")]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE))
    assert documented == commands


def test_every_field_is_in_the_reference() -> None:
    for fields in [*schema.RECORDS.values(), *schema.OBJECTS.values(), schema.BRIEFING]:
        for field in fields:
            assert f"| `{field.name}` |" in README


@pytest.mark.parametrize("kind", ["events", "actors", "sources"])
def test_readme_examples_validate_against_the_shipped_content(tmp_path: Path, kind: str) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    examples = {"events": blocks[0], "actors": blocks[1], "sources": blocks[2]}
    example = examples[kind]
    record_id = re.search(r"^id: (\S+)", example, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / kind / f"{record_id}.yml").write_text(example, encoding="utf-8")
    load_index(content)


def test_every_documented_make_target_is_in_contributing() -> None:
    """Each target the Makefile documents with a '## name:' line has its row in CONTRIBUTING.md."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    targets = re.findall(r"^## ([a-z-]+):", makefile, flags=re.MULTILINE)
    assert "lock" in targets
    assert [t for t in targets if not re.search(rf"`make {t}[` ]", contributing)] == []
