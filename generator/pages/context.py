"""Per-page rendering helpers: relative links, numbered footnotes, narrative.

A `PageContext` lives for one page. Citations are numbered in the order the
page first cites each source, and the definitions are emitted at the end,
so every footnote reference on a page has exactly one definition.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup

from generator.pages.filters import date_text
from generator.pages.handwritten import sanitise
from generator.records.dates import Precision
from generator.records.index import Index
from generator.records.markup import (
    Cite,
    Narrative,
    XRef,
    escape_plain,
    parse_narrative,
    render_narrative,
    split_citation,
)
from generator.records.model import Event, Record, Source

FOOTNOTE_SEPARATOR = '<sup class="citation-separator" data-search-exclude>,</sup>'
KIND_FOLDERS = {
    "events": "events",
    "actors": "actors",
    "places": "places",
    "sources": "sources",
    "campaigns": "campaigns",
}


def record_path(kind: str, record_id: str) -> str:
    return f"{KIND_FOLDERS[kind]}/{record_id}.md"


def _by_number(marker: tuple[int, str | None]) -> tuple[int, str]:
    return (marker[0], marker[1] or "")


def html_path(markdown_path: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes a page: events/x.md → events/x/index.html, or events/x.html without directory URLs."""
    stem = markdown_path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    return "index.html" if stem == "index" else posixpath.join(stem.removesuffix("/index"), "index.html")


def page_address(markdown_path: str, directory_urls: bool = True) -> str:
    """A page's address from the site's root as links name it: events/x/ (the home page ''), or events/x.html."""
    path = html_path(markdown_path, directory_urls)
    return path.removesuffix("index.html") if directory_urls else path


def relative_path(target: str, folder: tuple[str, ...]) -> str:
    """`target` (relative to the docs root) as seen from `folder`.

    posixpath.relpath does the same but resolves both against the working
    directory on every call, which dominated rendering large listing pages.
    """
    parts = target.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


def safe_url(url: str) -> str:
    """A validated http(s) URL made safe inside Markdown's (…) link syntax."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


@dataclass
class LinkMemo:
    """Links and footnote citations already built in one run, shared by its pages.

    Pages in one folder link alike, so thousands of pages share each entry.
    """

    links: dict[tuple[tuple[str, ...], str, str | None], Markup] = field(default_factory=dict)
    """By (folder, record id, link text or None for the record's name)."""
    citations: dict[tuple[tuple[str, ...], str], Markup] = field(default_factory=dict)
    """By (folder, source id)."""


class PageContext:
    def __init__(self, path: str, index: Index, memo: LinkMemo | None = None) -> None:
        self.path = path
        self.index = index
        self._folder = tuple(part for part in posixpath.dirname(path).split("/") if part)
        self._memo = LinkMemo() if memo is None else memo
        self._numbers: dict[str, int] = {}
        self._marked: set[int] = set()
        self.used: dict[str, Record] = {}
        """Every record this page linked to or cited: what its text depends on besides its context."""

    @property
    def directory_urls(self) -> bool:
        """Whether the site publishes events/x.md as events/x/ (else events/x.html): raw HTML links need to know."""
        return self.index.site.directory_urls

    def href(self, target: str) -> str:
        """Relative link from this page to another generated page (with optional #anchor)."""
        page, _, anchor = target.partition("#")
        relative = relative_path(page, self._folder)
        return f"{relative}#{anchor}" if anchor else relative

    def link(self, record_id: str, text: str | None = None) -> Markup:
        record = self.used[record_id] = self.index.by_id[record_id]
        key = (self._folder, record_id, text)
        built = self._memo.links.get(key)
        if built is None:
            name = text if text is not None else record.display_name
            href = self.href(record_path(self.index.kind(record_id), record_id))
            built = self._memo.links[key] = Markup(f"[{escape_plain(name)}]({href})")
        return built

    def links(self, record_ids: Iterable[str], separator: str = " · ") -> Markup:
        """Links to several records, in order, on one line."""
        return Markup(separator.join([self.link(i) for i in record_ids]))

    def event_rows(self, events: Sequence[Event], show_type: bool, roles: Sequence[Sequence[str]] | None) -> Markup:
        """The rows of an event table (date, event, type, roles, places), one line each.

        Built here rather than in the template: listing pages hold up to
        PAGE_ROWS rows, and a template call per cell dominated their rendering.
        """
        lines = []
        for n, event in enumerate(events):
            date = event.date
            when = str(escape_plain(date.display()))
            if date.precision < Precision.DAY or date.approximate or date.end:
                when += f" *({escape_plain(date.precision_label())})*"
            cells: list[str] = [when, self.link(event.id)]
            if show_type:
                cells.append(self.page_link(f"types/{event.type}/index.md", self.label(event.type, "event-type")))
            if roles:
                cells.append(escape_plain(", ".join(self.label(role, "role") for role in roles[n])))
            cells.append(self.links((ref.place for ref in event.places), ", "))
            lines.append(f"| {' | '.join(cells)} |\n")
        return Markup("".join(lines))

    def label(self, term: str, vocabulary: str | None = None) -> str:
        """A term as the briefing labels it."""
        return self.index.corpus.vocabulary.label(term, vocabulary)

    def page_link(self, target: str, text: str) -> Markup:
        return Markup(f"[{escape_plain(text)}]({self.href(target)})")

    def cite(self, citations: Iterable[str]) -> Markup:
        """Footnote markers for these citations, in ascending order, each with its locator if it has one.

        Every marker is a plain link to its footnote (so a reader's tooltip, tap and
        print show the source); the first on the page for a footnote carries the id its
        one back-link returns to. Python-Markdown would add a back-link per reference,
        dozens on a long card, and walk every earlier reference for each new one.
        """
        numbered: dict[tuple[int, str | None], None] = {}
        for citation in citations:
            source, locator = split_citation(citation)
            numbered[(self._numbers.setdefault(source, len(self._numbers) + 1), locator)] = None
        markers = [self._marker(number, locator) for number, locator in sorted(numbered, key=_by_number)]
        # Side by side, markers ¹²³ would read as one number: separate them.
        return Markup(FOOTNOTE_SEPARATOR.join(markers))

    def _marker(self, number: int, locator: str | None) -> str:
        first = number not in self._marked
        self._marked.add(number)
        anchor = f' id="fnref:{number}"' if first else ""
        where = f'<span class="citation-locator">, {escape_plain(locator)}</span>' if locator else ""
        return (
            f'<sup{anchor} class="citation" data-search-exclude>'
            f'<a class="footnote-ref" href="#fn:{number}">{number}</a>{where}</sup>'
        )

    def text(self, narrative: Narrative | None) -> Markup:
        if narrative is None:
            return Markup("")
        return render_narrative(narrative, self._xref, self._cite)

    def _xref(self, xref: XRef) -> Markup:
        return self.link(xref.id, xref.label)

    def _cite(self, cite: Cite) -> Markup:
        return self.cite(cite.citations)

    def external(self, url: str) -> Markup:
        """A link to a validated http(s) URL, shown as the URL itself."""
        return Markup(f"[{escape_plain(url)}]({safe_url(url)})")

    def handwritten(self, text: str) -> Markup:
        """A hand-written page: its Markdown with [[id]] and [@source] resolved.

        Its raw HTML and links are cleaned (pages.handwritten) unless the briefing
        trusts its editors' HTML (extra.briefing.trusted_html in mkdocs.yml).
        """
        clean = (lambda markdown: markdown) if self.index.site.trusted_html else sanitise
        narrative, _ = parse_narrative(clean(text))
        out: list[str] = []
        for segment in narrative.segments:
            if isinstance(segment, XRef):
                out.append(self._xref(segment))
            elif isinstance(segment, Cite):
                out.append(self._cite(segment))
            else:
                out.append(segment)
        notes = self.footnotes()
        # Joined as plain text, then marked safe once: adding a str to Markup would escape the page itself.
        return Markup("".join(str(part) for part in out).rstrip() + (f"\n\n{notes}" if notes else ""))

    def footnotes(self) -> Markup:
        """The definitions of every footnote this page used, in number order."""
        lines = []
        for source_id, number in sorted(self._numbers.items(), key=lambda item: item[1]):
            source = self.index.by_id[source_id]
            assert isinstance(source, Source)
            self.used[source_id] = source
            text = self._memo.citations.get((self._folder, source_id))
            if text is None:
                text = self._memo.citations[self._folder, source_id] = self.citation(source)
            lines.append(f"[^{number}]: {text}")
        return Markup("\n".join(lines))

    def citation(self, source: Source) -> Markup:
        """One-line citation: linked title, publisher, date, and the original URL."""
        parts = [str(self.link(source.id))]
        if source.authors:
            parts.append(str(escape_plain(", ".join(source.authors))))
        if source.publisher:
            parts.append(str(escape_plain(source.publisher)))
        when = source.published or source.updated
        if when is not None:
            prefix = "" if source.published else "updated "
            parts.append(prefix + str(escape_plain(date_text(when))))
        text = ", ".join(parts) + "."
        if source.url:
            text += f" [Original]({safe_url(source.url)})"
        return Markup(text)
