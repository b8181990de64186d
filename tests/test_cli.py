from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import resolve_paths
from generator.site.serve import regenerate, server_config, watch
from generator.tools.init import init_briefing
from tests.conftest import FIXTURE, ROOT, MakeTree, shipped_config_text, site_config, valid_records


def test_validate_ok(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(valid_records())
    assert main(["validate", "--content", str(root), "-f", str(site_config(root.parent))]) == 0
    assert capsys.readouterr().out == "ok: 1 events, 1 actors, 1 places, 1 sources, 0 campaigns\n"


def test_validate_errors_exit_1(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({**valid_records(), "actors/group.yml": "id: group\n"})
    assert main(["validate", "--content", str(root), "-f", str(site_config(root.parent))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "4 errors, 0 warnings"
    assert err[0] == "content/actors/group.yml:1:1: error: missing required field 'kind' (add 'kind: …')"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


@pytest.mark.parametrize("address", ["8000", "localhost:", "localhost:http", ":8000", "127.0.0.1:70000"])
def test_a_bad_dev_addr_is_a_usage_error(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["serve", "--dev-addr", address])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument --dev-addr: '{address}' is not HOST:PORT (for example 127.0.0.1:8000)\n"
    )


def test_missing_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-f", str(tmp_path / "nope.yml")]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope.yml'}: not found (run the command in the briefing's folder, pass -f with the path "
        "of its mkdocs.yml, or start a briefing with: python -m generator init DIR)\n"
    )


@pytest.mark.parametrize(
    ("flags", "run"),
    [
        ([], "python -m generator"),
        (["-f", "b/mkdocs.yml"], "python -m generator -f b/mkdocs.yml"),
        (["-f", "b/mkdocs.yml", "--content", "b/content"], "python -m generator -f b/mkdocs.yml --content b/content"),
    ],
)
def test_new_says_what_to_run_next_as_it_was_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], flags: list[str], run: str
) -> None:
    monkeypatch.chdir(tmp_path)
    init_briefing(tmp_path / "b", "B")
    if not flags:
        monkeypatch.chdir(tmp_path / "b")
    assert main(["new", "actor", "harbour-master", *flags]) == 0
    created = "b/content" if flags else "content"
    assert capsys.readouterr().out == (
        f"created {created}/actors/harbour-master.yml\n"
        f"next: fill in the empty fields, then run `{run} validate` (or keep `{run} serve` running)\n"
    )


def test_the_installed_script_is_named_as_it_was_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/briefing", "init", "shipping"])
    assert main(["init", "shipping", "--title", "Shipping"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "next:",
        "  cd shipping",
        "  briefing validate      # every record checked, each problem at its file:line",
        "  briefing serve         # live preview at http://127.0.0.1:8000",
        "  briefing new event <id>   # then replace the example records with your own",
        "  briefing build && briefing check --strict   # what CI runs",
    ]


def test_schema_doc_in_readme_is_current() -> None:
    from generator.tools.schema_doc import replace_reference

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_reference(readme) == readme, "run: python -m generator schema-doc --write README.md"


def test_preview_regenerates_on_save_and_survives_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "content")
    paths = resolve_paths(site_config(tmp_path, ("about.md",), docs_dir="docs"))
    assert "regenerated" in regenerate(paths)
    event = tmp_path / "content" / "events" / "2024-01-strike-month-only.yml"
    swap = tmp_path / "content" / "events" / ".2024-01-strike-month-only.yml.swp"
    swap.write_text("")
    edits = [
        lambda: event.write_text(event.read_text().replace("type: drone-strike", "type: drone-strik")),
        lambda: event.write_text(event.read_text().replace("type: drone-strik", "type: airstrike")),
        swap.unlink,  # a removal is a change too
    ]
    lines: list[str] = []
    made = 0
    deadline = time.monotonic() + 30

    def alive() -> bool:
        """Make the next edit once the last one was reported; stop after the last report."""
        nonlocal made
        assert time.monotonic() < deadline, f"no report after edit {made}: {lines}"
        if len(lines) == made < len(edits):
            edits[made]()
            made += 1
        return len(lines) < len(edits)

    watch(paths, alive, lines.append)
    assert lines[0].startswith("content/events/2024-01-strike-month-only.yml:4:7: error: unknown event-type")
    assert lines[0].endswith("the preview keeps the last good pages; fix and save again")
    assert lines[1].startswith("regenerated in ")
    assert "Airstrike" in (tmp_path / "docs" / "events" / "2024-01-strike-month-only.md").read_text()
    assert lines[2].startswith("regenerated in ") and " 0 written" in lines[2]


def test_preview_ignores_reads(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text("docs_dir: docs\n")
    paths = resolve_paths(tmp_path / "mkdocs.yml", templates=ROOT / "site_templates")
    lines: list[str] = []
    rounds = iter(range(3))

    def alive() -> bool:
        """Read every content file, as the generator does; the loop waits for a change in between."""
        for path in (tmp_path / "content").rglob("*.yml"):
            path.read_bytes()
        return next(rounds, None) is not None

    watch(paths, alive, lines.append)
    assert lines == []


def test_zensical_preview_inherits_the_config_without_link_checks(tmp_path: Path) -> None:
    zensical_config = pytest.importorskip("zensical.config")
    (tmp_path / "mkdocs.yml").write_text(shipped_config_text(), encoding="utf-8")
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
