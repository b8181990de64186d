"""Text that becomes a file name or a link: record ids, page names and URLs, checked to be safe as one.

An id is a folder's name on the site (`events/<id>/index.html`) and a page's name its file's, so
both are kept to characters a web address and any file system keep, and short enough that every
name made from them (temporary ones included) fits the file system's 255 bytes. A URL is
published as a link: it must be http(s), readable, and carry no user name or password.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from generator.records import schema

SLUG = re.compile(schema.SLUG_PATTERN)

MAX_NAME_BYTES = 100
"""The longest id or page name, in bytes of UTF-8 (an id's characters are ASCII, one byte each)."""

_NOT_IN_A_PAGE_NAME = re.compile(r"[\\\x00-\x1f\x7f-\x9f]")
"""A backslash (a folder separator on Windows, refused by the writer) or a control character."""


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "record"


def url_problem(url: str) -> tuple[str, str] | None:
    """What is wrong with a URL a page will link to, and how to fix it; None when it is a sound http(s) address."""
    wrong = (f"must be an http(s) URL, not '{url}'", "write the full https://… address")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it: 'http://host:99999/' raises here
    except ValueError as exc:  # an unclosed IPv6 bracket, a port that is no number or out of range
        return f"is not a URL that can be read ({exc}): '{url}'", wrong[1]
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        return wrong
    if parts.username is not None or parts.password is not None:
        return (
            f"holds a user name or password ('{parts.netloc.rpartition('@')[0]}@'), which the site would publish",
            f"remove it: write {parts.scheme}://{parts.netloc.rpartition('@')[2]}…",
        )
    return None


def id_problem(value: Any, stem: str) -> tuple[str, str] | None:
    """What is wrong with a record's `id` (before its uniqueness is known), and how to fix it; None when it is sound.

    Ids become file and folder names, so they are slugs and short enough that every name made
    from them fits the file system (`files.MAX_NAME_BYTES`).
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        quoted = f"put it in quotes: id: '{value}'" if isinstance(value, int) and value >= 0 else "write it as a slug"
        return f"id {value} is a number to YAML, not text", quoted
    if not isinstance(value, str) or not SLUG.match(value):
        return (
            f"id '{value}' is not a lowercase slug",
            f"use lowercase letters, digits and single hyphens, e.g. '{slugify(str(value))}'",
        )
    if len(value) > MAX_NAME_BYTES:
        return (
            f"id is {len(value)} characters long, over the limit of {MAX_NAME_BYTES}",
            "shorten it and rename the file to match: the site's file names are made from it",
        )
    if value != stem:
        either = f" or set 'id: {stem}'" if SLUG.match(stem) and len(stem) <= MAX_NAME_BYTES else ""
        return f"id '{value}' does not match the file name '{stem}.yml'", f"rename the file to '{value}.yml'{either}"
    return None


def page_name_problem(stem: str) -> tuple[str, str] | None:
    """What is wrong with a hand-written page's file name (without '.md'), and how to fix it; None when sound."""
    if _NOT_IN_A_PAGE_NAME.search(stem):
        return (
            f"page name '{stem}' holds a backslash or a control character, which no web address can keep",
            "rename the file with letters, digits, '-' and '_'",
        )
    size = len(stem.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return (
            f"page name is {size} bytes long in UTF-8, over the limit of {MAX_NAME_BYTES}",
            "shorten the file's name: the site's file names are made from it",
        )
    return None
