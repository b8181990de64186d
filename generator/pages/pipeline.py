"""The stages chained: content folder → index → pages → docs tree.

Shared by the CLI and the live preview; raises ContentError with every
problem of every stage, and never prints.
"""

from __future__ import annotations

import gc
import os
import stat
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ContentError, Position, Problem, display_path
from generator.pages.context import html_path
from generator.pages.data_files import ExportMemo, data_files
from generator.pages.exports import kinds_and_records
from generator.pages.record_pages import PagePlan
from generator.pages.render import RenderCache, Shares, plan, render_site
from generator.pages.write import WriteReport, write_tree
from generator.records.files import read_tree
from generator.records.history import History, read_history
from generator.records.index import Index, build_index
from generator.records.load import LoadCache, load_content
from generator.records.model import Actor, Campaign, Event, Place, Source
from generator.records.settings import nav_problems, read_settings, unlinked_pages
from generator.records.validate import ValidateCache, validate

ASSETS = "assets"
_RECORDS = (Event, Actor, Place, Source, Campaign)


@dataclass
class GenerationCache:
    """What the live preview keeps between saves, so an edit costs what it touches."""

    loaded: LoadCache = field(default_factory=dict)
    validated: ValidateCache = field(default_factory=ValidateCache)
    rendered: RenderCache = field(default_factory=RenderCache)
    templates: dict[str, tuple[int, int]] = field(default_factory=dict)
    written: dict[str, bytes] | None = None
    texts: dict[str, str] = field(default_factory=dict)
    exports: ExportMemo = field(default_factory=ExportMemo)
    history: History | None = None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one generation.

    Loading and rendering make millions of small objects that reference
    counting frees; the cyclic collector's passes over them cost about 40 %
    of the generator's time at a few thousand records and gain nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_index(
    content: Path,
    cache: GenerationCache | None = None,
    config: Path | None = None,
    search_page: bool = False,
    history: bool = False,
) -> tuple[Index, list[Problem]]:
    """Load, validate and index; raise on errors, return warnings.

    With `config` (mkdocs.yml), the site's settings join the index, and whatever the
    generated pages need of them is checked with the records, so one run reports all.
    With `history`, the content folder's git history dates each record's page and the
    build (SOURCE_DATE_EPOCH first): a build does, the tests of rendering do not.
    """
    cache = GenerationCache() if cache is None else cache
    index, problems, _ = _planned_index(content, cache, config, search_page, history)
    return index, problems


def _planned_index(
    content: Path, cache: GenerationCache, config: Path | None, search_page: bool, history: bool
) -> tuple[Index, list[Problem], list[PagePlan] | None]:
    """load_index, and the site's plan when checking the nav made it: rendering takes it as it is,
    since planning every page's context is most of what an unchanged page costs."""
    with collector_paused():
        validated = validate(load_content(content, cache.loaded), cache.validated)
        index, problems = build_index(validated)
    problems = [*validated.problems, *problems]
    broken = any(p.severity == "error" for p in problems)
    if history and not broken:  # before the plan: each page's context shows its record's dates
        index = with_history(index, content, cache)
    planned = None
    if config is not None:
        index = replace(index, site=read_settings(config))
        planned = None if broken else list(plan(index))
        problems += site_problems(index, config, search_page, planned)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return index, problems, planned


def with_history(index: Index, content: Path, cache: GenerationCache) -> Index:
    """The index with each record's first and last commit days, and the build's date."""
    cache.history = read_history(content, os.environ, cache.history)
    committed = cache.history.revisions
    revisions = {
        record.id: committed[f"{kind}/{record.id}.yml"]
        for kind, record in kinds_and_records(index)
        if f"{kind}/{record.id}.yml" in committed
    }
    return replace(index, revisions=revisions, built=cache.history.built)


def site_problems(index: Index, config: Path, search_page: bool, planned: list[PagePlan] | None) -> list[Problem]:
    """What mkdocs.yml lacks for the pages, pages no reader can reach, and nav entries naming no page.

    Which pages there are (`planned`) is known only once every record is sound: with broken
    records (None), the nav is left unchecked until they are fixed.
    """
    site = index.site
    found = [*site.problems, *unlinked_pages(site, index.corpus.pages)]
    if planned is not None:
        planned = [*planned, *([("search.md", "search.md.j2", {})] if search_page else [])]
        found += collision_problems(index, planned)
        pages = {path for path, _, _ in planned}
        found += nav_problems(site, pages, display_path(config.parent / site.docs_dir))
    return found


def collision_problems(index: Index, planned: list[PagePlan]) -> list[Problem]:
    """Two pages that MkDocs would publish at one address: the later would silently replace the earlier.

    `actors.md` and `actors/index.md` are both `actors/`: a hand-written page named like a
    section, or a record whose id is `index`, would take a generated page's place (and
    which wins would depend on the order MkDocs' workers finish).
    """
    owners: dict[str, list[tuple[str, Position | None]]] = defaultdict(list)
    pages = {page.name: page.position for page in index.corpus.pages}
    for path, template, context in planned:
        record = next((v for v in context.values() if isinstance(v, _RECORDS)), None)
        if record is not None and path.partition("/")[2] != f"{record.id}.md":
            record = None  # a generated page showing a record (the home page its latest event) is not its page
        if template == "handwritten.md.j2":
            owners[html_path(path)].append((f"the page '{path}'", pages.get(path)))
        elif record is not None:
            what = f"the page of {type(record).__name__.lower()} '{record.id}' ({path})"
            owners[html_path(path)].append((what, record.position))
        else:
            owners[html_path(path)].append((f"the generated page '{path}'", None))
    problems = []
    for address, claimants in sorted(owners.items()):
        if len(claimants) < 2:
            continue
        (first, _), *rest = sorted(claimants, key=lambda c: c[1] is not None)  # the generated page first
        for what, where in rest:
            problems.append(
                Problem(
                    where or Position(address),
                    "error",
                    f"{what} would be published at '{address.removesuffix('index.html') or '/'}', the address of "
                    f"{first} too, so one would silently replace the other",
                    "rename the page or record: ids such as 'index' and page names such as 'actors.md' are taken",
                )
            )
    return problems


def generate(
    content: Path,
    templates: Path | Sequence[Path],
    docs: Path,
    cache: GenerationCache | None = None,
    search_page: bool = False,
    config: Path | None = None,
    shares: Shares | None = None,
) -> tuple[WriteReport, list[Problem]]:
    """Render every page and bring the docs tree up to date (the pages in `shares`' processes if given).

    Nothing is written unless the whole content validates, so a bad edit
    leaves the last good tree in place.
    """
    job = (content, templates, docs, GenerationCache() if cache is None else cache, search_page, config, shares)
    with collector_paused():
        return _generate(*job)


def _generate(
    content: Path,
    templates: Path | Sequence[Path],
    docs: Path,
    cache: GenerationCache,
    search_page: bool,
    config: Path | None,
    shares: Shares | None,
) -> tuple[WriteReport, list[Problem]]:
    folders = (templates,) if isinstance(templates, Path) else tuple(templates)
    stamp = {path: info for folder in folders for path, info in _stamp(folder).items()}
    if stamp != cache.templates:  # an edited template can change any page
        cache.templates, cache.rendered = stamp, RenderCache()
    index, warnings, planned = _planned_index(content, cache, config, search_page, history=True)
    pages = render_site(index, folders, cache.rendered, search_page, planned, shares)
    files = _encoded(pages, cache)
    files.update(data_files(index, cache.exports))
    for folder in reversed(folders):  # a briefing's own stylesheet replaces the generator's of the same name
        files.update(_assets(folder / ASSETS))
    report = write_tree(docs, files, cache.written)
    cache.written, cache.texts = files, pages
    return report, warnings


def _encoded(pages: dict[str, str], cache: GenerationCache) -> dict[str, bytes]:
    """Each page as UTF-8; a page the render cache kept (the very same text) keeps last run's bytes."""
    texts, written = cache.texts, cache.written or {}
    return {path: written[path] if texts.get(path) is text else text.encode("utf-8") for path, text in pages.items()}


def _stamp(folder: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every template file, taken once per save: one stat each."""
    stamp = {}
    for path in sorted(folder.rglob("*")):
        try:
            info = path.stat()
        except OSError:  # a dangling symlink is not a template, as is_file() would say
            continue
        if stat.S_ISREG(info.st_mode):
            stamp[str(path)] = (info.st_mtime_ns, info.st_size)
    return stamp


def _assets(folder: Path) -> dict[str, bytes]:
    """Static files (CSS) shipped with the templates, copied under assets/: regular files only, as content is."""
    problems: list[Problem] = []
    found = {
        f"{ASSETS}/{relative}": data for relative, data in read_tree(folder, display_path(folder), problems).items()
    }
    if problems:
        raise ContentError(problems)
    return found
