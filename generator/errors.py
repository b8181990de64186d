"""Problems found in content, with the position they point at.

The core never prints: every stage collects `Problem`s and raises one
`ContentError` carrying all of them, so an editor sees every mistake of a run
at once (the habit of mkdocs' config validation).
"""

from __future__ import annotations

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
        text = f"{self.position}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


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
    """Paths in messages are relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
