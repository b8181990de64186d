"""MkDocs' pages shared among worker processes: the same site as `mkdocs build`, the same failures."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.pages.write import WriteReport
from generator.site import shared_build as parallel
from generator.site.build import BuildError, Built, build_site, default_jobs
from generator.site.forked import ChildError
from generator.site.shared_build import SiteBuildError, shares
from tests.conftest import ROOT, snapshot

pytestmark = pytest.mark.e2e

CONFIG = """\
site_name: Shares
docs_dir: docs
strict: true
theme:
  name: material
plugins:
  - search
nav:
  - Home: index.md
  - Alpha: a.md
validation:
  links:
    anchors: warn
"""

PAGES = {
    "index.md": "# Welcome\n\nStart at [alpha](a.md).\n",
    "a.md": "# Alpha\n\n## First part\n\nSee [beta's second part](b.md#second-part) and [gamma](c.md).\n",
    "b.md": "# Beta\n\n## Second part\n\nBack to [alpha's first part](a.md#first-part).\n",
    "c.md": "# Gamma\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "d.md": "# Delta\n\n" + "Long text. " * 500 + "\n",
    "e.md": "# Epsilon\n\n## One\n\n## Two\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # One build date for both builds, so sitemap.xml.gz matches even across midnight.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in PAGES.items():
        write(tmp_path / "docs" / name, text)
    return tmp_path


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def failure(project: Path, jobs: int) -> str:
    with pytest.raises(SiteBuildError) as caught:
        parallel.build(project / "mkdocs.yml", project / f"site-{jobs}", jobs)
    return str(caught.value)


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


@pytest.mark.parametrize("jobs", [2, 3, 6])
def test_shared_pages_make_the_site_mkdocs_build_makes(project: Path, jobs: int) -> None:
    build_site(project / "mkdocs.yml", project / "alone", jobs=1)  # `mkdocs build` itself
    build_site(project / "mkdocs.yml", project / "shared", jobs=jobs)
    alone, shared = snapshot(project / "alone"), snapshot(project / "shared")
    assert shared == alone
    assert b"Second part" in shared["search/search_index.json"]  # every worker's pages are in the index


def test_anchors_are_checked_across_workers(project: Path) -> None:
    # Six pages, six workers: every page is rendered by a different process than the pages it links to.
    write(project / "docs" / "e.md", "# Epsilon\n\n[ok](b.md#second-part), [gone](b.md#nowhere)\n")
    message = failure(project, 6)
    assert warnings(message) == [
        "WARNING -  Doc file 'e.md' contains a link 'b.md#nowhere', but the doc 'b.md' does not contain "
        "an anchor '#nowhere'."
    ]
    assert message.endswith("\nAborted with 1 warnings in strict mode!")


def test_warnings_from_workers_come_back_in_page_order_as_mkdocs_logs_them(project: Path) -> None:
    for name in ("c.md", "d.md", "e.md"):
        write(project / "docs" / name, f"# {name}\n\n[broken](missing-{name})\n")
    shared, alone = failure(project, 3), failure(project, 1)
    assert (
        warnings(shared)
        == warnings(alone)
        == [
            f"WARNING -  Doc file '{name}' contains a link 'missing-{name}', but the target is not found among "
            "documentation files."
            for name in ("c.md", "d.md", "e.md")
        ]
    )
    assert shared.endswith("\nAborted with 3 warnings in strict mode!")
    assert alone.endswith("\nAborted with 3 warnings in strict mode!")


def test_a_page_that_fails_in_a_worker_is_reported_with_its_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parallel._build_page

    def broken(page: object, *args: object, **kwargs: object) -> None:
        if page.file.src_uri == "c.md":  # type: ignore[attr-defined]
            raise ValueError("the theme fell over on c.md")
        real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_build_page", broken)  # workers are forked, so they inherit the patch
    message = failure(project, 2)
    assert "(raised in the child process)" in message
    assert message.endswith("ValueError: the theme fell over on c.md")


def test_a_bad_config_is_reported_by_name(project: Path) -> None:
    (project / "mkdocs.yml").write_text(CONFIG.replace("name: material", "name: no-such-theme"), encoding="utf-8")
    message = failure(project, 2)
    assert message.splitlines() == [
        "ERROR   -  Config value 'theme': Unrecognised theme name: 'no-such-theme'. The available installed "
        "themes are: mkdocs, readthedocs, material",
        "Aborted with a configuration error!",
    ]


@pytest.mark.parametrize("reason", ["a plugin that gathers across pages", "no fork"])
def test_the_site_is_built_in_one_process_when_pages_cannot_be_shared(
    project: Path, monkeypatch: pytest.MonkeyPatch, reason: str
) -> None:
    if reason == "no fork":
        monkeypatch.setattr(parallel, "can_fork", lambda: False)
    else:  # the tags plugin gathers tags across pages: a worker would see only its own
        config = CONFIG.replace("  - search\n", "  - search\n  - tags\n")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    def refused(*args: object) -> None:
        raise AssertionError(f"pages were shared despite {reason}")

    monkeypatch.setattr(parallel, "_build_shared", refused)
    unshared = parallel.build(project / "mkdocs.yml", project / "site", 2).unshared
    assert (project / "site" / "d" / "index.html").exists()
    assert (
        unshared
        == {
            "no fork": "this system cannot fork worker processes",
            "a plugin that gathers across pages": "plugin material/tags may gather across pages, which workers cannot "
            "share",
        }[reason]
    )


def test_shared_pages_are_no_news(project: Path) -> None:
    assert parallel.build(project / "mkdocs.yml", project / "site", 2).unshared == ""


@pytest.mark.parametrize(
    ("jobs", "unshared", "builder"),
    [
        ("2", "", "mkdocs (2 jobs)"),
        (
            "2",
            "this system cannot fork worker processes",
            "mkdocs in one process (this system cannot fork worker processes)",
        ),
        ("1", "", "mkdocs"),
    ],
)
def test_the_summary_says_how_mkdocs_ran(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str, unshared: str, builder: str
) -> None:
    monkeypatch.setattr("generator.cli.in_child", lambda *args, **kwargs: (WriteReport((), (), 0), []))
    monkeypatch.setattr("generator.cli.build_site", lambda *args, **kwargs: Built(unshared, 3, 9, ""))
    assert main(["build", "-f", str(ROOT / "mkdocs.yml"), "--jobs", jobs]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(rf"built \S+ with {re.escape(builder)} in [0-9.]+ s \(generator: [0-9.]+ s\); .*", summary)


def test_mkdocs_logger_is_left_as_it_was(project: Path) -> None:
    logger = logging.getLogger("mkdocs")
    before = (list(logger.handlers), logger.level, logger.propagate)
    parallel.build(project / "mkdocs.yml", project / "site", 2)
    write(project / "docs" / "c.md", "# Gamma\n\n[broken](missing.md)\n")
    failure(project, 2)
    assert (list(logger.handlers), logger.level, logger.propagate) == before


def test_a_failed_shared_build_leaves_the_last_good_site(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    good = snapshot(project / "site")
    write(project / "docs" / "c.md", "# Gamma\n\n[broken](missing.md)\n")
    with pytest.raises(BuildError, match=r"^mkdocs build failed; .* was left as it was\.\n"):
        build_site(project / "mkdocs.yml", project / "site", jobs=2)
    assert snapshot(project / "site") == good


def test_a_dead_mkdocs_child_is_a_failed_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args: object) -> None:
        raise ChildError("the child process ended without a result (exit code -9)")

    monkeypatch.setattr("generator.site.build.in_child", killed)
    with pytest.raises(BuildError) as caught:
        build_site(project / "mkdocs.yml", project / "site", jobs=2)
    assert str(caught.value) == (
        f"mkdocs build failed; {project / 'site'} was left as it was.\n"
        "the child process ended without a result (exit code -9)"
    )
    assert not (project / ".site.building").exists()


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(1, 8))
def test_shares_deal_every_page_once_and_evenly(sizes: list[int], jobs: int) -> None:
    dealt = shares(sizes, jobs)
    assert sorted(n for share in dealt for n in share) == list(range(len(sizes)))
    assert len(dealt) == max(1, min(jobs, len(sizes)))
    assert all(share == sorted(share) for share in dealt)
    loads = [sum(sizes[n] for n in share) for share in dealt]
    assert max(loads) - min(loads) <= max(sizes, default=0)


@pytest.mark.parametrize("jobs", ["0", "-1", "two", ""])
def test_jobs_must_be_a_whole_number(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", "--jobs", jobs])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m generator build: error: argument --jobs: {jobs!r} is not a whole number of processes, 1 or more"
    )


@pytest.mark.parametrize(("usable", "jobs"), [(1, 1), (2, 2), (8, 8), (64, 8)])
def test_default_jobs_are_the_usable_cpus_up_to_eight(monkeypatch: pytest.MonkeyPatch, usable: int, jobs: int) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(usable)), raising=False)
    assert default_jobs() == jobs
