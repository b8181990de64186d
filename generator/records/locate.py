"""Where a character of a field's value stands in its YAML file.

A check that finds one uncited sentence in a long summary points at that
sentence's line, not the record's first. YAML folds a block scalar's lines,
strips their indentation and unescapes quoted text, so the value's characters
are matched to the file's in order, white space aside; a header ('>-'), quotes
and escapes are passed over.
"""

from __future__ import annotations

from generator.errors import Position

MAX_SKIP = 8
"""Characters of the file passed over to find the next of the value: more, and the value's own position is given."""


def locate(file_text: str, value: Position, value_text: str, offset: int) -> Position:
    """The position in `file_text` of the first character at or after `offset` of the value starting at `value`.

    Falls back to `value` itself when the file does not hold the value there (it changed since it was read).
    """
    target = offset + len(value_text[offset:]) - len(value_text[offset:].lstrip())
    found = _align(file_text, _index(file_text, value), value_text, target) if target < len(value_text) else None
    if found is None:
        return value
    line_start = file_text.rfind("\n", 0, found) + 1
    return Position(value.path, file_text.count("\n", 0, found) + 1, found - line_start + 1)


def _index(file_text: str, where: Position) -> int:
    start = 0
    for _ in range(where.line - 1):
        start = file_text.find("\n", start) + 1
        if start == 0:
            return len(file_text)
    return start + where.col - 1


def _align(file_text: str, at: int, value_text: str, target: int) -> int | None:
    """The file index of value character `target`, matching the value's characters one by one from `at`."""
    for k in range(target + 1):
        char = value_text[k]
        if char.isspace():
            continue
        skipped = 0
        while at < len(file_text) and file_text[at] != char:
            skipped += not file_text[at].isspace()
            if skipped > MAX_SKIP:
                return None
            at += 1
        if at == len(file_text):
            return None
        if k < target:
            at += 1
    return at
