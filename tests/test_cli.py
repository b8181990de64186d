from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import resolve_paths
from generator.serve import regenerate, server_config, snapshot, watch
from tests.conftest import FIXTURE, ROOT, MakeTree, valid_records


def test_validate_ok(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(valid_records())
    assert main(["validate", "--content", str(root), "-f", str(ROOT / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == "ok: 1 events, 1 actors, 1 places, 1 sources, 0 campaigns\n"


def test_validate_errors_exit_1(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({**valid_records(), "actors/group.yml": "id: group\n"})
    assert main(["validate", "--content", str(root), "-f", str(ROOT / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "4 errors, 0 warnings"
    assert err[0] == "content/actors/group.yml:1:1: error: missing required field 'kind' (add 'kind: …')"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_missing_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-f", str(tmp_path / "nope.yml")]) == 2


def test_schema_doc_in_readme_is_current() -> None:
    from generator.schema_doc import replace_reference

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_reference(readme) == readme, "run: python -m generator schema-doc --write README.md"


def test_preview_regenerates_on_save_and_survives_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text("docs_dir: docs\n")
    paths = resolve_paths(tmp_path / "mkdocs.yml", templates=ROOT / "site_templates")
    assert "regenerated" in regenerate(paths)
    event = tmp_path / "content" / "events" / "2024-01-strike-month-only.yml"
    lines: list[str] = []
    edits = iter(
        [
            lambda: event.write_text(event.read_text().replace("type: drone-strike", "type: drone-strik")),
            lambda: event.write_text(event.read_text().replace("type: drone-strik", "type: airstrike")),
        ]
    )

    def alive() -> bool:
        edit = next(edits, None)
        if edit is None:
            return False
        before = snapshot([paths.content])
        edit()
        assert snapshot([paths.content]) != before
        return True

    watch(paths, alive, lines.append)
    assert lines[0].startswith("content/events/2024-01-strike-month-only.yml:4:7: error: unknown event-type")
    assert lines[0].endswith("the preview keeps the last good pages; fix and save again")
    assert lines[1].startswith("regenerated in ")
    assert "Airstrike" in (tmp_path / "docs" / "events" / "2024-01-strike-month-only.md").read_text()


def test_snapshot_sees_nested_new_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    kept, edited, removed = tmp_path / "a" / "kept.yml", tmp_path / "a" / "b" / "edited.yml", tmp_path / "gone.yml"
    for path in (kept, edited, removed):
        path.write_text("x: 1\n")
    before = snapshot([tmp_path, tmp_path / "missing"])
    assert set(before) == {str(kept), str(edited), str(removed)}
    os.utime(edited, ns=(0, 0))  # same size, older mtime: still a change
    removed.unlink()
    (tmp_path / "a" / "b" / "new.yml").write_text("y: 2\n")
    after = snapshot([tmp_path])
    assert after[str(kept)] == before[str(kept)]
    assert after[str(edited)] == (0, 5)
    assert set(after) == {str(kept), str(edited), str(tmp_path / "a" / "b" / "new.yml")}


def test_zensical_preview_inherits_the_config_without_link_checks(tmp_path: Path) -> None:
    zensical_config = pytest.importorskip("zensical.config")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    paths = resolve_paths(tmp_path / "mkdocs.yml", templates=ROOT / "site_templates")
    paths.docs.mkdir(parents=True)
    with server_config(paths, "zensical") as config:
        assert config == tmp_path / ".mkdocs.preview.yml"
        preview = zensical_config.parse_config(str(config))
    assert not config.exists()
    full = zensical_config.parse_config(str(tmp_path / "mkdocs.yml"))
    assert full["validation"]["invalid_links"] and full["validation"]["invalid_link_anchors"]
    assert not preview["validation"]["invalid_links"] and not preview["validation"]["invalid_link_anchors"]
    assert {k: v for k, v in preview.items() if k != "validation"} == {
        k: v for k, v in full.items() if k != "validation"
    }
    with server_config(paths, "mkdocs") as config:
        assert config == tmp_path / "mkdocs.yml"
