"""The stages chained: content folder → index → pages → docs tree.

Shared by the CLI and the live preview; raises ContentError with every
problem of every stage, and never prints.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, Problem
from generator.index import Index, build_index
from generator.load import load_content
from generator.validate import validate


def load_index(content: Path) -> tuple[Index, list[Problem]]:
    """Load, validate and index; raise on errors, return warnings."""
    validated = validate(load_content(content))
    index, problems = build_index(validated)
    problems = [*validated.problems, *problems]
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return index, problems
