"""Read the content folder: every record and page, each parsed with its positions.

The walk knows the folder's layout (one folder per record kind, `pages/`,
`briefing.yml`) and reports anything else; each file is read within a size
limit and parsed by `yaml_positions`. A cache lets the preview re-read only
the files an edit touched.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, Position, Problem, display_path
from generator.records.yaml_positions import YMap, parse_yaml

MAX_FILE_BYTES = 1024 * 1024
"""A single record larger than this is refused: real records are a few KB."""

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
    records = _load_records(root, problems, {} if cache is None else cache)
    pages = _load_pages(root / PAGES_FOLDER, problems)
    briefing_path = root / BRIEFING_FILE
    briefing = load_yaml_file(briefing_path, problems) if briefing_path.exists() else None
    problems.extend(_unexpected_entries(root))
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


def _load_records(root: Path, problems: list[Problem], cache: LoadCache) -> list[RawRecord]:
    records: list[RawRecord] = []
    seen: set[str] = set()
    for kind in RECORD_FOLDERS:
        folder = root / kind
        if not folder.is_dir():
            continue
        prefix = display_path(folder)
        # scandir knows a folder entry's type without a stat; the one stat per
        # file is then _cached_record's, on every preview save.
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            name = entry.name
            if name.startswith(".") or entry.is_dir():
                continue
            shown = f"{prefix}/{name}"
            if not name.endswith(".yml"):
                hint = "rename it to .yml" if name.endswith(".yaml") else "move it out of the content folder"
                problems.append(Problem(Position(shown), "error", f"'{name}' is not a .yml record", hint))
                continue
            record = _cached_record(entry, kind, shown, problems, cache)
            seen.add(shown)
            if record is not None:
                records.append(record)
    for stale in set(cache) - seen:
        del cache[stale]
    return records


def _cached_record(
    entry: os.DirEntry[str], kind: str, shown: str, problems: list[Problem], cache: LoadCache
) -> RawRecord | None:
    # Names, not Paths, until a file must be read: a preview save reads one
    # file, and building thousands of Path objects cost more than the stats.
    info = entry.stat()
    stat = (info.st_ino, info.st_mtime_ns, info.st_size)
    hit = cache.get(shown)
    if hit is None or hit.stat != stat or info.st_mtime_ns >= hit.read_at_ns - RACY_NS:
        read_at = time.time_ns()
        found: list[Problem] = []
        path = Path(entry.path)
        text = _read_text(path, found, shown)
        if text is None:  # too large or not UTF-8: report it, remember nothing
            cache.pop(shown, None)
            problems.extend(found)
            return None
        hit = _reparse(text, kind, path.stem, shown) if hit is None or hit.text != text else hit
        hit = _Loaded(stat, read_at, text, hit.record, hit.problems)
        cache[shown] = hit
    problems.extend(hit.problems)
    return hit.record


def _reparse(text: str, kind: str, stem: str, shown: str) -> _Loaded:
    found: list[Problem] = []
    data = parse_yaml(text, shown, found)
    return _Loaded((0, 0, 0), 0, text, RawRecord(kind, stem, data) if data is not None else None, found)


def _load_pages(folder: Path, problems: list[Problem]) -> list[RawPage]:
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.glob("*.md")):
        text = _read_text(path, problems)
        if text is not None:
            pages.append(RawPage(path.name, text, Position(display_path(path))))
    return pages


def _unexpected_entries(root: Path) -> list[Problem]:
    known = set(RECORD_FOLDERS) | {PAGES_FOLDER, BRIEFING_FILE}
    return [
        Problem(
            Position.whole(display_path(entry)) if entry.is_dir() else Position(display_path(entry)),
            "error",
            f"unexpected '{entry.name}' in the content folder",
            f"records go in {', '.join(RECORD_FOLDERS)}/; pages in {PAGES_FOLDER}/",
        )
        for entry in sorted(root.iterdir())
        if not entry.name.startswith(".") and entry.name not in known
    ]


def _read_text(path: Path, problems: list[Problem], shown: str | None = None) -> str | None:
    where = Position(shown or display_path(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        mb = size / 1_000_000
        problems.append(
            Problem(
                where,
                "error",
                f"file is {mb:.1f} MB, over the {MAX_FILE_BYTES // 1024} KiB limit for one file",
                "split it into one record per file",
            )
        )
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(where, "error", f"file is not UTF-8 text ({exc.reason} at byte {exc.start})", "save it as UTF-8")
        )
        return None


def load_yaml_file(path: Path, problems: list[Problem], shown: str | None = None) -> YMap | None:
    """Parse one file into a positioned mapping, appending problems found.

    `shown` is the path as messages print it; callers walking a folder pass
    it so each file's path is not resolved again (costly for thousands).
    """
    shown = shown or display_path(path)
    text = _read_text(path, problems, shown)
    if text is None:
        return None
    return parse_yaml(text, shown, problems)
