"""The site's settings, read from mkdocs.yml with positions, and what the generated pages need of them.

mkdocs.yml is the one place for what the site is called and shows: `site_name` is
the briefing's title (the home page's heading and every page's <title>),
`site_description` its one-line description, `theme.language` its language and
`nav` its sections and hand-written pages in order. The generated pages rely on
Markdown extensions, a stylesheet and a theme that MkDocs would silently do
without (cards would show raw `!!! abstract` and literal `[^1]`): each is checked
here, before MkDocs runs, and reported at its line with the fix.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import Position, Problem, display_path
from generator.records.load import load_yaml_file
from generator.records.model import Page
from generator.records.yaml_positions import YList, YMap

REQUIRED_EXTENSIONS = {
    "attr_list": "search attributes would show as raw '{ data-search-exclude }'",
    "footnotes": "each page's sources would show as literal '[^1]:' lines and its citations would lead nowhere",
    "md_in_html": "the card's summary box and the tables would show their Markdown unrendered",
    "tables": "figures, participants and every listing would show as rows of '|'",
    "toc": "headings would have no anchors for the links between pages",
}
"""The Markdown extensions the generated pages are written for, and what a reader would see without each."""
STYLESHEET = "assets/briefing.css"
SCRIPT = "assets/briefing.js"
"""Citations shown in place on a tap, the section's tab marked on record pages, the search dialog named."""
FILTER_SCRIPT = "assets/event-filter.js"
"""The filters of "Find events" (all-events/), over the index written beside that page."""
THEMES = ("material",)
DEFAULT_TITLE = "Briefing"


@dataclass(frozen=True)
class NavEntry:
    title: str | None
    target: str
    position: Position


@dataclass(frozen=True)
class SiteSettings:
    """What the generator takes from mkdocs.yml; `problems` are what it lacks for the generated pages."""

    title: str = DEFAULT_TITLE
    description: str | None = None
    url: str | None = None
    """site_url: where the site is published, for citations' and the feed's absolute addresses."""
    language: str = "en"
    nav: tuple[NavEntry, ...] = ()
    docs_dir: str = "docs"
    directory_urls: bool = True
    """use_directory_urls: events/x.md published as events/x/ (MkDocs' default), else as events/x.html. Markdown
    links MkDocs rewrites either way; the figures' raw HTML links are written for the one in use."""
    trusted_html: bool = False
    """extra.briefing.trusted_html: the hand-written pages' raw HTML is published as written, scripts too."""
    problems: tuple[Problem, ...] = ()


def read_settings(config: Path) -> SiteSettings:
    """mkdocs.yml's settings; a file that does not parse gives its YAML problems and default settings."""
    shown = display_path(config)
    found: list[Problem] = []
    data = load_yaml_file(config, found, shown)
    # Tags such as !!python/name are MkDocs' to resolve, not problems of the briefing.
    found = [p for p in found if "unsupported YAML tag" not in p.message]
    if data is None:
        return SiteSettings(problems=tuple(found))
    theme = data.get("theme")
    theme = theme if isinstance(theme, YMap) else None
    return SiteSettings(
        title=_text(data, "site_name") or DEFAULT_TITLE,
        description=_text(data, "site_description"),
        url=_site_url(data),
        language=(_text(theme, "language") if theme else None) or "en",
        nav=tuple(_walk(data["nav"])) if isinstance(data.get("nav"), YList) else (),
        docs_dir=_text(data, "docs_dir") or "docs",
        directory_urls=data.get("use_directory_urls") is not False,
        trusted_html=_briefing_setting(data, "trusted_html") is True,
        problems=(*found, *_requirements(data, theme)),
    )


def _site_url(data: YMap) -> str | None:
    """site_url when it is an http(s) address (MkDocs checks it), ending in '/' so pages' paths join it."""
    url = _text(data, "site_url")
    if url is None or urlsplit(url).scheme not in ("http", "https"):
        return None
    return url if url.endswith("/") else url + "/"


def _briefing_setting(data: YMap, key: str) -> object:
    extra = data.get("extra")
    briefing = extra.get("briefing") if isinstance(extra, YMap) else None
    return briefing.get(key) if isinstance(briefing, YMap) else None


def _text(data: YMap | None, key: str) -> str | None:
    value = data.get(key) if data is not None else None
    return " ".join(str(value).split()) if isinstance(value, (str, int)) and str(value).strip() else None


def _requirements(data: YMap, theme: YMap | None) -> Iterator[Problem]:
    """Everything the generated pages need of the config that is missing from it."""
    if _text(data, "site_name") is None:
        yield Problem(
            data.position, "error", "mkdocs.yml has no 'site_name'", "add 'site_name: <the briefing's title>'"
        )
    name = _text(theme, "name") if theme else (_text(data, "theme") or None)
    if name not in THEMES:
        where = data.value_positions.get("theme", data.position)
        yield Problem(
            where,
            "error",
            f"the theme is {repr(name) if name else 'not set'}; the generated pages are written for Material",
            "set 'theme:' with 'name: material'",
        )
    yield from _missing_extensions(data)
    yield from _plugins(data)
    assets = (
        ("extra_css", STYLESHEET, "stylesheet"),
        ("extra_javascript", SCRIPT, "script"),
        ("extra_javascript", FILTER_SCRIPT, "script"),
    )
    for key, asset, what in assets:
        listed = data.get(key)
        if not isinstance(listed, YList) or asset not in listed:
            where = data.key_positions.get(key, data.position)
            yield Problem(where, "error", f"the briefing's {what} '{asset}' is not in {key}", f"add '{key}: [{asset}]'")


def _missing_extensions(data: YMap) -> Iterator[Problem]:
    listed = data.get("markdown_extensions")
    names: set[str] = set()
    for item in listed if isinstance(listed, YList) else ():
        names.update([item] if isinstance(item, str) else item.keys() if isinstance(item, YMap) else ())
    where = data.key_positions.get("markdown_extensions", data.position)
    for extension, without in REQUIRED_EXTENSIONS.items():
        if extension not in names:
            yield Problem(
                where,
                "error",
                f"Markdown extension '{extension}' is not enabled: {without}",
                f"add '- {extension}' under markdown_extensions",
            )


def _plugins(data: YMap) -> Iterator[Problem]:
    """Plugin settings that would hide records from readers.

    Material's tags plugin would print every actor's and place's other names
    as tags on its page: those names are search tags (pages/record_pages.named),
    and the briefing has its own tag pages. Search's pipeline: see
    SEARCH_PIPELINE_FAULTS.
    """
    plugins = data.get("plugins")
    for item, where in zip(plugins, plugins.item_positions, strict=True) if isinstance(plugins, YList) else ():
        name = item if isinstance(item, str) else next(iter(item), None) if isinstance(item, YMap) else None
        options = item.get(name) if isinstance(item, YMap) and name is not None else None
        if name in ("tags", "material/tags"):
            yield Problem(
                where,
                "error",
                "Material's tags plugin would show every record's other names as tags on its page",
                "remove it: the briefing lists its own tags (the Tags page), and search finds records by every name",
            )
        elif name in ("search", "material/search"):
            yield from _search_pipeline(_pipeline(options), where)


SEARCH_PIPELINE_FAULTS = {
    "stopWordFilter": "search leaves out common English words, so a record named 'US' or 'IS' is not found by it",
    "stemmer": "search cuts words to their stems, so a word typed whole ('strikes', 'Hamas') finds nothing",
    "trimmer": "search trims punctuation from the pages' words but not from the reader's, so 'U.S.' finds nothing",
}
"""What each lunr pipeline function does to a reader's search: Material adds a wildcard to every word typed, and
runs none of them on it (lunr's query pipeline holds the stemmer only, and Material removes it)."""


def _search_pipeline(pipeline: list[str], where: Position) -> Iterator[Problem]:
    for function, fault in SEARCH_PIPELINE_FAULTS.items():
        if function in pipeline:
            yield Problem(where, "warning", fault, "set 'pipeline: []' under '- search:'")


def _pipeline(options: object) -> list[str]:
    """The search plugin's lunr pipeline: Material's default (the stop-word filter alone) unless set."""
    pipeline = options.get("pipeline") if isinstance(options, YMap) else None
    return list(pipeline) if isinstance(pipeline, YList) else ["stopWordFilter"]


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


def nav_problems(settings: SiteSettings, pages: Collection[str], docs: str) -> list[Problem]:
    """A nav entry naming no page of the site: MkDocs' strict build fails on it, Zensical does not."""
    return [
        Problem(
            entry.position,
            "error",
            f"nav entry {repr(entry.title) + ' ' if entry.title else ''}names '{entry.target}', "
            f"which is not a page of the site",
            f"write the page's path as {docs} has it, or remove the entry",
        )
        for entry in settings.nav
        if entry.target not in pages
    ]


_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)")
"""A Markdown link's target page: '](method.md)', '](../about.md#x)'."""
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def unlinked_pages(settings: SiteSettings, pages: Collection[Page]) -> list[Problem]:
    """Hand-written pages that no nav entry names and no other hand-written page links to.

    MkDocs builds them, but no reader can reach them: a page added to content/pages
    and forgotten in the nav would otherwise be published unseen.
    """
    linked = {entry.target for entry in settings.nav}
    for page in pages:
        base = posixpath.dirname(page.name)
        linked.update(posixpath.normpath(posixpath.join(base, target)) for target in _LINK.findall(page.text))
    return [
        Problem(
            page.position,
            "error",
            f"page '{page.name}' is in no nav entry and no other page links to it, so no reader can reach it",
            f"add '- {_title(page)}: {page.name}' to nav in mkdocs.yml, or link it from another page",
        )
        for page in pages
        if page.name not in linked and page.name != "index.md"
    ]


def _title(page: Page) -> str:
    heading = _HEADING.search(page.text)
    return heading[1] if heading else page.name.removesuffix(".md").replace("-", " ").capitalize()
