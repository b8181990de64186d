"""MkDocs' build with its pages shared among processes (`build --jobs N`).

`mkdocs build` renders one page after another on one core: about 320 s for
the 18,000 pages of 10,000 events, nearly all of it Markdown and the theme.
Here one process gathers what every page needs, as `mkdocs build` does
(config and plugins, then `gather`: the file list, the nav,
the theme's files and templates, and the nav's own pages), then forks
workers that each render a share of the pages through MkDocs' own page
steps, the two that `mkdocs build` and the on-demand preview use. A worker
sends back what the site-wide steps need: each page's search-index entries,
its anchors and its links to anchors, the files its links looked up, and what
it logged. The gathering process then checks anchors across pages, writes the
search index and, as `--strict` does, fails on any warning.

Given the last good site and its cache (`Reuse`), only the pages whose inputs
changed are rendered; the others' HTML is taken from the last site and their
results from the cache (`incremental`), then merged in page order as the
workers' are, so the site is the one a full build makes.

A plugin other than Material's search would see only its own worker's pages,
so with any other plugin, or where processes cannot fork, the site is built
as `mkdocs build` builds it, in one process. The page steps are
module-private in MkDocs 1.6, which is pinned below 2; a test holds the
output byte-identical to `mkdocs build`'s.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as build_in_one_process
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from generator.site.forked import can_fork, in_children
from generator.site.gather import Gathered, gather_structure, write_static
from generator.site.reuse import Outcome, Reuse, Share, State

# Plugins whose page hooks only collect per page, so their collections can be merged in page order.
SHAREABLE_PLUGINS = frozenset({"material/search"})
READ, RENDERED = 0, 1  # the two passes over the pages, in `mkdocs build`'s order


class SiteBuildError(RuntimeError):
    """MkDocs failed, or warned in strict mode; the message is its log as `mkdocs build` prints it."""


class _Log(logging.Handler):
    """MkDocs' log lines, each keyed by where it was logged so workers' lines can be put in page order."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[tuple[int, int], int, str]] = []
        self.at = (-1, -1)  # before the pages: gathering

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((self.at, record.levelno, f"{record.levelname:<8}-  {record.getMessage()}"))

    def counts(self) -> list[tuple[str, int]]:
        """Warnings and worse by level, most severe first."""
        levels = Counter(level for _, level, _ in self.lines if level >= logging.WARNING)
        return [(logging.getLevelName(level), n) for level, n in sorted(levels.items(), reverse=True)]

    def text(self) -> str:
        return "\n".join(line for _, _, line in self.lines)


def build(config_file: Path, site_dir: Path, jobs: int, reuse: Reuse | None = None) -> Outcome:
    """Build the site into `site_dir` with `jobs` processes; raise SiteBuildError carrying MkDocs' log.

    With `reuse`, pages whose inputs did not change since the last good site are taken from it.
    """
    with _collected() as log:
        try:
            return _build_logged(config_file, site_dir, jobs, log, reuse)
        except Exception as exc:  # as `mkdocs build` would: any failure ends the build with its log
            raise SiteBuildError(_failure(log, exc)) from None


def _build_logged(config_file: Path, site_dir: Path, jobs: int, log: _Log, reuse: Reuse | None) -> Outcome:
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    unshared = _why_unshared(config, jobs)
    try:
        if jobs > 1 and not unshared:
            return _build_shared(config, jobs, log, reuse)
        build_in_one_process(config)
        return Outcome(unshared=unshared, full=f"no cache kept: {unshared}" if unshared else "no cache kept")
    finally:
        config.plugins.on_shutdown()


def _why_unshared(config: MkDocsConfig, jobs: int) -> str:
    if jobs < 2:
        return ""
    if not can_fork():
        return "this system cannot fork worker processes"
    if others := sorted(set(config.plugins) - SHAREABLE_PLUGINS):
        return f"plugin {', '.join(others)} may gather across pages, which workers cannot share"
    return ""


def _failure(log: _Log, exc: Exception) -> str:
    if isinstance(exc, Abort):  # MkDocs has logged why
        last = str(exc)
    elif isinstance(exc, MkDocsException):  # a configuration or plugin error: the message says it all
        last = f"{type(exc).__name__}: {exc}"
    else:
        last = "".join(traceback.format_exception(exc)).rstrip()
    return "\n".join(filter(None, [log.text(), last]))


@contextmanager
def _collected() -> Iterator[_Log]:
    """MkDocs' log, gathered here instead of printed: only the command line prints."""
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    log = _Log()
    logger.addHandler(log)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield log
    finally:
        logger.removeHandler(log)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _build_shared(config: MkDocsConfig, jobs: int, log: _Log, reuse: Reuse | None) -> Outcome:
    try:
        config = config.plugins.on_config(config)  # then all `mkdocs build` does before its pages, once
        config.plugins.on_pre_build(config=config)
        clean_directory(config.site_dir)
        site = gather_structure(config, lazy=True)
        state = State.decide(config, site, reuse)
        write_static(config, site, partial(state.copy_static, config))
        sizes = _markdown_sizes([site.pages[n] for n in state.plan.render])
        work = [[state.plan.render[n] for n in share] for share in shares(sizes, jobs)] if sizes else []
        rendered = in_children([partial(_render, config, site, share, log) for share in work])
        kept = state.take_over(site, Path(config.site_dir))
        _merge(config, site, [*rendered, kept], log)
        config.plugins.on_post_build(config=config)
        if counts := log.counts():  # as `mkdocs build --strict` counts and words them
            raise Abort(f"Aborted with {', '.join(f'{n} {level.lower()}s' for level, n in counts)} in strict mode!")
        return state.finish(site, [*rendered, kept], Path(config.site_dir), reuse)
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        raise


def shares(sizes: list[int], jobs: int) -> list[list[int]]:
    """Item numbers dealt out largest first to the least loaded of `jobs` shares, so all finish together.

    Greedy, so the most and least loaded shares differ by at most the largest item.
    """
    dealt: list[list[int]] = [[] for _ in range(max(1, min(jobs, len(sizes))))]
    loads = [0] * len(dealt)
    for number in sorted(range(len(sizes)), key=lambda n: (-sizes[n], n)):
        lightest = loads.index(min(loads))
        dealt[lightest].append(number)
        loads[lightest] += sizes[number]
    return [sorted(share) for share in dealt]


def _markdown_sizes(pages: list[File]) -> list[int]:
    """Each page's Markdown size: rendering time grows with it."""
    return [Path(file.abs_src_path).stat().st_size if file.abs_src_path else 0 for file in pages]


def _render(config: MkDocsConfig, site: Gathered, share: list[int], log: _Log) -> Share:
    """In a worker: read and render this share of the pages, as `mkdocs build` does, then report on them.

    `log` is this worker's copy of the handler on MkDocs' logger; the gathering process keeps its lines.
    """
    log.lines = []
    index = _search_entries(config)
    out = Share()
    looked_up = _Lookups(site.files)
    for number in share:
        page = site.pages[number].page
        assert page is not None
        log.at = looked_up.at = (READ, number)
        if page.content is None:  # the nav's pages were read while gathering
            _populate_page(page, config, site.files)
    for number in share:
        file = site.pages[number]
        assert file.page is not None
        log.at = looked_up.at = (RENDERED, number)
        before = len(index)
        try:
            _build_page(file.page, config, site.pages, site.nav, site.env)  # no drafts: `build` leaves them out
        except OSError as exc:  # a full disk fails write(), which names no file: this page's is the one
            exc.filename = exc.filename or file.abs_dest_path
            raise
        out.entries[number] = index[before:]
        out.anchors[number] = file.page.present_anchor_ids
        links = file.page.links_to_anchors
        out.links[number] = None if links is None else {to.src_uri: found for to, found in links.items()}
    out.lines = log.lines
    out.lookups = {number: sorted(looked_up.paths.get(number, ())) for number in share}
    return out


class _Lookups:
    """Every path a page's links look up among the site's files: the page must be rendered again when one
    of them comes or goes, since a link to a file that exists is rewritten and one to a missing file is not.
    """

    def __init__(self, files: Files) -> None:
        self.find = files.get_file_from_path
        self.at = (READ, -1)
        self.paths: dict[int, set[str]] = {}
        files.get_file_from_path = self.lookup  # type: ignore[method-assign]  # in this worker only

    def lookup(self, path: str) -> File | None:
        self.paths.setdefault(self.at[1], set()).add(path)
        return self.find(path)


def _merge(config: MkDocsConfig, site: Gathered, rendered: list[Share], log: _Log) -> None:
    """The workers' results in page order, then MkDocs' check of anchors across pages."""
    log.lines.extend(sorted((line for share in rendered for line in share.lines), key=lambda line: line[0]))
    entries = _search_entries(config)
    for share in rendered:
        for number, anchors in share.anchors.items():
            page = site.pages[number].page
            assert page is not None
            page.present_anchor_ids = anchors
            links = share.links[number]
            page.links_to_anchors = None if links is None else {site.files.src_uris[to]: v for to, v in links.items()}
    merged = {number: found for share in rendered for number, found in share.entries.items()}
    entries[:] = [entry for number in sorted(merged) for entry in merged[number]]
    log.at = (RENDERED + 1, -1)
    for file in site.pages:
        assert file.page is not None
        file.page.validate_anchor_links(files=site.files, log_level=config.validation.links.anchors)


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]]:
    """Material's search index, which its plugin fills as each page is rendered (empty without search)."""
    plugin = config.plugins.get("material/search")
    return plugin.search_index.entries if plugin is not None else []
