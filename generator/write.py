"""The generated docs tree on disk.

Writes only files whose bytes changed (so MkDocs' and Zensical's watchers
see only real edits), removes files the generator no longer produces, and
writes each file atomically so a reader never sees half a page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
    _claim(root)
    written = []
    for relative, data in sorted(files.items()):
        if previous is not None and previous.get(relative) == data:
            continue
        target = root / _safe_relative(relative)
        if target.is_file() and target.read_bytes() == data:
            continue
        _atomic_write(target, data)
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


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_stale(root: Path, keep: set[str]) -> list[str]:
    removed = []
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative not in keep and path.name != MARKER:
            path.unlink()
            removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return sorted(removed)
