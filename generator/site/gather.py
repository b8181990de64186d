"""MkDocs' whole-site steps before its pages, shared by the on-demand preview and the shared build.

What `mkdocs build` does between its config and its pages: the file list
with the theme's files, the nav, a page object for every page outside the
nav, the nav's own pages read (their titles are in every page's nav), the
theme's Jinja environment, the static files copied and the theme's
templates (404, sitemap) rendered. The template steps are MkDocs 1.6's
module-private functions; MkDocs is pinned below 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page


class Gathered(NamedTuple):
    files: Files
    nav: Navigation
    env: Any  # the theme's jinja2.Environment
    pages: list[File]  # the pages `mkdocs build` builds, in its order (drafts and excluded pages left out)


def gather(config: MkDocsConfig) -> Gathered:
    """Everything before the pages, the static files copied as `mkdocs build` copies them."""
    site = gather_structure(config)
    write_static(config, site, Files.copy_static_files)
    return site


def gather_structure(config: MkDocsConfig, lazy: bool = False) -> Gathered:
    """The file list, the nav and the theme's environment, nothing written yet.

    `lazy`: a nav page is only read where its title is known without rendering it (named in the
    nav, or in its front matter), so an incremental build need not render the unchanged ones; a
    page that only rendering can title is rendered here, as `mkdocs build` would.
    """
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    pages = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    for file in pages:
        if file.page is None:
            Page(None, file, config)
    for page in nav.pages:
        if lazy:
            page.read_source(config)  # its front matter: the nav shows some of it (icons, status)
            if "title" in vars(page) or "title" in page.meta:  # vars: the title the nav gave it
                continue
        _populate_page(page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    return Gathered(files, nav, env, pages)


def write_static(config: MkDocsConfig, site: Gathered, copy: Callable[[Files], None]) -> None:
    """The static files (by `copy`, given the file list), then the theme's templates rendered over them."""
    copy(site.files)
    for template in config.theme.static_templates:
        _build_theme_template(template, site.env, site.files, config, site.nav)
    for template in config.extra_templates:
        _build_extra_template(template, site.files, config, site.nav)
