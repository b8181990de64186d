"""A failed build leaves the last good site in place."""

from __future__ import annotations

import json
import re
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, shipped_config_text, snapshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content")
    config = shipped_config_text()
    config = config.replace("  - Method: method.md\n", "")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--templates", str(ROOT / "site_templates")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        # One build date, so sitemap.xml.gz is the same in two builds.
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"},
    )


def test_build_then_content_error_changes_nothing(project: Path) -> None:
    first = cli(project, "build")
    assert first.returncode == 0, first.stderr
    site, docs = snapshot(project / "site"), snapshot(project / "build" / "docs")
    event = project / "content" / "events" / "2024-01-strike-month-only.yml"
    event.write_text(event.read_text().replace("type: drone-strike", "type: drone-strik"))
    second = cli(project, "build")
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        "content/events/2024-01-strike-month-only.yml:4:7: error: unknown event-type 'drone-strik' in 'type' "
        "(did you mean 'drone-strike'?)",
        "1 error, 0 warnings",
    ]
    assert snapshot(project / "site") == site
    assert snapshot(project / "build" / "docs") == docs


def test_failed_mkdocs_build_keeps_the_last_good_site(project: Path) -> None:
    assert cli(project, "build").returncode == 0
    site = snapshot(project / "site")
    # A link to a missing page in a hand-written page is a warning, so MkDocs' strict build fails.
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text() + "\nSee [the annex](annex.md).\n")
    result = cli(project, "build")
    assert result.returncode == 1
    assert "mkdocs build failed; " in result.stderr and "was left as it was" in result.stderr
    assert "contains a link 'annex.md', but the target is not found" in result.stderr
    assert snapshot(project / "site") == site
    assert not (project / ".site.building").exists()


def test_two_builds_are_byte_identical(project: Path) -> None:
    assert cli(project, "build").returncode == 0
    docs = snapshot(project / "build" / "docs")
    shutil.rmtree(project / "build")
    assert cli(project, "generate").returncode == 0
    assert snapshot(project / "build" / "docs") == docs


def pagefind_config(project: Path) -> None:
    config = project / "mkdocs.yml"
    # The whole plugins block, whatever search's settings (the shipped config sets its pipeline).
    text = re.sub(r"^plugins:\n(?:[ #].*\n|\n)*?(?=\S)", "plugins: []\n", config.read_text(), flags=re.MULTILINE)
    assert "plugins: []\n" in text
    text = text.replace("  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - Search: search.md\n")
    config.write_text(text + "\nextra:\n  briefing:\n    search: pagefind\n")


def test_pagefind_build_indexes_record_pages_only(project: Path) -> None:
    pytest.importorskip("pagefind")
    pagefind_config(project)
    result = cli(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    records = len(list((project / "content").glob("*/*.yml")))  # one indexed page per record, no listing
    assert entry["languages"]["en"]["page_count"] == records
    page = (site / "search" / "index.html").read_text()
    assert "../pagefind/pagefind-ui.js" in page and "new PagefindUI" in page
    assert not (site / "search" / "search_index.json").exists()


def test_unknown_search_engine_is_a_clear_error(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nextra:\n  briefing:\n    search: google\n")
    result = cli(project, "build")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("extra.briefing.search is 'google'; expected one of material, pagefind")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_nav_entry_naming_a_missing_page_fails_before_either_engine_runs(project: Path, engine: str) -> None:
    """Zensical would build such a site without a word: the generator refuses it first, at the entry's line."""
    pytest.importorskip(engine)
    assert cli(project, "build").returncode == 0
    site = snapshot(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Tags: tags/index.md\n", "  - Tags: missing.md\n"))
    line = config.read_text().splitlines().index("  - Tags: missing.md") + 1
    expected = [
        f"mkdocs.yml:{line}:11: error: nav entry 'Tags' names 'missing.md', which is not a page of the site "
        "(write the page's path as build/docs has it, or remove the entry)",
        "1 error, 0 warnings",
    ]
    built = cli(project, "build", "--engine", engine)
    assert (built.returncode, built.stderr.splitlines()) == (1, expected)
    assert snapshot(project / "site") == site
    checked = cli(project, "check", "--min-coverage", "0")
    assert checked.returncode == 1
    assert [line for line in checked.stdout.splitlines() if ": error: " in line] == expected[:1]


def test_properdocs_builds_the_same_site_as_mkdocs(project: Path) -> None:
    """The fallback should MkDocs 1.x stop installing: only each page's generator tag names it."""
    pytest.importorskip("properdocs")
    assert cli(project, "build", "--jobs", "1").returncode == 0
    mkdocs_site = snapshot(project / "site")
    built = cli(project, "build", "--engine", "properdocs")
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-1].startswith("built site with properdocs in ")
    properdocs_site = snapshot(project / "site")
    assert sorted(properdocs_site) == sorted(mkdocs_site)
    tag = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*">')
    different = [
        path for path, data in mkdocs_site.items() if tag.sub(b"", data) != tag.sub(b"", properdocs_site[path])
    ]
    assert different == []
    assert b"mkdocs-ProperDocs 1.6" in properdocs_site["index.html"]


def test_a_site_path_that_is_a_file_is_one_clear_error(project: Path) -> None:
    (project / "site").write_text("not a site")
    result = cli(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {project / 'site'} is not a folder; remove it or pass --site with another folder"
    )
    assert (project / "site").read_text() == "not a site"


def test_a_read_only_leftover_of_an_earlier_build_is_cleared(project: Path) -> None:
    """A swap that could not remove the old site (read-only) must not wedge every later build."""
    assert cli(project, "build").returncode == 0
    leftover = project / ".site.old" / "events" / "x"
    leftover.mkdir(parents=True)
    (leftover / "index.html").write_text("old")
    for folder in (leftover, leftover.parent, leftover.parent.parent):
        folder.chmod(0o555)
    result = cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert not (project / ".site.old").exists()


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """Folders no one, root included, may change (chattr +i): a leftover that truly cannot be removed."""
    marked: list[Path] = []

    def mark(folder: Path) -> None:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
            pytest.skip("cannot make a folder immutable here (needs chattr and root): the case is not tested")
        marked.append(folder)

    yield mark
    for folder in marked:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_leftover_that_cannot_be_removed_is_named_with_what_to_do(
    project: Path, immutable: Callable[[Path], None]
) -> None:
    assert cli(project, "build").returncode == 0
    site = snapshot(project / "site")
    stuck = project / ".site.old" / "stuck"
    stuck.mkdir(parents=True)
    (stuck / "page.html").write_text("old")
    immutable(stuck)
    result = cli(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {project / '.site.old'} is left from an earlier build and cannot be removed "
        "(Operation not permitted); remove it, then build again"
    ]
    assert snapshot(project / "site") == site


def _small_disk() -> None:
    """In the child: files may grow to 64 KiB, then writing fails as on a full disk (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_one_line_with_the_path_and_the_last_good_site_is_kept(project: Path, jobs: str) -> None:
    assert cli(project, "build").returncode == 0
    site = snapshot(project / "site")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--jobs", jobs, "--templates", str(ROOT / "site_templates")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        preexec_fn=_small_disk,
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        rf"error: the mkdocs build could not use \S+: File too large; {re.escape(str(project / 'site'))} "
        "was left as it was",
        line,
    ), line
    assert snapshot(project / "site") == site
    assert not (project / ".site.building").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_page_that_would_replace_a_generated_one_stops_the_build_whatever_the_jobs(project: Path, jobs: str) -> None:
    """With one job MkDocs' page won, with two it was a race: now neither build starts."""
    (project / "content" / "pages" / "actors.md").write_text("# Our actors\n\nSee [about](about.md).\n")
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text() + "\n[Our actors](actors.md)\n")
    result = cli(project, "build", "--jobs", jobs)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/pages/actors.md:1:1: error: the page 'actors.md' would be published at 'actors/', the address of "
        "the generated page 'actors/index.md' too, so one would silently replace the other (rename the page or "
        "record: ids such as 'index' and page names such as 'actors.md' are taken)",
        "1 error, 0 warnings",
    ]
    assert not (project / "site").exists()
