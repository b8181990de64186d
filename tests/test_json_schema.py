"""The editors' JSON Schemas: current, satisfied by the shipped records, and in agreement with validate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.errors import ContentError
from generator.pages.pipeline import generate, load_index
from generator.records.vocabulary import load_vocabulary
from generator.tools.init import init_briefing
from generator.tools.json_schema import KIND_FILES, schema_files
from generator.tools.schema_doc import schema_reference
from tests.conftest import ROOT, MakeTree, valid_records


def validator(kind: str) -> jsonschema.Draft202012Validator:
    data = json.loads((ROOT / "schemas" / f"{KIND_FILES[kind]}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


def test_shipped_schemas_are_current() -> None:
    for relative, text in schema_files(load_vocabulary(ROOT / "content")).items():
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
    assert shipped == set(schema_files(load_vocabulary(ROOT / "content")))


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


def schema_named_by(record: Path) -> Path:
    """The schema a record's first line names for editors' tools, resolved as they resolve it: from its folder."""
    first = record.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), record
    return (record.parent / first.removeprefix("# yaml-language-server: $schema=")).resolve()


def check_jsonschema(records: list[Path]) -> list[str]:
    """check-jsonschema run on each record with the schema its `$schema` line names; its complaints."""
    by_schema: dict[Path, list[str]] = {}
    for record in records:
        shown = record.relative_to(Path.cwd()) if record.is_relative_to(Path.cwd()) else record
        by_schema.setdefault(schema_named_by(record), []).append(str(shown))
    complaints = []
    for schema, paths in sorted(by_schema.items()):
        command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *paths]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or result.stdout.strip() != "ok -- validation done":
            complaints += [line.strip() for line in result.stdout.splitlines() if "::" in line]
    return complaints


TERMS = """
vocabularies:
  event-type:
    add:
      harbour-closure: {label: Closure of a harbour, definition: A harbour closed to shipping.}
    retire: [embassy-attack]
"""


@pytest.fixture
def briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A briefing as `init` starts it, which then adds an event type and retires one, and uses its own."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "b"
    init_briefing(folder, "B")
    briefing_file = folder / "content" / "briefing.yml"
    briefing_file.write_text(briefing_file.read_text(encoding="utf-8") + TERMS, encoding="utf-8")
    event = folder / "content" / "events" / "2024-03-01-example-harbour-closure.yml"
    event.write_text(event.read_text(encoding="utf-8").replace("political-decision", "harbour-closure"))
    return folder


def test_json_schema_writes_the_briefings_terms_where_its_records_point(briefing: Path) -> None:
    records = sorted((briefing / "content").glob("*/*.yml"))
    assert check_jsonschema(records) == [
        "b/content/events/2024-03-01-example-harbour-closure.yml::$.type: 'harbour-closure' is not one of "
        "['rocket-attack', 'drone-attack', 'ballistic-missile-attack', 'missile-strike', 'airstrike', 'drone-strike', "
        "'embassy-attack', 'ground-attack', 'political-decision', 'statement', 'deployment', 'diplomatic-event', "
        "'military-operation', 'other']"
    ], "init's schemas have the default terms"
    assert main(["json-schema", "-f", "b/mkdocs.yml"]) == 0
    assert check_jsonschema(records) == []
    event_type = json.loads((briefing / "schemas" / "event.schema.json").read_text())["properties"]["type"]
    assert "embassy-attack" not in event_type["enum"]
    assert event_type["enum"][-1] == "harbour-closure"
    assert event_type["markdownEnumDescriptions"][-1] == "A harbour closed to shipping."


def test_validate_warns_while_the_schemas_are_out_of_date(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-f", "b/mkdocs.yml"]) == 0
    assert capsys.readouterr().err == (
        "b/schemas: warning: the editors' schemas are out of date with the briefing's vocabulary: event.schema.json "
        "(run: python -m generator json-schema)\n0 errors, 1 warning\n"
    )
    assert main(["json-schema", "-f", "b/mkdocs.yml"]) == 0
    assert main(["validate", "-f", "b/mkdocs.yml"]) == 0
    assert capsys.readouterr().err == ""


def test_init_writes_the_schemas_json_schema_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    init_briefing(tmp_path / "b", "B")
    assert main(["json-schema", "-f", "b/mkdocs.yml", "--out", "again"]) == 0
    written = sorted(p.name for p in (tmp_path / "again" / "schemas").iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in KIND_FILES.values())
    for name in written:
        assert (tmp_path / "again" / "schemas" / name).read_text() == (tmp_path / "b" / "schemas" / name).read_text()


def test_the_schema_reference_lists_the_briefings_terms(briefing: Path) -> None:
    reference = schema_reference(load_vocabulary(briefing / "content"))
    added = "| `harbour-closure` | **Closure of a harbour**: A harbour closed to shipping. *(this briefing's term)* |"
    assert added in reference
    assert "`embassy-attack`" not in reference
    assert "| `rocket-attack` | Rockets fired at a target. |" in reference


def test_schema_doc_prints_the_briefings_reference(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema-doc", "-f", "b/mkdocs.yml"]) == 0
    assert capsys.readouterr().out == schema_reference(load_vocabulary(briefing / "content")) + "\n"


def test_the_schemas_help_speaks_of_no_particular_briefing() -> None:
    """Editors of any briefing read these descriptions in their completion lists."""
    for relative, text in schema_files().items():
        assert [word for word in ("Iraq", "Baghdad", "Kataib", "militia", "US ") if word in text] == [], relative
