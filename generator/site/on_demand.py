"""MkDocs on demand: render a page with MkDocs and Material when the browser asks for it.

`mkdocs serve` rebuilds every page after every save (about 75 s at 2,000
events). This renders only the page being viewed, through MkDocs' own page
steps (plugins, Markdown extensions, theme), so that page is what `build`
makes of it; the file list, the nav and the theme's static files are
gathered once, and again only when a page is added or removed or a
non-page file such as the CSS changes. Search answers from the last full
build's index, since indexing means rendering every page.

The page steps are MkDocs 1.6's module-private `_populate_page` and
`_build_page`: MkDocs 1.x is frozen and pinned below 2 in pyproject.toml, and
the tests render pages through them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.pages.pipeline import ASSETS
from generator.site.gather import Gathered, gather


class OnDemandSite:
    """The gathered site, and each page rendered into `root` the first time it is asked for after a change."""

    def __init__(self, config_file: Path, root: Path) -> None:
        self.root = root
        config = load_config(str(config_file), site_dir=str(root))
        config.plugins.on_startup(command="serve", dirty=False)
        self.config: MkDocsConfig = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        self.lock = threading.Lock()  # MkDocs keeps per-page state on the config: one render at a time
        # Pages rendered since their Markdown last changed. The generator says which pages it wrote
        # (follow), so nothing is stat-ed per request and no file-time granularity can hide an edit.
        self.current: set[str] = set()
        self.site, self.by_dest = self._gather()

    def _gather(self) -> tuple[Gathered, dict[str, File]]:
        """The site as `mkdocs build` gathers it, and its pages by the path they are served at."""
        site = gather(self.config)
        return site, {file.dest_uri: file for file in site.pages}

    def regather(self) -> None:
        """After pages were added or removed: a fresh file list and nav, every page rendered anew.

        A removed page's HTML is deleted, so it is not served as if it still existed.
        """
        with self.lock:
            before = self.by_dest
            self.site, self.by_dest = self._gather()
            self.current.clear()
            for dest in before.keys() - self.by_dest.keys():
                (self.root / dest).unlink(missing_ok=True)

    def follow(self, before: dict[str, bytes] | None, after: dict[str, bytes]) -> None:
        """After a regeneration: gather again if files came or went or an asset (CSS, script) changed;
        otherwise only the pages whose Markdown changed are rendered again when next asked for, and a
        changed download (data/events.csv, a record's JSON) is copied over at once, as a build would.
        """
        before = before or {}
        if before.keys() != after.keys() or _assets(before) != _assets(after):
            self.regather()
            return
        changed = [path for path, data in after.items() if before[path] != data]
        with self.lock:  # after a render in flight, so it cannot mark an outdated page current
            self.current.difference_update(changed)
            for path in changed:
                download = None if path.endswith(".md") else self.site.files.get_file_from_path(path)
                if download is not None:
                    download.copy_file()

    def page_for(self, path: str) -> File | None:
        """The Markdown page behind a request path such as `/events/x/` or `/events/x/index.html`."""
        dest = path.lstrip("/")
        if dest == "" or dest.endswith("/"):
            return self.by_dest.get(dest + "index.html")
        # `/events/x` is a folder until its page is rendered; the server then redirects to `/events/x/`.
        return self.by_dest.get(dest) or self.by_dest.get(dest + "/index.html")

    def prepare(self, path: str) -> None:
        """Render the page behind `path` into `root` unless it is current."""
        with self.lock:  # looked up under the lock too, so a page is never rendered with a replaced nav
            file = self.page_for(path)
            if file is None or file.src_uri in self.current:
                return
            page = file.page
            assert page is not None
            _populate_page(page, self.config, self.site.files)
            _build_page(page, self.config, self.site.pages, self.site.nav, self.site.env)
            self.current.add(file.src_uri)


def _assets(files: dict[str, bytes]) -> dict[str, bytes]:
    """The stylesheets and scripts (under assets/), which every page links: a change means gathering again.

    The downloads beside the pages change with their records on most saves; they are only copied.
    """
    return {path: data for path, data in files.items() if path.startswith(f"{ASSETS}/")}
