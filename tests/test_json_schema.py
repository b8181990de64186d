"""The editors' JSON Schemas: current, satisfied by the shipped records, and in agreement with validate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.errors import ContentError
from generator.pages.pipeline import generate, load_index
from generator.tools.json_schema import KIND_FILES, schema_files
from tests.conftest import ROOT, MakeTree, valid_records


def validator(kind: str) -> jsonschema.Draft202012Validator:
    data = json.loads((ROOT / "schemas" / f"{KIND_FILES[kind]}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


def test_shipped_schemas_are_current() -> None:
    for relative, text in schema_files().items():
        assert (ROOT / relative).read_text(encoding="utf-8") == text, "run: python -m generator json-schema"


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_every_shipped_record_satisfies_its_schema(kind: str) -> None:
    check = validator(kind)
    for path in sorted((ROOT / "content" / kind).glob("*.yml")):
        errors = [e.message for e in check.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
        assert errors == [], path


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_every_shipped_record_passes_check_jsonschema(kind: str) -> None:
    """The check editors' tools make (yaml-language-server, check-jsonschema), run as they run it."""
    schema = ROOT / "schemas" / f"{KIND_FILES[kind]}.schema.json"
    records = sorted(str(p) for p in (ROOT / "content" / kind).glob("*.yml"))
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *records]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "ok -- validation done"


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_every_shipped_record_names_its_schema_for_editors(kind: str) -> None:
    line = f"# yaml-language-server: $schema=../../schemas/{KIND_FILES[kind]}.schema.json"
    without = [p.name for p in (ROOT / "content" / kind).glob("*.yml") if p.read_text().splitlines()[0] != line]
    assert without == []


def test_the_editor_settings_map_each_record_folder_to_its_schema() -> None:
    """VS Code applies the schemas even to a record that lacks the line above."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"./schemas/{singular}.schema.json": [f"content/{kind}/*.yml"] for kind, singular in KIND_FILES.items()
    }


def test_record_templates_point_at_the_schemas() -> None:
    for singular in KIND_FILES.values():
        first = (ROOT / "site_templates" / "new" / f"{singular}.yml").read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema={schema}"


EVENT = "events/2024-01-01-attack.yml"
SAMPLES = [
    pytest.param("", True, id="valid"),
    pytest.param('date: "2024-01"\n', True, id="month-date"),
    pytest.param("claims:\n  - {counts: killed, value: 3, qualifier: at-least, sources: [src]}\n", True, id="claim"),
    pytest.param("titel: x\n", False, id="unknown-field"),
    pytest.param("type: rockets\n", False, id="unknown-term"),
    pytest.param('date: "24 Jan 2024"\n', False, id="date-grammar"),
    pytest.param('date: "2024-01-24T00:15:00+03:00"\n', True, id="moment"),
    pytest.param('date: "2024-01-24T00:15+03:00"\n', False, id="seconds-required"),
    pytest.param('date: "~2024-01-24"\n', False, id="old-approximate"),
    pytest.param('date: "2024-01-24~"\n', True, id="approximate"),
    pytest.param('date: "2023-10-17/.."\n', True, id="ongoing"),
    pytest.param('date: "199X"\n', True, id="decade"),
    pytest.param('date: "2024-01-24T10:00:00Z/2024-01-24T12:00:00Z"\n', False, id="range-of-times"),
    pytest.param("tags: [Not A Slug]\n", False, id="bad-slug"),
    pytest.param("claims:\n  - {counts: killed, value: -2, sources: [src]}\n", False, id="negative"),
    pytest.param("claims:\n  - {counts: killed, value: three, sources: [src]}\n", False, id="not-a-number"),
    pytest.param(
        "participants:\n  - {actor: group, role: perpetrator, sources: [src]}\n", False, id="missing-nested-required"
    ),
    pytest.param("sources: []\n", False, id="no-sources"),
]


def _with(extra: str) -> str:
    text = valid_records()[EVENT]
    for line in extra.splitlines():
        if not line.startswith(" "):
            key = line.split(":")[0] + ":"
            text = "\n".join(row for row in text.splitlines() if not row.startswith(key) or key == "title:") + "\n"
    return text + extra


@pytest.mark.parametrize(("extra", "valid"), SAMPLES)
def test_schema_and_validator_agree(make_tree: MakeTree, extra: str, valid: bool) -> None:
    text = _with(extra)
    by_schema = not list(validator("events").iter_errors(yaml.safe_load(text)))
    try:
        load_index(make_tree({**valid_records(), EVENT: text}))
        by_validator = True
    except ContentError:
        by_validator = False
    assert (by_schema, by_validator) == (valid, valid)


def test_schemas_folder_holds_only_generated_files() -> None:
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "schemas").glob("*")}
    assert shipped == set(schema_files())


def test_scaffold_round_trip(make_tree: MakeTree, tmp_path: Path) -> None:
    from generator.cli import main

    content = make_tree(valid_records())
    args = ["--content", str(content), "-f", str(ROOT / "mkdocs.yml"), "--templates", str(ROOT / "site_templates")]
    assert main(["new", "event", "2024-02-01-new-one", *args]) == 0
    path = content / "events" / "2024-02-01-new-one.yml"
    with pytest.raises(ContentError):
        load_index(content)  # unfilled: the required fields are reported
    text = path.read_text(encoding="utf-8")
    text = text.replace("title:\n", "title: A new one\n").replace("date: ", 'date: "2024-02-01" ', 1)
    text = text.replace("type: ", "type: airstrike ", 1).replace("summary: >-\n", "summary: Struck [[town]].[@src]\n")
    text = text.replace("\nsources: []\n", "\nsources: [src]\n")
    path.write_text(text, encoding="utf-8")
    index, _ = load_index(content)
    assert "2024-02-01-new-one" in index.by_id
    generate(content, ROOT / "site_templates", tmp_path / "docs")
    assert "# A new one" in (tmp_path / "docs" / "events" / "2024-02-01-new-one.md").read_text(encoding="utf-8")
    assert main(["new", "event", "2024-02-01-new-one", *args]) == 2  # refuses to overwrite
    assert main(["new", "actor", "../escape", *args]) == 2
    assert not (tmp_path / "escape.yml").exists()
