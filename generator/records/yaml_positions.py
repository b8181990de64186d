"""YAML text to plain values that remember where they stand, read safely.

PyYAML's loaders forget where a value came from and keep the last of two
duplicate keys. We read parser events from the C parser where present and
build plain Python values ourselves, so that every mapping and list keeps the
line and column of each entry, duplicate keys become errors, and aliases
(which enable "billion laughs" expansion) are refused before any expansion.
Whatever the parser cannot take is a problem at its line and column, never a
traceback: characters YAML does not allow are found before parsing, and tags
are checked on lists and mappings as on scalars.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from generator.errors import Position, Problem

try:  # libyaml is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (PyYAML 6.0.4) refuses 1,000 levels itself, and may do so before our limit's event arrives."""

MAX_DEPTH = 32
"""Records nest three or four levels; deeper documents are refused."""

TOO_DEEP = "YAML is nested too deeply"

_STR_TAG = "tag:yaml.org,2002:str"
_STR_TAGS = {_STR_TAG, "tag:yaml.org,2002:timestamp"}
_SCALAR_TAGS = _STR_TAGS | {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


_CONTAINER_TAGS = {
    yaml.MappingStartEvent: (None, "!", "tag:yaml.org,2002:map"),
    yaml.SequenceStartEvent: (None, "!", "tag:yaml.org,2002:seq"),
}
"""A mapping's or list's tag: none, or its own ('!!set', '!!omap' and '!!python/…' would be dropped unread)."""

_NOT_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML 1.1 does not allow in a stream (PyYAML's Reader.NON_PRINTABLE): control characters, U+FFFE/F."""

_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, which a double-quoted '\\ud800' can produce: no character, and no UTF-8 for it."""

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


def parse_yaml(text: str, path: str, problems: list[Problem]) -> YMap | None:
    """Parse YAML text whose top level must be a mapping."""
    bad = _NOT_IN_YAML.search(text)
    if bad is not None:
        problems.append(_character_problem(text, path, bad.start()))
        return None
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
    except yaml.YAMLError as exc:  # an error with no mark: none is known, but none may become a traceback
        problems.append(Problem(Position(path), "error", f"YAML error: {exc}", "check the file's YAML"))
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


def _character_problem(text: str, path: str, offset: int) -> Problem:
    line_start = text.rfind("\n", 0, offset) + 1
    where = Position(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)
    code = ord(text[offset])
    return Problem(
        where,
        "error",
        f"the character U+{code:04X} is not allowed in YAML",
        f"remove it; if it is meant, write it as \\u{code:04x} inside double quotes",
    )


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

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._refuse(event, TOO_DEEP, f"records nest at most {MAX_DEPTH} levels")
            return
        where = self._position(event)
        tag = event.tag
        if tag not in _CONTAINER_TAGS[type(event)]:
            self.problems.append(Problem(where, "error", f"unsupported YAML tag '{tag}'", "remove the '!' tag"))
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
            # Dates stay text: records.dates parses them with their precision.
            if event.style == '"' and _SURROGATE.search(event.value):
                message = "text holds half of a UTF-16 surrogate pair (\\ud800–\\udfff), which is no character"
                self.problems.append(Problem(self._position(event), "error", message, "write the character itself"))
                return None
            return str(event.value)
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.loader.construct_object(node)
        except (ValueError, KeyError):  # an explicit tag its value does not fit: '!!int abc', '!!bool maybe'
            self.problems.append(
                Problem(
                    self._position(event),
                    "error",
                    f"'{event.value}' is not a valid value for YAML tag '{tag}'",
                    "remove the '!!' tag or correct the value",
                )
            )
            return None
