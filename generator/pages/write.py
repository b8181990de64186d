"""The generated docs tree on disk.

Writes only files whose bytes changed (so MkDocs' and Zensical's watchers
see only real edits), removes files the generator no longer produces, and
replaces each existing file atomically so a reader never sees half a page.
A fault of the disk (a read-only folder, a full disk) is one problem naming
the path and the system's reason, raised before anything is built.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import ContentError, Position, Problem, display_path

MARKER = ".briefing-generated"
"""Written into the docs folder so we never delete files in a folder we did not make."""


class UnsafeOutputError(ValueError):
    """The output folder exists and was not made by the generator."""


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def write_tree(root: Path, files: dict[str, bytes], previous: dict[str, bytes] | None = None) -> WriteReport:
    """Make `root` hold exactly `files` (relative POSIX paths → bytes).

    `previous` is what the last call wrote, for the live preview: a file
    whose bytes equal it is taken as still on disk rather than read back,
    and only files it listed can be stale. Without it every file is compared
    with the disk and the whole folder is swept.
    """
    try:
        return _write_tree(root, files, previous)
    except OSError as exc:
        raise ContentError([_fault(root, exc)]) from None


_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def _fault(root: Path, exc: OSError) -> Problem:
    """The system's reason and the path it names, and what to do: the site itself was not touched."""
    path = Path(exc.filename) if exc.filename is not None else root
    if exc.errno in _FULL:
        fix = "free space on the disk"
    else:
        fix = f"make {display_path(root)} writable, or set docs_dir in mkdocs.yml to another folder"
    return Problem(
        Position.whole(display_path(path)),
        "error",
        f"cannot write the generated pages: {exc.strerror or exc}",
        f"{fix}; the site was left as it was",
    )


def _write_tree(root: Path, files: dict[str, bytes], previous: dict[str, bytes] | None) -> WriteReport:
    _claim(root)
    written = []
    folders: set[Path] = set()
    for relative, data in sorted(files.items()):
        if previous is not None and previous.get(relative) == data:
            continue
        target = root / _safe_relative(relative)
        size = _size(target)
        if size == len(data) and target.read_bytes() == data:
            continue
        if target.parent not in folders:  # one mkdir per folder, not per file
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        try:
            _write_new(target, data) if size is None else _atomic_write(target, data)
        except OSError as exc:  # a full disk fails write(), which names no file: this is the one
            exc.filename = exc.filename or str(target)
            raise
        written.append(relative)
    if previous is None:
        removed = _remove_stale(root, set(files))
    else:
        removed = sorted(set(previous) - set(files))
        for relative in removed:
            (root / _safe_relative(relative)).unlink(missing_ok=True)
    return WriteReport(tuple(written), tuple(removed), len(files) - len(written))


def _claim(root: Path) -> None:
    if root.exists() and any(root.iterdir()) and not (root / MARKER).exists():
        raise UnsafeOutputError(f"{root} exists and was not made by the generator; choose an empty folder or remove it")
    root.mkdir(parents=True, exist_ok=True)
    marker = root / MARKER
    if not marker.exists():
        marker.write_text("This folder is generated from the content folder; edits here are overwritten.\n")


def _safe_relative(relative: str) -> Path:
    """Refuse any path that could land outside the output folder."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return Path(*path.parts)


def _size(target: Path) -> int | None:
    """The size of the file now at `target`, None if there is none (sizes are compared before bytes)."""
    try:
        return target.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write_new(target: Path, data: bytes) -> None:
    """A page that did not exist: no reader can hold an old copy, so no temporary is needed.

    Renaming thousands of temporaries into a 10,000-entry folder cost
    seconds; O_EXCL still refuses anything that appeared meanwhile.
    """
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _atomic_write(target: Path, data: bytes) -> None:
    """Replace an existing page so that a watcher reading it sees the old or the new bytes, never half."""
    # The temporary name is ours alone (dot-prefixed, per process; this process writes one file at a
    # time), so a plain open is enough; O_NOFOLLOW refuses a symlink planted in its place. It does not
    # grow with the page's name, which may already be as long as the file system allows.
    temp = target.with_name(f".tmp-{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _remove_stale(root: Path, keep: set[str]) -> list[str]:
    """Delete files not in `keep`, then folders left empty (deepest first)."""
    removed = []
    for folder, _, names in os.walk(root, topdown=False):
        base = Path(folder)
        prefix = base.relative_to(root).as_posix()
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}"
            if relative not in keep and name != MARKER:
                (base / name).unlink()
                removed.append(relative)
        if base != root and not any(base.iterdir()):
            base.rmdir()
    return sorted(removed)
