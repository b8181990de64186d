"""The live preview's caches never change the output: incremental == full, after any edits."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.pages.pipeline import GenerationCache, generate
from generator.pages.record_pages import PagePlan
from generator.records.index import Index
from tests.conftest import FIXTURE, FIXTURE_CONFIG, TEMPLATES, snapshot

Edit = Callable[[Path], None]


def replace(relative: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "content" / relative
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return edit


def write(relative: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return edit


def delete(relative: str) -> Edit:
    def edit(root: Path) -> None:
        (root / "content" / relative).unlink(missing_ok=True)

    return edit


def template(old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "templates" / "event.md.j2"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return edit


NEW_EVENT = (
    'id: 2024-03-01-new-strike\ntitle: A new strike\ndate: "2024-03-01"\ntype: airstrike\n'
    "places:\n  - place: base-b\nparticipants:\n  - {actor: state-s, role: perpetrator, attribution: declared, "
    "sources: [report-a]}\nsummary: Struck near [[base-b]].[@report-a]\n"
    "relations:\n  - {relation: in-response-to, event: 2024-01-24-strikes-on-site-t}\n"
    "tags: [strikes, new-tag]\nsources: [report-a]\n"
)
EDITS: dict[str, Edit] = {
    "rename-place": replace("places/base-b.yml", "name: Base B", "name: Base Bravo"),
    "rename-actor": replace("actors/militia-k.yml", "name: Militia K", "name: Militia Kilo"),
    "retitle-event": replace("events/2024-01-20-attack-on-base-b.yml", "title: Missile", "title: Rocket"),
    "move-event-date": replace("events/2024-01-strike-month-only.yml", 'date: "2024-01"', 'date: "2023-11"'),
    "change-type": replace("events/2024-01-strike-month-only.yml", "type: drone-strike", "type: airstrike"),
    "retag": replace("events/2024-01-20-attack-on-base-b.yml", "tags: [base-b]", "tags: [base-b, strikes]"),
    "retitle-source": replace("sources/report-b.yml", "title: Encyclopedia", "title: Reference"),
    "affiliation": replace("actors/militia-k.yml", "relation: part-of", "relation: member-of"),
    "briefing": replace("briefing.yml", "title: Fixture briefing", "title: Fixture briefing, revised"),
    "page": replace("pages/about.md", "A fixture page", "An edited page"),
    "add-event": write("events/2024-03-01-new-strike.yml", NEW_EVENT),
    "delete-event": delete("events/2024-01-strike-month-only.yml"),
    "break-then-nothing": replace("places/site-t.yml", "kind: site", "kind: sight"),
    "fix": replace("places/site-t.yml", "kind: sight", "kind: site"),
    "same-size-edit": replace("places/country-c.yml", "Country C", "Country D"),
    "template": template("**Type:**", "**Event type:**"),
}


def run(root: Path, docs: str, cache: GenerationCache | None) -> bool:
    try:
        generate(root / "content", root / "templates", root / docs, cache)
        return True
    except ContentError:
        return False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=6))
def test_incremental_equals_full(tmp_path_factory: pytest.TempPathFactory, edits: list[str]) -> None:
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(FIXTURE, root / "content")
    shutil.copytree(TEMPLATES, root / "templates")
    cache = GenerationCache()
    assert run(root, "docs", cache)
    for name in edits:
        EDITS[name](root)
        ok = run(root, "docs", cache)
        shutil.rmtree(root / "full", ignore_errors=True)
        assert run(root, "full", None) == ok
        if ok:
            assert snapshot(root / "docs") == snapshot(root / "full"), f"after {edits}"


def test_unchanged_pages_are_not_rendered_again(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    cache = GenerationCache()
    generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    total = cache.rendered.rendered
    generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    assert cache.rendered.rendered == 0
    EDITS["retitle-event"](tmp_path)
    generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    assert 0 < cache.rendered.rendered < total


@pytest.mark.parametrize("name", ["rename-place", "rename-actor", "retitle-source", "same-size-edit", "delete-event"])
def test_a_renamed_or_removed_record_changes_every_page_that_links_to_it(tmp_path: Path, name: str) -> None:
    """Pages kept by the preview's cache link and cite by name: one edit to a linked record, then as full."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    cache = GenerationCache()
    assert run(tmp_path, "docs", cache)
    EDITS[name](tmp_path)
    assert run(tmp_path, "docs", cache)
    assert run(tmp_path, "full", None)
    assert snapshot(tmp_path / "docs") == snapshot(tmp_path / "full")


def test_the_preview_counts_each_page_rendered_once(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    cache = GenerationCache()
    generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    assert cache.rendered.rendered == len(cache.texts) > 0


def test_an_edit_that_changes_no_value_renders_no_page_again(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    cache = GenerationCache()
    generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    with (tmp_path / "content" / "places" / "base-b.yml").open("a", encoding="utf-8") as record:
        record.write("# checked against the map, 2024-02\n")
    report, _ = generate(tmp_path / "content", TEMPLATES, tmp_path / "docs", cache)
    assert cache.rendered.rendered == 0
    assert report.written == report.removed == ()


def test_a_generation_plans_the_site_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the nav and rendering share one plan: planning every page's context is most of what a
    save costs at scale, so doing it twice doubled the preview's wait."""
    from generator.pages import pipeline, render

    calls: list[int] = []
    original = render.plan

    def counted(index: Index) -> Iterator[PagePlan]:
        calls.append(1)
        return original(index)

    monkeypatch.setattr(pipeline, "plan", counted)
    monkeypatch.setattr(render, "plan", counted)
    generate(FIXTURE, TEMPLATES, tmp_path / "docs", config=FIXTURE_CONFIG)
    assert len(calls) == 1
