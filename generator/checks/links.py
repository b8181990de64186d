"""Internal links and anchors of a built site: every href must reach a file and an element."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class HtmlPage:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    positions: list[tuple[int, int]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.page.ids.add(str(values["name"]))
        if tag in ("a", "link") and values.get("href"):
            self.page.links.append(str(values["href"]))
            line, offset = self.getpos()
            self.page.positions.append((line, offset + 1))


def parse_page(text: str) -> HtmlPage:
    collector = _Collector()
    collector.feed(text)
    return collector.page


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    reason: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


def load_site(site: Path) -> dict[str, HtmlPage]:
    """Every HTML page of a built site, keyed by its path relative to the site root."""
    return {
        p.relative_to(site).as_posix(): parse_page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))
    }


def check_links(site: Path, pages: dict[str, HtmlPage] | None = None) -> list[BrokenLink]:
    """Internal hrefs that reach no file, or no element with the anchor's id."""
    pages = load_site(site) if pages is None else pages
    broken = []
    for page, html in pages.items():
        for href, (line, col) in zip(html.links, html.positions, strict=True):
            reason = _resolve(site, pages, page, href)
            if reason:
                broken.append(BrokenLink(page, href, reason, line, col))
    return broken


def _resolve(site: Path, pages: dict[str, HtmlPage], page: str, href: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return ""  # external: checked by the URL checks, not here
    target = page
    if parts.path:
        base = "" if parts.path.startswith("/") else posixpath.dirname(page)  # '/x' is from the site root
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
        if joined.startswith(".."):
            return "leaves the site"
        target = joined
        if (site / target).is_dir() or parts.path.endswith("/"):
            target = posixpath.normpath(posixpath.join(target, "index.html"))  # home: 'index.html'
        if not (site / target).exists():
            return "no such file"
    if parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
        return f"no element with id '{unquote(parts.fragment)}'"
    return ""


def reachable(pages: dict[str, HtmlPage], start: str = "index.html") -> set[str]:
    """Pages reachable from `start` by following internal links."""
    seen = {start}
    queue = [start]
    while queue:
        page = queue.pop()
        for href in pages[page].links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = "" if parts.path.startswith("/") else posixpath.dirname(page)  # as _resolve reads it
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
            if parts.path.endswith("/") or not target.endswith(".html"):
                target = posixpath.join(target, "index.html")
            if target in pages and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
