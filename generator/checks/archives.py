"""Web archives whose snapshot addresses a source's `archive_url` may hold, each with the shape of one.

An archive URL is there so a reader can see the document as it was cited when its
own address is gone: it must name one fixed snapshot, not a request to make one
('/save/'), the archive's search page or its newest copy, which change. The
archives below are accepted with their own address shapes; a briefing adds others
(a national web archive, its own institution's) under `web_archives:` in
briefing.yml, and their snapshots must then have the Memento shape that Wayback
software writes: https://<host>/…/<YYYYMMDDhhmmss>/<original URL>.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

_ORIGINAL = r"https?://\S+"
_TIMESTAMP = r"\d{14}(?:[a-z]{2}_)?"
"""A Wayback timestamp, perhaps with a modifier: 'id_' (the original bytes), 'if_' (no banner)."""
MEMENTO = rf"/(?:[^/?#\s]+/)*{_TIMESTAMP}/{_ORIGINAL}"


@dataclass(frozen=True)
class WebArchive:
    name: str
    hosts: tuple[str, ...]
    snapshot: str
    """A regular expression the address after the host must match in full."""
    example: str
    not_snapshots: tuple[tuple[str, str], ...] = ()
    """Addresses on the archive that are no snapshot: (what the path starts with, what it is instead)."""


def _memento(name: str, *hosts: str) -> WebArchive:
    return WebArchive(name, hosts, MEMENTO, f"https://{hosts[0]}/…/<YYYYMMDDhhmmss>/<original url>")


WEB_ARCHIVES = (
    WebArchive(
        "the Wayback Machine",
        ("web.archive.org", "wayback.archive.org"),
        rf"/web/{_TIMESTAMP}/{_ORIGINAL}",
        "https://web.archive.org/web/<YYYYMMDDhhmmss>/<original url>",
        (("/save/", "a save request"),),
    ),
    WebArchive(
        "archive.today",
        ("archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.fo", "archive.md"),
        rf"/(?:[A-Za-z0-9]{{4,6}}|\d{{14}}/{_ORIGINAL}|\d{{4}}\.\d{{2}}\.\d{{2}}-\d{{6}}/{_ORIGINAL})",
        "https://archive.ph/<id>, or https://archive.ph/<YYYYMMDDhhmmss>/<original url>",
        (("/submit", "a save request"), ("/newest/", "the newest snapshot whenever it is opened")),
    ),
    WebArchive("Perma.cc", ("perma.cc",), r"/[A-Z0-9]{4}-[A-Z0-9]{4}", "https://perma.cc/<XXXX-XXXX>"),
    WebArchive(
        "WebCite",
        ("www.webcitation.org", "webcitation.org"),
        r"/(?:[A-Za-z0-9]{6,12}|query\?\S*\b(?:id|date)=\S+)",
        "https://www.webcitation.org/<id>",
    ),
    WebArchive(
        "Ghostarchive", ("ghostarchive.org",), r"/v?archive/[A-Za-z0-9]+", "https://ghostarchive.org/archive/<id>"
    ),
    _memento("the UK Web Archive", "www.webarchive.org.uk", "webarchive.org.uk"),
    _memento("Arquivo.pt", "arquivo.pt"),
    _memento("the Australian Web Archive", "webarchive.nla.gov.au"),
    _memento("the Library of Congress Web Archives", "webarchive.loc.gov"),
    _memento("Archive-It", "wayback.archive-it.org"),
)
"""The archives every briefing accepts; `web_archives:` in briefing.yml adds others."""


def snapshot_problem(url: str, added: Iterable[str] = ()) -> tuple[str, str] | None:
    """What is wrong with `url` as a snapshot address, and how to put it right; None when it is one."""
    archives = [*WEB_ARCHIVES, *(_memento(host, host) for host in added)]
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    archive = next((a for a in archives if host in a.hosts), None)
    if archive is None:
        known = ", ".join(a.hosts[0] for a in WEB_ARCHIVES)
        return (
            f"is not on a web archive the briefing accepts ('{host}')",
            f"use a snapshot on {known}; or, if '{host}' is a web archive, add it under web_archives: in briefing.yml",
        )
    after_host = url.split(parts.netloc, 1)[1]
    for start, what in archive.not_snapshots:
        if after_host.startswith(start):
            return f"is {what}, not a snapshot", f"open it once, then copy the snapshot address: {archive.example}"
    if not re.fullmatch(archive.snapshot, after_host):
        return f"is not a snapshot address of {archive.name}", f"expected {archive.example}"
    return None
