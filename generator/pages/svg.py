"""What every figure's SVG shares: escaped text, rounded numbers, links as the built site has them, colours.

Figures are written as inline SVG at build time: no script draws them and no other host is asked
for anything. Coordinates are rounded to one decimal and inputs sorted, so the same records give
byte-identical pages. Every string that came from a record passes through `text` (titles are the
editors', so `<` or `"` in one must stay text, never markup).
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from generator.pages.context import html_path, relative_path

KINDS = 14
"""Colour classes k0…k13 in briefing.css, one per term of the default event-type vocabulary; a briefing
that adds terms sees colours repeat (the legend and each mark's title still name the type)."""


def text(value: str) -> str:
    """A record's string as SVG character data or an attribute value."""
    return html.escape(value, quote=True)


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing '.0' (and never '-0')."""
    shown = f"{value:.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return "0" if shown == "-0" else shown


def site_href(page: str, target: str, directory_urls: bool = True) -> str:
    """The URL of `target` (a Markdown path, optionally with #anchor) from `page`, as MkDocs publishes both.

    Raw HTML is not rewritten by MkDocs the way Markdown links are, so the figure's links are written
    as the built site has them: with directory URLs (MkDocs' default) events/x.md is served at
    events/x/ and a folder's index.html is left out of links, as MkDocs leaves it out; without them
    events/x.md is events/x.html and links name every file, so that the site reads from disk too.
    """
    there, _, anchor = target.partition("#")
    here = tuple(part for part in posixpath.dirname(html_path(page, directory_urls)).split("/") if part)
    link = relative_path(html_path(there, directory_urls), here)
    if directory_urls:
        link = link.removesuffix("index.html") or "./"
    return f"{link}#{anchor}" if anchor else link


def kind_class(term: str, order: list[str]) -> str:
    """The colour class of an event type: its place in the vocabulary, so a type keeps its colour on every page."""
    return f"k{(order.index(term) if term in order else len(order)) % KINDS}"


@dataclass(frozen=True)
class CardLinks:
    """How links from one page reach incident cards: the cards' folder, then an id and `suffix`.

    Figures link every mark to a card; working the relative path out once per figure rather than
    once per mark keeps them cheap on pages with hundreds of marks.
    """

    prefix: str
    suffix: str
    """'/' with directory URLs (events/x/), else '.html' (events/x.html)."""

    def href(self, event_id: str) -> str:
        return self.prefix + event_id + self.suffix


def card_links(page: str, directory_urls: bool = True) -> CardLinks:
    """Links from `page` to incident cards, as the site publishes them."""
    folder = site_href(page, "events/index.md", directory_urls).removesuffix("index.html")
    return CardLinks(folder, "/" if directory_urls else ".html")
