"""Read the content folder: safe YAML that keeps the position of every node.

PyYAML's loaders forget where a value came from and keep the last of two
duplicate keys. We read parser events from the C parser where present and
build plain Python values ourselves, so that every mapping and list keeps the
line and column of each entry, duplicate keys become errors, and aliases
(which enable "billion laughs" expansion) are refused before any expansion.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Position, Problem

try:  # libyaml is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (PyYAML 6.0.4) refuses 1,000 levels itself, and may do so before our limit's event arrives."""

MAX_FILE_BYTES = 1024 * 1024
"""A single record larger than this is refused: real records are a few KB."""

MAX_DEPTH = 32
"""Records nest three or four levels; deeper documents are refused."""

TOO_DEEP = "YAML is nested too deeply"

RECORD_FOLDERS = ("actors", "campaigns", "events", "places", "sources")
PAGES_FOLDER = "pages"
BRIEFING_FILE = "briefing.yml"

_STR_TAG = "tag:yaml.org,2002:str"
_STR_TAGS = {_STR_TAG, "tag:yaml.org,2002:timestamp"}
_SCALAR_TAGS = _STR_TAGS | {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=1 << 13)
def _plain_tag(value: str) -> str:
    """The YAML 1.1 type of a plain scalar ('12' int, 'true' bool, 'x' str).

    Memoised: field names and vocabulary terms repeat in every record.
    """
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


class YMap(dict[str, Any]):
    """A YAML mapping that remembers where it and each key and value stand."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.key_positions: dict[str, Position] = {}
        self.value_positions: dict[str, Position] = {}


class YList(list[Any]):
    """A YAML sequence that remembers where it and each item stand."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.item_positions: list[Position] = []


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


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_content(root: Path, cache: LoadCache | None = None) -> RawContent:
    """Load every record and page under `root`, or raise every problem found.

    With a cache, files whose text is unchanged are not parsed again; the
    cache is updated in place.
    """
    problems: list[Problem] = []
    if not root.is_dir():
        where = Position(display_path(root))
        raise ContentError([Problem(where, "error", "content folder not found", "pass --content DIR")])
    records = _load_records(root, problems, {} if cache is None else cache)
    pages = _load_pages(root / PAGES_FOLDER, problems)
    briefing_path = root / BRIEFING_FILE
    briefing = load_yaml_file(briefing_path, problems) if briefing_path.exists() else None
    problems.extend(_unexpected_entries(root))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return RawContent(tuple(records), tuple(pages), briefing, Position(display_path(briefing_path)))


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
            Position(display_path(entry)),
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


def parse_yaml(text: str, path: str, problems: list[Problem]) -> YMap | None:
    """Parse YAML text whose top level must be a mapping."""
    builder = _Builder(path, problems)
    try:
        value = builder.run(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP in str(exc.problem):
            # libyaml scans ahead of the events it has handed out, so its own depth limit can
            # fire before our 33rd level does. The pure-Python parser has no limit of its own and
            # scans ahead at most 1,024 characters: it reaches our limit and its exact position.
            problems.append(_too_deep_problem(text, path, exc))
        else:
            problems.append(_syntax_problem(exc, path))
        return None
    if builder.refused:
        return None
    if value is None:
        problems.append(Problem(Position(path), "error", "file is empty", "start it with 'id: <file name>'"))
        return None
    if not isinstance(value, YMap):
        problems.append(
            Problem(
                builder.root_position,
                "error",
                "a record must be a mapping of field: value",
                "start it with 'id: <file name>'",
            )
        )
        return None
    return value


def _too_deep_problem(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem:
    found: list[Problem] = []
    try:
        _Builder(path, found).run(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError:  # a syntax error within its look-ahead: then libyaml's own words stand
        found = []
    too_deep = [p for p in found if p.message == TOO_DEEP]
    return too_deep[0] if too_deep else _syntax_problem(exc, path)


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = exc.problem or "invalid YAML"
    if exc.context:
        message = f"{exc.context}, {message}"
    hint = "check indentation and quoting; quote text containing ': ' or starting with a special character"
    return Problem(Position(path, line, col), "error", f"YAML syntax error: {message}", hint)


_NO_KEY = object()


class _Builder:
    """Builds YMap/YList/scalars straight from parser events.

    Working from events with an explicit stack (rather than composing a node
    graph) means nesting depth and aliases are checked as they are met: a
    deeply nested or alias-bomb document is refused before it costs memory,
    and nothing recurses (the C composer crashes on very deep nesting).
    """

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.refused = False
        self.root_position = Position(path)
        self.stack: list[tuple[YMap | YList, Any, Position]] = []
        self.loader = _Loader("")

    def _position(self, event: yaml.Event) -> Position:
        mark = event.start_mark
        return Position(self.path, mark.line + 1, mark.column + 1) if mark is not None else Position(self.path)

    def _refuse(self, event: yaml.Event, message: str, hint: str) -> None:
        self.problems.append(Problem(self._position(event), "error", message, hint))
        self.refused = True

    def run(self, text: str, parser: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> Any:
        loader = parser(text)
        root: Any = None
        documents = 0
        path = self.path
        try:
            while not self.refused and (event := loader.get_event()) is not None:
                # Exact type tests, scalars (most events) first, position inlined:
                # this loop runs once per YAML node of the whole briefing.
                if type(event) is yaml.ScalarEvent:
                    mark = event.start_mark
                    where = Position(path, mark.line + 1, mark.column + 1) if mark is not None else Position(path)
                    root = self._add(self._scalar(event), where, root)
                elif type(event) is yaml.MappingStartEvent or type(event) is yaml.SequenceStartEvent:
                    self._open(event)
                elif type(event) is yaml.MappingEndEvent or type(event) is yaml.SequenceEndEvent:
                    container, _, where = self.stack.pop()
                    root = self._add(container, where, root)
                elif type(event) is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        self._refuse(
                            event,
                            "more than one YAML document in the file",
                            "one record per file: remove the '---' separator",
                        )
                elif type(event) is yaml.AliasEvent:
                    self._refuse(event, f"YAML alias '*{event.anchor}' is not allowed", "write the value out in full")
        finally:
            loader.dispose()
        return root

    def _open(self, event: yaml.Event) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._refuse(event, TOO_DEEP, f"records nest at most {MAX_DEPTH} levels")
            return
        where = self._position(event)
        if isinstance(event, yaml.MappingStartEvent):
            self.stack.append((YMap(where), _NO_KEY, where))
        else:
            self.stack.append((YList(where), _NO_KEY, where))

    def _add(self, value: Any, where: Position, root: Any) -> Any:
        if not self.stack:
            self.root_position = where
            return value
        container, key, key_where = self.stack[-1]
        if isinstance(container, YList):
            container.append(value)
            container.item_positions.append(where)
        elif key is _NO_KEY:
            self.stack[-1] = (container, value, where)
        else:
            self.stack[-1] = (container, _NO_KEY, container.position)
            self._set(container, key, key_where, value, where)
        return root

    def _set(self, mapping: YMap, key: Any, key_where: Position, value: Any, where: Position) -> None:
        if not isinstance(key, str):
            self.problems.append(
                Problem(key_where, "error", "field names must be plain text", "write the key as a word such as 'title'")
            )
        elif key in mapping:
            first = mapping.key_positions[key]
            self.problems.append(
                Problem(
                    key_where,
                    "error",
                    f"duplicate key '{key}' (first at line {first.line})",
                    "keep one; YAML would silently drop the other",
                )
            )
        else:
            mapping[key] = value
            mapping.key_positions[key] = key_where
            mapping.value_positions[key] = where

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # Only plain (unquoted) scalars are typed by their text; the rest are strings.
            tag = _plain_tag(event.value) if event.implicit[0] else _STR_TAG
        if tag not in _SCALAR_TAGS:
            self.problems.append(
                Problem(self._position(event), "error", f"unsupported YAML tag '{tag}'", "remove the '!' tag")
            )
            return None
        if tag in _STR_TAGS:
            # Dates stay text: dates.py parses them with their precision.
            return str(event.value)
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        return self.loader.construct_object(node)
