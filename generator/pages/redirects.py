"""Redirect pages for former ids: an old address keeps leading to the renamed record's page.

No MkDocs plugin: each is a small static HTML file in the docs tree (MkDocs and
Zensical copy such files as they are) at the old page's address, with a
`<meta http-equiv="refresh">`, a canonical link for search engines, and a plain
link for a reader whose browser does not follow the refresh.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from generator.pages.context import html_path, record_path
from generator.pages.csl import page_url
from generator.records.index import Index
from generator.records.model import Record

TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
</head>
<body>
<p>This page has moved to <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def redirect_path(kind: str, former_id: str, directory_urls: bool = True) -> str:
    """Where the old page was, as MkDocs publishes pages: its folder's index.html, or its own .html file."""
    return html_path(record_path(kind, former_id), directory_urls)


def redirect_page(index: Index, kind: str, record: Record) -> bytes:
    """The redirect from any of the record's former addresses (all are siblings of its page)."""
    href = f"../{record.id}/" if index.site.directory_urls else f"{record.id}.html"
    canonical = page_url(index, kind, record.id) or href
    text = TEMPLATE.format(
        lang=html.escape(index.site.language),
        title=html.escape(record.display_name),
        href=html.escape(href),
        canonical=html.escape(canonical),
    )
    return text.encode("utf-8")


def redirects(index: Index, kinds: Iterator[tuple[str, Record]]) -> dict[str, bytes]:
    """Every former id's redirect page, by its path in the docs tree."""
    return {
        redirect_path(kind, former, index.site.directory_urls): redirect_page(index, kind, record)
        for kind, record in kinds
        for former in record.former_ids
    }
