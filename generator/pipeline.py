"""The stages chained: content folder → index → pages → docs tree.

Shared by the CLI and the live preview; raises ContentError with every
problem of every stage, and never prints.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, Problem
from generator.index import Index, build_index
from generator.load import load_content
from generator.render import render_site
from generator.validate import validate
from generator.write import WriteReport, write_tree

ASSETS = "assets"


def load_index(content: Path) -> tuple[Index, list[Problem]]:
    """Load, validate and index; raise on errors, return warnings."""
    validated = validate(load_content(content))
    index, problems = build_index(validated)
    problems = [*validated.problems, *problems]
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return index, problems


def generate(content: Path, templates: Path, docs: Path) -> tuple[WriteReport, list[Problem]]:
    """Render every page and bring the docs tree up to date.

    Nothing is written unless the whole content validates, so a bad edit
    leaves the last good tree in place.
    """
    index, warnings = load_index(content)
    pages = render_site(index, templates)
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update(_assets(templates / ASSETS))
    return write_tree(docs, files), warnings


def _assets(folder: Path) -> dict[str, bytes]:
    """Static files (CSS) shipped with the templates, copied under assets/."""
    if not folder.is_dir():
        return {}
    return {
        f"{ASSETS}/{p.relative_to(folder).as_posix()}": p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
