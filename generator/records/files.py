"""Files of the content folder, read safely: regular files inside it only, never more than a limit.

A content folder arrives in pull requests as much as from editors. A symbolic link in it
would publish a file of the machine that builds the site (`pages/x.md → /etc/passwd`), a
device would be read without end (`/dev/zero`, whose size says 0) and a named pipe would
block the build forever. So each entry is judged without following links (`lstat`, or the
folder listing's own type), opened with O_NOFOLLOW and O_NONBLOCK and judged again once open
(`fstat`: it may have been swapped meanwhile), and read up to the limit and one byte more,
whatever its size said. Every refusal is a problem naming the entry and what it is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import Position, Problem

MAX_FILE_BYTES = 1024 * 1024
"""A single record larger than this is refused: real records are a few KB."""

_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def what_it_is(mode: int) -> str | None:
    """What an entry that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((words for test, words in kinds if test(mode)), "not a regular file")


def entry_problem(path: Path, shown: str, mode: int, hint: str = "") -> Problem | None:
    """A problem for an entry that is not a regular file (`mode` from lstat), else None."""
    what = what_it_is(mode)
    if what is None:
        return None
    if stat.S_ISLNK(mode):
        return _link_problem(path, shown)
    if stat.S_ISDIR(mode):
        return Problem(Position.whole(shown), "error", f"'{path.name}' is a folder", hint)
    return Problem(
        Position.whole(shown),
        "error",
        f"'{path.name}' is {what}, not a file",
        "only regular files are read: remove it",
    )


def _link_problem(path: Path, shown: str) -> Problem:
    try:
        target = f" to '{path.readlink()}'"
    except OSError:  # gone or swapped meanwhile: the link itself is the point
        target = ""
    return Problem(
        Position.whole(shown),
        "error",
        f"'{path.name}' is a symbolic link{target}, which is not followed",
        "put the file itself here instead of a link, so nothing from outside the folder is published",
    )


MAX_COPIED_BYTES = 64 * 1024 * 1024
"""A file copied as it is (a stylesheet, a logo) may be larger than a record, but not without bound."""


def read_bounded(
    path: Path,
    shown: str,
    problems: list[Problem],
    limit: int = MAX_FILE_BYTES,
    hint: str = "split it into one record per file",
    follow_links: bool = False,
) -> bytes | None:
    """The bytes of the regular file at `path`, or None with the reason added to `problems`.

    `follow_links` is for a file the briefing names itself (mkdocs.yml), not one found in the content folder.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS & ~os.O_NOFOLLOW if follow_links else _OPEN_FLAGS)
    except OSError as exc:
        problems.append(_unreadable(path, shown, exc))
        return None
    try:
        info = os.fstat(fd)
        refused = entry_problem(path, shown, info.st_mode)
        if refused is not None:
            problems.append(refused)
            return None
        data = b"" if info.st_size > limit else _read_at_most(fd, limit + 1)
    except OSError as exc:
        problems.append(_unreadable(path, shown, exc))
        return None
    finally:
        os.close(fd)
    if info.st_size > limit or len(data) > limit:
        # A file that grew past the limit while it was read has no true size: say only that it is over.
        size = f" {info.st_size / 1_000_000:.1f} MB," if info.st_size > limit else ""
        problems.append(
            Problem(
                Position.whole(shown),
                "error",
                f"file is{size} over the {limit // 1024} KiB limit for one file",
                hint,
            )
        )
        return None
    return data


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0 and (chunk := os.read(fd, min(left, 1 << 16))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _unreadable(path: Path, shown: str, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link put in the file's place after the folder was listed
        return _link_problem(path, shown)
    if exc.errno in (errno.EACCES, errno.EPERM):
        hint = "make it readable (chmod a+r) or move it out of the content folder"
    else:
        hint = "check the file and the disk, then try again"
    return Problem(Position.whole(shown), "error", f"cannot read it: {exc.strerror or exc}", hint)


def decode(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    """UTF-8 text, or None with a problem at the line and column of the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        problems.append(
            Problem(
                Position(shown, line, col),
                "error",
                f"file is not UTF-8 text (byte 0x{data[exc.start]:02x}: {exc.reason})",
                "save it as UTF-8",
            )
        )
        return None


def read_tree(folder: Path, shown: str, problems: list[Problem]) -> dict[str, bytes]:
    """Every regular file under `folder` by its relative POSIX path; links, devices and pipes are problems.

    For files the generator copies as they are (a briefing's stylesheets): the same rules as records.
    No folder, no files.
    """
    found: dict[str, bytes] = {}
    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return found
    if not stat.S_ISDIR(mode):
        problems.append(entry_problem(folder, shown, mode) or Problem(Position.whole(shown), "error", "not a folder"))
        return found
    stack = [("", folder)]
    while stack:
        prefix, current = stack.pop()
        with os.scandir(current) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            where = f"{shown}/{relative}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{relative}/", Path(entry.path)))
                continue
            refused = entry_problem(Path(entry.path), where, entry.stat(follow_symlinks=False).st_mode)
            data = None
            if refused is None:
                data = read_bounded(Path(entry.path), where, problems, MAX_COPIED_BYTES, "make it smaller")
            if refused is not None:
                problems.append(refused)
            elif data is not None:
                found[relative] = data
    return dict(sorted(found.items()))
