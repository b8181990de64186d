"""Dates from git: each record page's first and last commit days, and the build's date; never the clock."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.pages.pipeline import generate, load_index
from generator.records.history import Revision, build_date, git_revisions, read_history
from tests.conftest import TEMPLATES, MakeTree, valid_records

EVENT = "events/2024-01-01-attack.yml"


def commit(folder: Path, when: str) -> None:
    """Commit everything in `folder` with this author and committer date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(folder), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(folder), *identity, "commit", "-qm", "edit"], check=True, env=env)


@pytest.fixture
def repository(make_tree: MakeTree) -> Path:
    """The valid records committed on 2 January 2024; the event edited on 4 March 2024 (22:30 in UTC−5)."""
    content = make_tree(valid_records())
    subprocess.run(["git", "init", "-q", str(content.parent)], check=True)
    commit(content.parent, "2024-01-02T10:00:00+00:00")
    with (content / EVENT).open("a", encoding="utf-8") as handle:
        handle.write("tags: [edited]\n")
    commit(content.parent, "2024-03-04T22:30:00-05:00")
    return content


def test_each_file_has_its_first_and_last_commit_day_in_utc(repository: Path) -> None:
    revisions = git_revisions(repository)
    assert revisions[EVENT] == Revision(date(2024, 1, 2), date(2024, 3, 5))
    assert revisions["sources/src.yml"] == Revision(date(2024, 1, 2), date(2024, 1, 2))


def test_outside_a_repository_there_is_no_history(make_tree: MakeTree) -> None:
    content = make_tree(valid_records())
    assert git_revisions(content) == {}
    assert build_date(content, {}) is None


def test_the_build_date_is_source_date_epochs_else_the_last_commits(repository: Path) -> None:
    assert build_date(repository, {"SOURCE_DATE_EPOCH": "1700000000"}) == date(2023, 11, 14)
    assert build_date(repository, {}) == date(2024, 3, 5)
    assert build_date(repository, {"SOURCE_DATE_EPOCH": "not a number"}) == date(2024, 3, 5)


def test_git_history_wins_over_the_records_own_dates(repository: Path) -> None:
    with (repository / "actors/group.yml").open("a", encoding="utf-8") as handle:
        handle.write('published: "2020-01-01"\n')
    (repository / "places/new.yml").write_text(  # not committed yet: its own dates are used
        'id: new\nname: New\nkind: town\ndescription: A town.[@src]\nsources: [src]\npublished: "2024-06-01"\n',
        encoding="utf-8",
    )
    index, _ = load_index(repository, history=True)
    assert index.revisions["2024-01-01-attack"] == Revision(date(2024, 1, 2), date(2024, 3, 5))
    assert index.revisions["group"].published == date(2024, 1, 2)
    assert "new" not in index.revisions
    assert load_index(repository)[0].revisions == {}  # rendering tests read no history


def test_a_build_shows_the_dates_and_writes_the_downloads(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    docs = tmp_path / "docs"
    generate(repository, TEMPLATES, docs)
    card = (docs / EVENT.replace(".yml", ".md")).read_text(encoding="utf-8")
    assert "First published 2 January 2024 · last updated 5 March 2024." in card
    assert "Built 14 November 2023 · [data and downloads]" in (docs / "index.md").read_text(encoding="utf-8")
    assert "\nBuilt 14 November 2023.\n" in (docs / "data" / "index.md").read_text(encoding="utf-8")
    for name in ("events.json", "events.csv", "claims.csv", "participants.csv", "sources.csv", "feed.xml"):
        assert (docs / "data" / name).is_file()
    assert (docs / "events" / "2024-01-01-attack.json").is_file()
    assert (docs / "events" / "2024-01-01-attack.csl.json").is_file()
    first = {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    generate(repository, TEMPLATES, docs)
    assert {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()} == first


def test_the_history_is_read_again_only_for_another_commit_or_epoch(repository: Path) -> None:
    first = read_history(repository, {})
    assert read_history(repository, {}, first) is first
    assert read_history(repository, {"SOURCE_DATE_EPOCH": "0"}, first).built == date(1970, 1, 1)
    with (repository / EVENT).open("a", encoding="utf-8") as handle:
        handle.write("# an edit not yet committed changes no date\n")
    assert read_history(repository, {}, first) is first
    commit(repository.parent, "2024-04-01T12:00:00+00:00")
    again = read_history(repository, {}, first)
    assert again.revisions[EVENT] == Revision(date(2024, 1, 2), date(2024, 4, 1))
    assert again.built == date(2024, 4, 1)
