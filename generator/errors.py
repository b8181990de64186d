"""Problems found in content, with the position they point at.

The core never prints: every stage collects `Problem`s and raises one
`ContentError` carrying all of them, so an editor sees every mistake of a run
at once (the habit of mkdocs' config validation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "note"]


class Position(NamedTuple):
    """A place in a content file; line and column are 1-based.

    A named tuple rather than a frozen dataclass: the loader makes one per
    YAML node, hundreds of thousands in a large briefing, and tuples are
    several times cheaper to create. Ordering is the same (path, line, col).
    """

    path: str
    line: int = 1
    col: int = 1

    @classmethod
    def whole(cls, path: str) -> Position:
        """A file or folder as a whole (one that cannot be read, or should not be there): no line to point at."""
        return cls(path, 0, 0)

    def __str__(self) -> str:
        return self.path if self.line == 0 else f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    position: Position
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where, message, hint = str(self.position), self.message, self.hint
        # What an editor cannot see (a zero-width space, a right-to-left override, a Cyrillic 'а' among
        # Latin letters) is shown escaped and named, or the typed value and "did you mean" look the same.
        notes = unseen(f"{where} {message} {hint}")
        hint = "; ".join([shown(hint), *notes]) if hint else "; ".join(notes)
        text = f"{shown(where)}: {self.severity}: {shown(message)}"
        return f"{text} ({hint})" if hint else text


class ContentError(Exception):
    """Raised by a stage with every problem it found, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__(format_problems(self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        # Rebuilt from its problems, not its message: `build` generates in a child process.
        return (ContentError, (self.problems,))


def format_problems(problems: Iterable[Problem]) -> str:
    """The text an editor reads: one line per problem, then a count."""
    items = sorted(problems)
    errors = sum(1 for p in items if p.severity == "error")
    warnings = sum(1 for p in items if p.severity == "warning")
    lines = [str(p) for p in items]
    lines.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when inside it.

    A link is named where it sits, not where it points: its folder is resolved, not its name.
    """
    where = path.parent.resolve() / path.name if path.name not in ("", "..") else path.resolve()
    try:
        return where.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


_WORD = re.compile(r"[\w-]+")
_LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
"""Scripts with letters drawn like Latin ones: 'ѕrc' (Cyrillic dze) reads as 'src'."""


def _is_invisible(char: str) -> bool:
    """Format and control characters, and every space but the plain one: nothing (or a blank) on screen."""
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp") or (category == "Zs" and char != " ")


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _suspects(text: str) -> dict[str, str]:
    """Each character that `shown` escapes, in order of appearance, with what it is."""
    found: dict[str, str] = {}
    if text.isascii() and text.isprintable():  # nearly every message: nothing to look for
        return found
    for char in text:
        if char not in found and _is_invisible(char):
            name = unicodedata.name(char, "")
            found[char] = f"an invisible {name}" if name else "a control character"
    for word in _WORD.findall(text):
        scripts = {_script(c) for c in word if c.isalpha()}
        for char in word:
            if char in found:
                continue
            plain = unicodedata.normalize("NFKC", char)
            if "LATIN" in scripts and _script(char) in _LOOK_ALIKE_SCRIPTS:
                found[char] = f"{unicodedata.name(char)}, not a Latin letter"
            elif plain != char and plain.isascii() and plain.isalnum():
                found[char] = f"{unicodedata.name(char)}, not '{plain}'"
    return found


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str) -> str:
    """`text` with invisible and look-alike characters written as \\u escapes, so a reader sees them."""
    suspects = _suspects(text)
    return "".join(_escaped(c) if c in suspects else c for c in text) if suspects else text


def unseen(text: str) -> list[str]:
    """What each escaped character of `text` is: "\\u200b is an invisible ZERO WIDTH SPACE"."""
    return [f"{_escaped(char)} is {what}" for char, what in _suspects(text).items()]
