"""Reading the content folder's files: regular files only, never more than the limit, each refusal named."""

from __future__ import annotations

import errno
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.records import files
from generator.records.files import MAX_FILE_BYTES, decode, read_bounded, read_tree, what_it_is


def read(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[str]]:
    problems: list[Problem] = []
    data = read_bounded(path, "shown.yml", problems, limit)
    return data, [str(p) for p in problems]


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.yml"
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(str(path))
        yield path


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"id: a\n")
    assert read(tmp_path / "a.yml") == (b"id: a\n", [])


def test_a_file_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"x" * 11)
    assert read(tmp_path / "a.yml", limit=10) == (
        None,
        ["shown.yml: error: file is 0.0 MB, over the 0 KiB limit for one file (split it into one record per file)"],
    )
    (tmp_path / "b.yml").write_bytes(b"x" * 10)
    assert read(tmp_path / "b.yml", limit=10) == (b"x" * 10, [])


def test_a_symlink_is_refused_when_opened_whatever_it_points_at(tmp_path: Path) -> None:
    """O_NOFOLLOW: a link put in a file's place after the folder was listed is not followed either."""
    (tmp_path / "target.yml").write_text("id: a\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "target.yml")
    assert read(tmp_path / "link.yml") == (
        None,
        [
            f"shown.yml: error: 'link.yml' is a symbolic link to '{tmp_path / 'target.yml'}', which is not followed "
            "(put the file itself here instead of a link, so nothing from outside the folder is published)"
        ],
    )


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yml")
    assert read(tmp_path / "pipe.yml") == (
        None,
        ["shown.yml: error: 'pipe.yml' is a named pipe, not a file (only regular files are read: remove it)"],
    )


def test_a_socket_is_refused(unix_socket: Path) -> None:
    """A socket cannot be opened at all: the system's reason is the message."""
    data, problems = read(unix_socket)
    assert data is None
    assert problems == [
        "shown.yml: error: cannot read it: No such device or address (check the file and the disk, then try again)"
    ]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub.yml").mkdir()
    assert read(tmp_path / "sub.yml") == (None, ["shown.yml: error: 'sub.yml' is a folder"])


def test_a_device_is_refused_before_a_byte_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or b"\0" * n)
    assert read(Path("/dev/zero")) == (
        None,
        ["shown.yml: error: 'zero' is a character device, not a file (only regular files are read: remove it)"],
    )
    assert reads == []


def test_an_unreadable_file_says_so_and_how_to_fix_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root nothing is unreadable, so the refusal is what the system would say to anyone else."""
    (tmp_path / "a.yml").write_text("id: a\n")

    def refuse(path: object, flags: int) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refuse)
    assert read(tmp_path / "a.yml") == (
        None,
        [
            "shown.yml: error: cannot read it: Permission denied "
            "(make it readable (chmod a+r) or move it out of the content folder)"
        ],
    )


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (stat.S_IFREG, None),
        (stat.S_IFLNK, "a symbolic link"),
        (stat.S_IFDIR, "a folder"),
        (stat.S_IFIFO, "a named pipe"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFCHR, "a character device"),
        (stat.S_IFBLK, "a block device"),
        (0, "not a regular file"),
    ],
)
def test_what_an_entry_is_in_words(mode: int, words: str | None) -> None:
    assert what_it_is(mode) == words


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"id: x\nname: \xff\n", "f.yml:2:7: error: file is not UTF-8 text (byte 0xff: invalid start byte)"),
        (b"a: \xc3\xa9\xe9\n", "f.yml:1:5: error: file is not UTF-8 text (byte 0xe9: invalid continuation byte)"),
        (b"a: \xe2\x82", "f.yml:1:4: error: file is not UTF-8 text (byte 0xe2: unexpected end of data)"),
    ],
)
def test_text_that_is_not_utf8_is_placed_at_its_first_bad_byte(data: bytes, where: str) -> None:
    problems: list[Problem] = []
    assert decode(data, "f.yml", problems) is None
    assert [str(p) for p in problems] == [f"{where} (save it as UTF-8)"]


def test_a_copied_tree_is_read_with_the_same_rules(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "fonts").mkdir(parents=True)
    (assets / "site.css").write_text("body {}")
    (assets / "fonts" / "a.woff2").write_bytes(b"\0font")
    (assets / "secret.css").symlink_to("/etc/passwd")
    os.mkfifo(assets / "fonts" / "pipe.css")
    problems: list[Problem] = []
    found = read_tree(assets, "templates/assets", problems)
    assert found == {"fonts/a.woff2": b"\0font", "site.css": b"body {}"}
    assert sorted(str(p) for p in problems) == [
        "templates/assets/fonts/pipe.css: error: 'pipe.css' is a named pipe, not a file "
        "(only regular files are read: remove it)",
        "templates/assets/secret.css: error: 'secret.css' is a symbolic link to '/etc/passwd', which is not followed "
        "(put the file itself here instead of a link, so nothing from outside the folder is published)",
    ]


def test_a_copied_tree_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.css").write_text("a")
    (tmp_path / "assets").symlink_to(tmp_path / "real")
    problems: list[Problem] = []
    assert read_tree(tmp_path / "assets", "assets", problems) == {}
    assert [str(p) for p in problems] == [
        f"assets: error: 'assets' is a symbolic link to '{tmp_path}/real', which is not followed "
        "(put the file itself here instead of a link, so nothing from outside the folder is published)"
    ]
    assert read_tree(tmp_path / "none", "none", problems) == {}


def test_copied_files_may_be_larger_than_records_but_not_endless() -> None:
    assert MAX_FILE_BYTES < files.MAX_COPIED_BYTES <= 64 * 1024 * 1024
