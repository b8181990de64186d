"""What an incremental build reuses from the last good site, and what it leaves for the next.

A worker's results (`Share`) and the kept pages' results, restored from the cache
in the same form, are merged alike by `shared_build`; `State` decides which pages
to render (`incremental.plan`) and writes the new cache once the build succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator.site import cache_key, incremental
from generator.site.gather import Gathered


@dataclass
class Share:
    """What one worker sends back, keyed by page number."""

    entries: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    anchors: dict[int, set[str] | None] = field(default_factory=dict)
    links: dict[int, dict[str, dict[str, str]] | None] = field(default_factory=dict)
    lines: list[tuple[tuple[int, int], int, str]] = field(default_factory=list)
    lookups: dict[int, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Reuse:
    """The last good site and the folder of its cache, for an incremental build."""

    site: Path
    folder: Path
    full: str = ""
    """Why every page must be rendered anyway (asked for), else ""."""

    @property
    def new_cache(self) -> Path:
        """Where this build leaves its cache, to be moved into place once its site is."""
        return self.folder / f"{incremental.CACHE_FILE}.new"


@dataclass(frozen=True)
class Outcome:
    """How the site was built."""

    unshared: str = ""
    """Why the pages were built in one process although more jobs were asked for, else ""."""
    rendered: int = 0
    pages: int = 0
    full: str = "no cache kept"
    """Why every page was rendered; "" when the others came from the last site."""
    cached: bool = False
    """Whether the build left a cache at Reuse.new_cache."""


@dataclass
class State:
    """What this build reuses from the last one, and what it leaves for the next."""

    plan: incremental.Plan
    markdown: list[str]
    files: list[str]
    key: dict[str, str]
    installed: dict[str, str]
    refused: str
    static: dict[str, list[incremental.Stamp]] = field(default_factory=dict)
    """The static files' stamps: the last build's until `copy_static`, then this one's."""

    @classmethod
    def decide(cls, config: MkDocsConfig, site: Gathered, reuse: Reuse | None) -> State:
        markdown = incremental.markdown_digests(site.pages)
        files = sorted(file.src_uri for file in site.files)
        refused = "" if reuse is None else cache_key.refusal(config)
        if reuse is None or refused:
            plan = incremental.plan(None, refused or "no cache kept", site.pages, markdown, files, set(), Path())
            return cls(plan, markdown, files, {}, {}, refused or "no cache kept")
        installed = cache_key.packages()
        key = cache_key.site_key(config, site.files, site.nav, reuse.site, installed)
        previous = incremental.load(reuse.folder)
        why = reuse.full or incremental.difference(previous, key, installed)
        gathered = {page.file.src_uri for page in site.nav.pages if page.content is not None}
        plan = incremental.plan(previous, why, site.pages, markdown, files, gathered, reuse.site)
        # A static file is proven by its own stamps, whatever else changed: only --full copies them all.
        static = previous.static if previous is not None and not reuse.full else {}
        return cls(plan, markdown, files, key, installed, "", static)

    def copy_static(self, config: MkDocsConfig, files: Files) -> None:
        """The static files into the new site: linked from the last one where unchanged (`incremental`)."""
        last_site = Path(self.key["site"]) if self.static else None
        rewritten = {*config.theme.static_templates, *config.extra_templates}
        self.static = incremental.copy_static(files, self.static, last_site, rewritten)

    def take_over(self, site: Gathered, out: Path) -> Share:
        """The kept pages: their HTML from the last site, their results from the cache, as a worker's share."""
        if not self.plan.kept:
            return Share()
        assert self.plan.full == ""
        last_site = Path(self.key["site"])
        incremental.take_over(last_site, out, (site.pages[n] for n in self.plan.kept))
        kept = Share()
        for number, record in self.plan.kept.items():
            kept.entries[number] = record.entries
            kept.anchors[number] = None if record.anchors is None else set(record.anchors)
            kept.links[number] = record.links
            kept.lookups[number] = record.lookups
            kept.lines += [((step, number), level, line) for step, level, line in record.lines]
        return kept

    def finish(self, site: Gathered, results: list[Share], out: Path, reuse: Reuse | None) -> Outcome:
        """The new cache, beside the old until the site is swapped in, and how the build went."""
        outcome = Outcome(rendered=len(self.plan.render), pages=len(site.pages), full=self.plan.full)
        if reuse is None or self.refused:
            return replace(outcome, full=self.refused or outcome.full)
        records = {}
        lines: dict[int, list[tuple[int, int, str]]] = {}
        for (step, number), level, line in (line for share in results for line in share.lines):
            lines.setdefault(number, []).append((step, level, line))
        for share in results:
            for number, entries in share.entries.items():
                file, anchors = site.pages[number], share.anchors[number]
                records[file.src_uri] = incremental.PageRecord(
                    markdown=self.markdown[number],
                    lookups=share.lookups.get(number, []),
                    entries=entries,
                    anchors=None if anchors is None else sorted(anchors),
                    links=share.links[number],
                    lines=lines.get(number, []),
                    html=incremental.html_stamp(out / file.dest_uri),
                    html_digest=self._html_digest(number, out / file.dest_uri),
                )
        cache = incremental.Cache(self.key, self.installed, self.files, records, self.static)
        incremental.save(cache, reuse.new_cache)
        return replace(outcome, cached=True)

    def _html_digest(self, number: int, path: Path) -> str:
        """A kept page's HTML is the last site's file: its digest is known; a rendered page's is read."""
        kept = self.plan.kept.get(number)
        return kept.html_digest if kept is not None else incremental.html_digest(path)
