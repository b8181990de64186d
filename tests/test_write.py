from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pages.write import MARKER, UnsafeOutputError, write_tree


def test_writes_only_changed_files_and_removes_stale(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_tree(docs, {"a.md": b"A", "sub/b.md": b"B", "old.md": b"O"})
    assert first.written == ("a.md", "old.md", "sub/b.md")
    before = (docs / "a.md").stat().st_mtime_ns
    second = write_tree(docs, {"a.md": b"A", "sub/b.md": b"B2"})
    assert second.written == ("sub/b.md",)
    assert second.removed == ("old.md",)
    assert second.unchanged == 1
    assert (docs / "a.md").stat().st_mtime_ns == before  # untouched, so watchers see no change
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        MARKER,
        "a.md",
        "sub/b.md",
    ]


def test_empty_folders_are_removed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"sub/deep/x.md": b"x"})
    write_tree(docs, {"y.md": b"y"})
    assert not (docs / "sub").exists()


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "a/../../b.md", "a\\b.md"])
def test_refuses_paths_outside_the_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        write_tree(tmp_path / "docs", {bad: b"x"})
    assert not (tmp_path / "escape.md").exists()


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "precious.md").write_text("keep me")
    with pytest.raises(UnsafeOutputError) as raised:
        write_tree(docs, {"a.md": b"A"})
    assert str(raised.value) == (
        f"{docs} exists and was not made by the generator; choose an empty folder or remove it"
    )
    assert (docs / "precious.md").read_text() == "keep me"
    assert not (docs / "a.md").exists()


def test_the_folder_it_makes_says_it_is_generated(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"A"})
    assert (docs / MARKER).read_text() == (
        "This folder is generated from the content folder; edits here are overwritten.\n"
    )
    write_tree(docs, {"b.md": b"B"})  # a folder it made is its own to write again
    assert sorted(p.name for p in docs.iterdir()) == [MARKER, "b.md"]


def test_previous_write_skips_reading_and_limits_stale_removal(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    files = {"a.md": b"A", "b.md": b"B"}
    write_tree(docs, files)
    (docs / "stray.md").write_text("not ours to sweep in a preview")
    report = write_tree(docs, {"a.md": b"A", "c.md": b"C"}, previous=files)
    assert report.written == ("c.md",)
    assert report.removed == ("b.md",)
    assert (docs / "stray.md").exists()


def test_a_stale_page_already_deleted_by_hand_does_not_stop_the_preview(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    files = {"a.md": b"A", "b.md": b"B"}
    write_tree(docs, files)
    (docs / "b.md").unlink()
    report = write_tree(docs, {"a.md": b"A"}, previous=files)
    assert report.removed == ("b.md",)
    assert report.written == ()


def test_same_size_different_bytes_is_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"AAAA"})
    report = write_tree(docs, {"a.md": b"BBBB"})
    assert report.written == ("a.md",)
    assert (docs / "a.md").read_bytes() == b"BBBB"


def test_leftover_temporary_file_is_swept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"sub/a.md": b"A"})
    (docs / "sub" / ".tmp-99999").write_bytes(b"half a page")  # a run killed mid-write
    report = write_tree(docs, {"sub/a.md": b"A"})
    assert report.removed == ("sub/.tmp-99999",)
    assert [p.name for p in (docs / "sub").iterdir()] == ["a.md"]


def test_pages_are_readable_by_the_web_server(tmp_path: Path) -> None:
    """Files get the usual umask-governed mode, not a private temporary file's 0600."""
    docs = tmp_path / "docs"
    umask = os.umask(0o022)
    try:
        write_tree(docs, {"a.md": b"A"})
    finally:
        os.umask(umask)
    assert (docs / "a.md").stat().st_mode & 0o777 == 0o644


def test_a_rewritten_page_stays_readable_and_not_executable(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    umask = os.umask(0o022)
    try:
        write_tree(docs, {"a.md": b"A"})
        write_tree(docs, {"a.md": b"changed"})
    finally:
        os.umask(umask)
    assert (docs / "a.md").read_bytes() == b"changed"
    assert (docs / "a.md").stat().st_mode & 0o777 == 0o644


def test_refuses_to_write_through_a_planted_symlink(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"A"})
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    temp = docs / f".tmp-{os.getpid()}"
    temp.symlink_to(victim)
    with pytest.raises(ContentError) as caught:
        write_tree(docs, {"a.md": b"changed"})
    assert [str(p) for p in caught.value.problems] == [
        f"{temp}: error: cannot write the generated pages: Too many levels of symbolic links (make {docs} writable, "
        "or set docs_dir in mkdocs.yml to another folder; the site was left as it was)"
    ]
    assert victim.read_bytes() == b"keep"


@pytest.mark.parametrize("victim_exists", [True, False])
def test_a_symlink_in_place_of_a_page_never_writes_outside(tmp_path: Path, victim_exists: bool) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"A"})
    victim = tmp_path / "victim.txt"
    if victim_exists:
        victim.write_bytes(b"keep")
    (docs / "b.md").symlink_to(victim)
    try:
        write_tree(docs, {"a.md": b"A", "b.md": b"B"})
    except ContentError as exc:
        assert not victim_exists  # a dangling link is refused, not followed
        assert "error: cannot write the generated pages: File exists" in str(exc)
    else:
        assert (docs / "b.md").read_bytes() == b"B" and not (docs / "b.md").is_symlink()
    assert victim.read_bytes() == b"keep" if victim_exists else not victim.exists()


def test_a_new_page_is_written_whole(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    report = write_tree(docs, {"new/deep/page.md": b"x" * 100_000})
    assert report.written == ("new/deep/page.md",)
    assert (docs / "new" / "deep" / "page.md").read_bytes() == b"x" * 100_000
    assert not list(docs.rglob(".tmp-*"))


def test_a_page_named_as_long_as_the_file_system_allows_can_be_rewritten(tmp_path: Path) -> None:
    """The temporary file beside it must not be longer: it was '.tmp-<pid>-<name>', which overflowed 255 bytes."""
    docs = tmp_path / "docs"
    name = "x" * 252 + ".md"
    write_tree(docs, {name: b"first"})
    assert write_tree(docs, {name: b"second"}).written == (name,)
    assert (docs / name).read_bytes() == b"second"


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make a folder unwritable: chmod for a user, chattr +i for root (whom chmod does not stop)."""
    marked: list[Path] = []

    def mark(folder: Path) -> None:
        if os.geteuid() != 0:
            folder.chmod(0o555)
        elif shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
            pytest.skip("root, and chattr +i does not work here: a read-only folder cannot be made, not tested")
        marked.append(folder)

    yield mark
    for folder in marked:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def test_a_read_only_docs_folder_is_one_problem_naming_it(tmp_path: Path, read_only: Callable[[Path], None]) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"A"})
    read_only(docs)
    with pytest.raises(ContentError) as caught:
        write_tree(docs, {"a.md": b"A", "b.md": b"B"})
    (problem,) = caught.value.problems
    assert str(problem) in (
        f"{docs / 'b.md'}: error: cannot write the generated pages: {reason} (make {docs} writable, "
        "or set docs_dir in mkdocs.yml to another folder; the site was left as it was)"
        for reason in ("Permission denied", "Operation not permitted")
    )
    assert (docs / "a.md").read_bytes() == b"A"


def test_any_fault_of_the_disk_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": b"A"})

    def full(path: object, flags: int, mode: int = 0o777) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(ContentError) as caught:
        write_tree(docs, {"a.md": b"changed"})
    assert [str(p) for p in caught.value.problems] == [
        f"{docs / f'.tmp-{os.getpid()}'}: error: cannot write the generated pages: No space left on device "
        "(free space on the disk; the site was left as it was)"
    ]
    assert (docs / "a.md").read_bytes() == b"A"
