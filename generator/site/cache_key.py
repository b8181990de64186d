"""The key of what every page of a site shares, and what no page can be proven unchanged under.

Every page's HTML depends on the nav (titles and front matter of the pages in it:
Material renders the nav into every page), mkdocs.yml and what it inherits, the
theme and its templates, the installed packages (MkDocs, Material, Markdown and its
extensions, Jinja2, Python itself), the generator's own code and the docs' other
files (CSS, scripts, images). Each is digested separately, so a changed one can be
named as the reason for a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import re
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

FORMAT = 3
"""Raised whenever what the cache holds or means changes, so an older cache is never misread."""

_BUILT_IN_EXTENSIONS = frozenset(
    {
        *("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes"),
        *("legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc"),
        "wikilinks",
    }
)
_READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})  # they put other files' bytes into the page
_READS_EVERY_PAGE = re.compile(r"build_date_utc|(?<![\w.])pages\b")

REASONS = {
    "format": "the cache was written by another version of the incremental build",
    "site": "the cache was made for another site folder",
    "python": "Python changed",
    "packages": "installed packages changed",
    "generator": "the generator's code changed",
    "config": "mkdocs.yml changed",
    "theme": "the theme's own templates changed",
    "assets": "the stylesheets or scripts every page names changed (extra_css, extra_javascript)",
    "nav": "the nav changed (its pages, their titles or front matter), and it is in every page",
}
"""Each part of the shared key, in the order they are compared, and what its change means."""


def refusal(config: MkDocsConfig) -> str:
    """Why no page of this site can be proven unchanged between builds, else ""."""
    if config.theme.name != "material":
        return f"the {config.theme.name} theme is not known to leave the build date out of its pages"
    for name in config.markdown_extensions:
        if name in _READS_FILES or not _known_extension(name):
            return f"the Markdown extension {name} may read files other than the page"
    if b"!ENV" in _config_bytes(Path(config.config_file_path)):
        return "mkdocs.yml reads environment variables (!ENV)"
    for path in _own_theme_files(config):
        if path.suffix == ".html" and _READS_EVERY_PAGE.search(path.read_text(encoding="utf-8", errors="replace")):
            return f"the template {path.name} reads every page or the build date"
    return ""


def _known_extension(name: str) -> bool:
    base = name.removeprefix("markdown.extensions.")
    return base in _BUILT_IN_EXTENSIONS or name.startswith(("pymdownx.", "material.extensions."))


def packages() -> dict[str, str]:
    """Every installed distribution and its version: MkDocs, Material, Markdown, its extensions, Jinja2…"""
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[str(name).lower()] = dist.version
    return dict(sorted(found.items()))


def site_key(
    config: MkDocsConfig, files: Files, nav: Navigation, site: Path, installed: dict[str, str]
) -> dict[str, str]:
    """The digest of each input every page shares, in REASONS' order."""
    return {
        "format": str(FORMAT),
        "site": str(site),
        "python": sys.version,
        "packages": digest(json.dumps(installed, sort_keys=True).encode()),
        "generator": _generator_digest(),
        "config": digest(_config_bytes(Path(config.config_file_path))),
        "theme": _files_digest(_own_theme_files(config), prefix=config.theme.name or ""),
        "assets": _files_digest(_docs_assets(config, files)),
        "nav": digest(json.dumps(_nav_outline(nav.items, _reads_titles(config)), sort_keys=True, default=str).encode()),
    }


def _reads_titles(config: MkDocsConfig) -> bool:
    """Whether a template of the site's own may print another page's front-matter title: Material's
    never do (they print the title the nav gives, which the outline holds)."""
    return any(
        path.suffix == ".html" and "meta.title" in path.read_text(encoding="utf-8", errors="replace")
        for path in _own_theme_files(config)
    )


def changed_packages(before: dict[str, str], after: dict[str, str]) -> str:
    """The packages that differ, as `name old → new`, a few at most."""
    changes = [
        f"{name} {before.get(name, 'none')} → {after.get(name, 'none')}"
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]
    return ", ".join(changes[:3]) + (f" and {len(changes) - 3} more" if len(changes) > 3 else "")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _generator_digest() -> str:
    """The generator's own code: its version number alone would not change between commits."""
    package = Path(__file__).resolve().parent.parent
    return _files_digest(sorted(package.rglob("*.py")), prefix=_version())


def _version() -> str:
    try:
        return importlib.metadata.version("briefing-generator")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _config_bytes(config: Path) -> bytes:
    """mkdocs.yml and each file it inherits from (INHERIT), whose settings it takes."""
    text = config.read_bytes()
    inherited = re.search(rb"^INHERIT:\s*[\"']?([^\"'\r\n#]+?)[\"']?\s*(?:#.*)?$", text, re.MULTILINE)
    if inherited is None:
        return text
    parent = (config.parent / inherited[1].decode("utf-8", errors="replace")).resolve()
    with contextlib.suppress(OSError, RecursionError):
        return text + b"\0" + _config_bytes(parent)
    return text + b"\0(unreadable parent)"


def _installed_roots() -> list[Path]:
    paths = sysconfig.get_paths()
    return [Path(paths[name]).resolve() for name in ("purelib", "platlib")]


def _own_theme_files(config: MkDocsConfig) -> list[Path]:
    """Files of theme folders outside the installed packages (custom_dir): their versions do not cover them."""
    roots = _installed_roots()
    own = []
    for folder in map(Path, config.theme.dirs):
        if not any(folder.resolve().is_relative_to(root) for root in roots):
            own += sorted(p for p in folder.rglob("*") if p.is_file())
    return own


def _docs_assets(config: MkDocsConfig, files: Files) -> list[Path]:
    """The stylesheets and scripts every page names (extra_css, extra_javascript).

    Other files of the docs folder (images, the data downloads, each record's JSON) put none of their
    bytes into a page: they are copied by every build, and a page that links to one is rendered again
    when it appears or goes (its looked-up files). Counting them here made every edit of a record, which
    changes the downloads, a full build.
    """
    docs = Path(config.docs_dir).resolve()
    named = {str(getattr(item, "path", item)) for item in (*config.extra_css, *config.extra_javascript)}
    found = [Path(f.abs_src_path) for f in files if f.src_uri in named and f.abs_src_path]
    return sorted(path for path in found if path.resolve().is_relative_to(docs))


def _files_digest(paths: Iterable[Path], prefix: str = "") -> str:
    hashed = hashlib.blake2b(prefix.encode(), digest_size=16)
    for path in paths:
        hashed.update(str(path).encode() + b"\0" + digest(path.read_bytes()).encode())
    return hashed.hexdigest()


def _nav_outline(items: Iterable[Any], meta_titles: bool = True) -> list[Any]:
    """The nav as every page shows it: sections, pages and links, with titles, addresses and front matter.

    Without `meta_titles`, a page the nav titles leaves its front matter's title out: every other page
    shows the nav's, and its own page is compared by its Markdown (at 10,000 events, Find events'
    "part 1 of 10" became "of 11" with the 10,001st event, and every page was rendered again).
    """
    return list(_outline(items, meta_titles))


def _outline(items: Iterable[Any], meta_titles: bool) -> Iterator[Any]:
    for item in items:
        if isinstance(item, Section):
            yield ["section", item.title, _nav_outline(item.children, meta_titles)]
        elif isinstance(item, Page):
            meta = item.meta
            if not meta_titles and "title" in vars(item):  # vars: the title the nav gave it
                meta = {key: value for key, value in meta.items() if key != "title"}
            yield ["page", item.title, item.file.src_uri, item.url, meta]
        elif isinstance(item, Link):
            yield ["link", item.title, item.url]
        else:  # something a plugin added: not known, so not proven
            yield ["other", repr(item)]
