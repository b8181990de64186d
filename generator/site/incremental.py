"""The incremental build's cache: what each page's HTML was made from, and what its render left behind.

A page's HTML is a function of its own Markdown, of whether each file its links
looked up exists, and of what every page shares: the nav (titles and front matter
of the pages in it, since Material renders the nav into every page), mkdocs.yml, the
theme and its templates, the installed packages (MkDocs, Material, Markdown and its
extensions, Jinja2, Python itself), the generator's own code and the docs' other
files (CSS, scripts, images). The shared part is one key: when any of it differs,
or the cache is missing or unreadable, every page is rendered again and the reason
is given. Otherwise a page is rendered again when its Markdown changed, a file one
of its links looked up came or went, or its HTML in the last site is not the file
the cache describes; every other page's HTML is taken from the last site, and its
search-index entries, anchors, links to anchors and log lines from the cache, so
the site-wide steps see what a full build would give them. A page of the nav whose
title only rendering tells (no title in its front matter) is rendered while gathering,
as `mkdocs build` does, and so always.

What cannot be proven is not cached (`cache_key.refusal`): a theme other than
Material (MkDocs' own themes print the build date on every page), a custom template
that reads every page or the build date, a Markdown extension that may read other
files, and a config that reads environment variables.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from generator.site.cache_key import FORMAT, REASONS, changed_packages, digest

CACHE_FILE = "pages.json"


@dataclass
class PageRecord:
    """One page's inputs and what its render left for the site-wide steps."""

    markdown: str
    """Digest of the page's Markdown."""
    lookups: list[str] = field(default_factory=list)
    """Every path its links looked up among the site's files, found or not."""
    entries: list[dict[str, Any]] = field(default_factory=list)
    anchors: list[str] | None = None
    links: dict[str, dict[str, str]] | None = None
    lines: list[tuple[int, int, str]] = field(default_factory=list)
    """What MkDocs logged for the page: (pass, level, line)."""
    html: list[int] | None = None
    """Size and modification time of its HTML as built, None if MkDocs wrote none."""
    html_digest: str = ""
    """Digest of its HTML: a restored site (CI's cache) has other times, but the same bytes."""


Stamp = list[int]
"""Size, modification time and inode of a file: another write or a replaced file has another."""


@dataclass
class Cache:
    key: dict[str, str]
    packages: dict[str, str]
    files: list[str]
    """Every file of the site (pages, assets, the theme's) by source path."""
    pages: dict[str, PageRecord]
    static: dict[str, list[Stamp]] = field(default_factory=dict)
    """Each static file copied (downloads, assets, the theme's) by source path: its source's stamp
    and its copy's in the site, when both were taken."""


@dataclass(frozen=True)
class Plan:
    full: str
    """Why every page is rendered; "" when only some are."""
    render: list[int]
    """Numbers of the pages to render."""
    kept: dict[int, PageRecord]
    """Pages taken from the last site, by number."""


def difference(previous: Cache | None, key: dict[str, str], installed: dict[str, str]) -> str:
    """Why the previous build's pages cannot be reused, else ""."""
    if previous is None:
        return "no cache yet"
    for part, reason in REASONS.items():
        if previous.key.get(part) != key[part]:
            return f"{reason} ({changed_packages(previous.packages, installed)})" if part == "packages" else reason
    return ""


def plan(
    previous: Cache | None,
    why_full: str,
    pages: list[File],
    markdown: list[str],
    files: list[str],
    gathered: set[str],
    last_site: Path,
) -> Plan:
    """Which pages to render: all of them with a reason, or those whose inputs changed
    (and those `gathered`, rendered while gathering: rendering them again costs nothing)."""
    if why_full or previous is None:
        return Plan(why_full or "no cache yet", list(range(len(pages))), {})
    came_or_went = set(files) ^ set(previous.files)
    render, kept = [], {}
    for number, file in enumerate(pages):
        record = previous.pages.get(file.src_uri)
        if (
            record is None
            or file.src_uri in gathered
            or record.markdown != markdown[number]
            or not came_or_went.isdisjoint(record.lookups)
            or not same_html(last_site / file.dest_uri, record)
        ):
            render.append(number)
        else:
            kept[number] = record
    return Plan("", render, kept)


def same_html(path: Path, record: PageRecord) -> bool:
    """Whether the last site's HTML of a page is the file the cache describes: the same size and time
    (one stat), or, when a restore or a copy changed its time, the same bytes.
    """
    stamp = html_stamp(path)
    if stamp == record.html:
        return True
    return stamp is not None and record.html is not None and html_digest(path) == record.html_digest


def html_stamp(path: Path) -> list[int] | None:
    """Size and modification time: a page rewritten or replaced by hand has another."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def html_digest(path: Path) -> str:
    try:
        return digest(path.read_bytes())
    except OSError:
        return ""


def take_over(last_site: Path, staging: Path, pages: Iterable[File]) -> None:
    """The kept pages' HTML from the last site into the new one: linked (no copy) where the disk allows."""
    made: set[Path] = set()
    for file in pages:
        source, target = last_site / file.dest_uri, staging / file.dest_uri
        if not source.exists():  # MkDocs wrote nothing for it (an empty page)
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            os.link(source, target)
        except OSError:  # another file system, or one without hard links
            target.write_bytes(source.read_bytes())


def copy_static(
    files: Iterable[File], previous: dict[str, list[Stamp]], last_site: Path | None, rewritten: set[str]
) -> dict[str, list[Stamp]]:
    """Copy the static files into the site as MkDocs does, but link from the last site each whose source
    and last copy are still the files the cache describes (at 10,000 events, some 36,000 downloads:
    copying them was half of an incremental build). Returns the stamps for the next build.

    `rewritten`: where the theme's templates write next, in place; a link there would write into the
    last site too, which must stay as it was should this build fail, so those are copied.
    """
    stamps: dict[str, list[Stamp]] = {}
    made: set[Path] = set()
    for file in files:
        included = file.inclusion.is_included()  # type: ignore[no-untyped-call]  # untyped in MkDocs
        if file.is_documentation_page() or not included:
            continue
        if file.abs_src_path is None:  # content a plugin gave: written, never reused
            file.copy_file()
            continue
        source, target = file_stamp(Path(file.abs_src_path)), Path(file.abs_dest_path)
        old = previous.get(file.src_uri)
        last = None if last_site is None or old is None or file.dest_uri in rewritten else last_site / file.dest_uri
        if source is None or last is None or old != [source, file_stamp(last)] or not _linked(last, target, made):
            file.copy_file()
        copied = file_stamp(target)
        if source is not None and copied is not None:
            stamps[file.src_uri] = [source, copied]
    return stamps


def _linked(source: Path, target: Path, made: set[Path]) -> bool:
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links: copied instead
        return False
    return True


def file_stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def markdown_digests(pages: list[File]) -> list[str]:
    return [digest(Path(f.abs_src_path).read_bytes()) if f.abs_src_path else "" for f in pages]


def load(folder: Path) -> Cache | None:
    """The cache in `folder`, None when there is none or it cannot be read (then every page is rendered)."""
    try:
        data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
        if data.get("key", {}).get("format") != str(FORMAT):
            return Cache({"format": str(data.get("key", {}).get("format"))}, {}, [], {})
        pages = {src: _record(raw) for src, raw in data["pages"].items()}
        return Cache(data["key"], data["packages"], data["files"], pages, data["static"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _record(raw: dict[str, Any]) -> PageRecord:
    record = PageRecord(**raw)
    record.lines = [(int(step), int(level), str(line)) for step, level, line in record.lines]
    return record


def save(cache: Cache, path: Path) -> None:
    """Write the cache to `path`; the build moves it into place once the site is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = {src: vars(record) for src, record in cache.pages.items()}  # asdict would deep-copy every entry
    data = {"key": cache.key, "packages": cache.packages, "files": cache.files, "pages": pages, "static": cache.static}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except OSError as exc:  # a full disk fails write(), which names no file: this is the one
        exc.filename = exc.filename or str(path)
        raise
