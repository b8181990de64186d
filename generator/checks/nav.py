"""The nav of mkdocs.yml against the site's pages: every entry must name a page that exists.

`mkdocs build --strict` fails on a nav entry naming a missing page; Zensical
builds such a site without a word, even in strict mode, and every page then
carries a dead link in its nav. `check` reads the nav itself, with positions,
so a site built by either engine fails the same way, at the entry's line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import Position, Problem, display_path
from generator.records.load import load_yaml_file
from generator.records.yaml_positions import YList, YMap


@dataclass(frozen=True)
class NavEntry:
    title: str | None
    target: str
    position: Position


def nav_entries(config: Path) -> list[NavEntry]:
    """Every page entry of the config's nav, in order; external links are left out."""
    # Tags such as !!python/name are MkDocs' to resolve: their problems are not the nav's.
    settings = load_yaml_file(config, [], display_path(config))
    nav = settings.get("nav") if settings is not None else None
    if not isinstance(nav, YList):
        return []
    return list(_walk(nav))


def _walk(items: YList) -> Iterator[NavEntry]:
    for item, where in zip(items, items.item_positions, strict=True):
        if isinstance(item, str):
            yield from _page(None, item, where)
        elif isinstance(item, YMap):
            for title, value in item.items():
                if isinstance(value, YList):
                    yield from _walk(value)
                elif isinstance(value, str):
                    yield from _page(str(title), value, item.value_positions[title])


def _page(title: str | None, target: str, where: Position) -> Iterator[NavEntry]:
    parts = urlsplit(target)
    if not (parts.scheme or parts.netloc or target.startswith("/")):
        yield NavEntry(title, posixpath.normpath(target), where)


def missing_pages(config: Path, pages: Collection[str]) -> list[NavEntry]:
    """The nav's entries naming none of `pages` (Markdown paths relative to the docs folder)."""
    return [entry for entry in nav_entries(config) if entry.target not in pages]


def nav_problems(missing: list[NavEntry], docs: Path) -> list[Problem]:
    return [
        Problem(
            entry.position,
            "error",
            f"nav entry {repr(entry.title) + ' ' if entry.title else ''}names '{entry.target}', "
            f"which is not a page of the site",
            f"write the page's path as {display_path(docs)} has it, or remove the entry",
        )
        for entry in missing
    ]


def names_missing_page(page: str, href: str, missing: list[NavEntry]) -> bool:
    """Whether a broken link in the built `page` is the nav's link to a missing page (reported once, at the nav)."""
    path = urlsplit(href).path
    base = "" if path.startswith("/") else posixpath.dirname(page)  # the 404 page links from the site root
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return any(target in (entry.target, posixpath.splitext(entry.target)[0]) for entry in missing)
