"""Read the content folder: every record and page, each parsed with its positions.

The walk knows the folder's layout (one folder per record kind, `pages/`,
`briefing.yml`) and reports anything else: other files, sub-folders (records
are read from their kind's folder only, so one in `events/2024/` would be lost
without a word), and whatever is not a regular file (`files` says why). Each
file is read within a size limit and parsed by `yaml_positions`. A cache lets
the preview re-read only the files an edit touched.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, Position, Problem, display_path
from generator.records.files import MAX_FILE_BYTES, decode, entry_problem, read_bounded
from generator.records.names import page_name_problem
from generator.records.yaml_positions import YMap, parse_yaml

RECORD_FOLDERS = ("actors", "campaigns", "events", "places", "sources")
PAGES_FOLDER = "pages"
BRIEFING_FILE = "briefing.yml"


@dataclass(frozen=True)
class RawRecord:
    """One record file as loaded: its folder (kind), file stem and mapping."""

    kind: str
    stem: str
    data: YMap


@dataclass(frozen=True)
class RawPage:
    """A hand-written Markdown page carried over into the site."""

    name: str
    text: str
    position: Position


RACY_NS = 2_000_000_000
"""A file modified this close to when we last read it is read again, whatever its stat says."""


@dataclass
class _Loaded:
    stat: tuple[int, int, int]
    read_at_ns: int
    text: str
    record: RawRecord | None
    problems: list[Problem]


LoadCache = dict[str, _Loaded]
"""Per file: what reading and parsing it gave, so a preview re-parses only edited files.

As git does with its index: a file whose inode, mtime and size are unchanged
and whose mtime is safely older than our last read is trusted unread;
otherwise it is read and compared by text, so two same-size saves within one
timestamp tick are never mistaken for no change.
"""


@dataclass(frozen=True)
class RawContent:
    records: tuple[RawRecord, ...]
    pages: tuple[RawPage, ...]
    briefing: YMap | None
    briefing_position: Position
    root: str = "content"
    """The content folder as messages show it: where a hint says to create a record."""


def load_content(root: Path, cache: LoadCache | None = None) -> RawContent:
    """Load every record and page under `root`, or raise every problem found.

    With a cache, files whose text is unchanged are not parsed again; the
    cache is updated in place.
    """
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([missing_content(root)])
    folders = dict(_known_entries(root, problems))
    records, files = _load_records(folders, problems, {} if cache is None else cache)
    pages = _load_pages(folders[PAGES_FOLDER], problems) if PAGES_FOLDER in folders else []
    briefing_path = root / BRIEFING_FILE
    briefing = _load_yaml(briefing_path, problems, display_path(briefing_path)) if BRIEFING_FILE in folders else None
    problems.extend(_unexpected_entries(root))
    if not files and not any(p.severity == "error" for p in problems):
        problems.append(_no_records(root))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return RawContent(tuple(records), tuple(pages), briefing, Position(display_path(briefing_path)), display_path(root))


def missing_content(root: Path) -> Problem:
    """The content folder is not there: say which folder was looked for and the ways to a right one."""
    shown = display_path(root)
    what = "is a file, not a folder" if root.exists() else "does not exist"
    return Problem(
        Position.whole(shown),
        "error",
        f"no content folder: '{shown}' {what}",
        f"pass --content with the folder holding {'/, '.join(RECORD_FOLDERS)}/ and {BRIEFING_FILE}, "
        "or start a briefing with: python -m generator init DIR",
    )


def _known_entries(root: Path, problems: list[Problem]) -> Iterator[tuple[str, Path]]:
    """The record folders, `pages/` and `briefing.yml` that are there, each what it should be."""
    for name in (*RECORD_FOLDERS, PAGES_FOLDER, BRIEFING_FILE):
        path = root / name
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        wanted = stat.S_ISREG(mode) if name == BRIEFING_FILE else stat.S_ISDIR(mode)
        if wanted:
            yield name, path
            continue
        hint = {BRIEFING_FILE: "make it a file", PAGES_FOLDER: "make it a folder of pages"}.get(
            name, "make it a folder of records"
        )
        problem = entry_problem(path, display_path(path), mode, hint)
        if problem is None:  # a regular file where a folder belongs
            problem = Problem(Position.whole(display_path(path)), "error", f"'{name}' is a file, not a folder", hint)
        problems.append(problem)


def _no_records(root: Path) -> Problem:
    return Problem(
        Position.whole(display_path(root)),
        "error",
        "the content folder has no records, so the site would have no pages",
        f"add records to its folders {', '.join(RECORD_FOLDERS)}, e.g. with python -m generator new event ID; "
        "or pass --content with the briefing's content folder",
    )


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    # scandir knows a folder entry's type without a stat; the one stat per
    # file is then _cached_record's, on every preview save.
    with os.scandir(folder) as listing:
        return sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)


def _load_records(
    folders: dict[str, Path], problems: list[Problem], cache: LoadCache
) -> tuple[list[RawRecord], set[str]]:
    records: list[RawRecord] = []
    seen: set[str] = set()
    for kind in RECORD_FOLDERS:
        if kind not in folders:
            continue
        prefix = display_path(folders[kind])
        for entry in _listing(folders[kind]):
            name = entry.name
            shown = f"{prefix}/{name}"
            if not entry.is_file(follow_symlinks=False):
                problems.append(_not_a_file(entry, shown, f"records are read from {prefix}/ itself"))
                continue
            if not name.endswith(".yml"):
                hint = "rename it to .yml" if name.endswith(".yaml") else "move it out of the content folder"
                problems.append(Problem(Position.whole(shown), "error", f"'{name}' is not a .yml record", hint))
                continue
            record = _cached_record(entry, kind, shown, problems, cache)
            seen.add(shown)
            if record is not None:
                records.append(record)
    for stale in set(cache) - seen:
        del cache[stale]
    return records, seen


def _not_a_file(entry: os.DirEntry[str], shown: str, where_files_go: str) -> Problem:
    """A folder, link, pipe or device where a record or page should be."""
    hint = f"{where_files_go}, not from sub-folders: move its files up into {shown.rsplit('/', 1)[0]}/"
    problem = entry_problem(Path(entry.path), shown, entry.stat(follow_symlinks=False).st_mode, hint)
    assert problem is not None, "only called for entries that are not regular files"
    return problem


def _cached_record(
    entry: os.DirEntry[str], kind: str, shown: str, problems: list[Problem], cache: LoadCache
) -> RawRecord | None:
    # Names, not Paths, until a file must be read: a preview save reads one
    # file, and building thousands of Path objects cost more than the stats.
    info = entry.stat(follow_symlinks=False)
    stat_key = (info.st_ino, info.st_mtime_ns, info.st_size)
    hit = cache.get(shown)
    if hit is None or hit.stat != stat_key or info.st_mtime_ns >= hit.read_at_ns - RACY_NS:
        read_at = time.time_ns()
        found: list[Problem] = []
        path = Path(entry.path)
        text = _read_text(path, found, shown)
        if text is None:  # too large or not UTF-8: report it, remember nothing
            cache.pop(shown, None)
            problems.extend(found)
            return None
        hit = _reparse(text, kind, path.stem, shown) if hit is None or hit.text != text else hit
        hit = _Loaded(stat_key, read_at, text, hit.record, hit.problems)
        cache[shown] = hit
    problems.extend(hit.problems)
    return hit.record


def _reparse(text: str, kind: str, stem: str, shown: str) -> _Loaded:
    found: list[Problem] = []
    data = parse_yaml(text, shown, found)
    return _Loaded((0, 0, 0), 0, text, RawRecord(kind, stem, data) if data is not None else None, found)


def _load_pages(folder: Path, problems: list[Problem]) -> list[RawPage]:
    pages = []
    prefix = display_path(folder)
    for entry in _listing(folder):
        shown = f"{prefix}/{entry.name}"
        if not entry.is_file(follow_symlinks=False):
            problems.append(_not_a_file(entry, shown, f"pages are read from {prefix}/ itself"))
        elif not entry.name.endswith(".md"):
            hint = "rename it to .md" if entry.name.endswith(".markdown") else "move it out of the content folder"
            problems.append(Problem(Position.whole(shown), "error", f"'{entry.name}' is not a .md page", hint))
        elif (name_problem := page_name_problem(entry.name.removesuffix(".md"))) is not None:
            problems.append(Problem(Position.whole(shown), "error", *name_problem))
        elif (text := _read_text(Path(entry.path), problems, shown)) is not None:
            pages.append(RawPage(entry.name, text, Position(shown)))
    return pages


def _unexpected_entries(root: Path) -> list[Problem]:
    known = set(RECORD_FOLDERS) | {PAGES_FOLDER, BRIEFING_FILE}
    return [
        Problem(
            Position.whole(display_path(entry)),
            "error",
            f"unexpected '{entry.name}' in the content folder",
            f"records go in {', '.join(RECORD_FOLDERS)}/; pages in {PAGES_FOLDER}/",
        )
        for entry in sorted(root.iterdir())
        if not entry.name.startswith(".") and entry.name not in known
    ]


def _read_text(path: Path, problems: list[Problem], shown: str | None = None, follow_links: bool = False) -> str | None:
    shown = shown or display_path(path)
    data = read_bounded(path, shown, problems, follow_links=follow_links)
    return None if data is None else decode(data, shown, problems)


def _load_yaml(path: Path, problems: list[Problem], shown: str, follow_links: bool = False) -> YMap | None:
    text = _read_text(path, problems, shown, follow_links)
    return None if text is None else parse_yaml(text, shown, problems)


def load_yaml_file(path: Path, problems: list[Problem], shown: str | None = None) -> YMap | None:
    """Parse a file the briefing names (mkdocs.yml) into a positioned mapping, appending problems found.

    Unlike the content folder's files it may be a link: where the briefing keeps its settings is its choice.
    `shown` is the path as messages print it.
    """
    return _load_yaml(path, problems, shown or display_path(path), follow_links=True)


__all__ = ["MAX_FILE_BYTES", "LoadCache", "RawContent", "RawPage", "RawRecord", "load_content", "load_yaml_file"]
