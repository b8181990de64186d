"""An Atom 1.0 feed of the latest incidents, data/feed.xml.

Written with the standard library's ElementTree rather than `feedgen`: feedgen
stamps the feed with the time it ran unless told otherwise and needs lxml, while
an ElementTree document is a plain function of the records, so two builds of the
same content give the same bytes. Times come from the records (their page's last
update, else the event's own date) and the build's date, never the clock.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

from generator.pages.context import page_address, record_path
from generator.pages.csl import page_dates, page_url
from generator.pages.exports import DATA
from generator.records.index import Index
from generator.records.markup import Narrative, XRef
from generator.records.model import Event

ATOM = "http://www.w3.org/2005/Atom"
FEED = f"{DATA}/feed.xml"
LATEST = 20
"""How many of the latest incidents the feed carries."""
SITEMAP_BESIDE_FEED = f"{DATA}/sitemap.xml"
"""Every page's head links to the feed (the theme override's main.html), and Material for MkDocs takes each
`<link rel="alternate">` for another language's copy of the site: it asks for `sitemap.xml` beside the link's
address, to keep a reader's place when switching language. Without a file there, every page asked for one
that is missing (a 404, in the console too); this empty sitemap tells Material there is nothing to map."""
EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def entry_updated(index: Index, event: Event) -> datetime:
    """When the entry last changed: its page's last update where known, else the earliest moment of its date."""
    published, updated = page_dates(index, event)
    known = updated or published
    return _midnight(known) if known is not None else event.date.start.start_utc()


def name_id(index: Index, path: str) -> str:
    """A lasting id for a file of a site with no address: a name-based UUID of the briefing's title and the path."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{index.site.title}/{path}')}"


def entry_id(index: Index, event: Event) -> str:
    """The page's address where the site's is known; else a name-based UUID."""
    return page_url(index, "events", event.id) or name_id(index, f"events/{event.id}")


def _link(index: Index, event: Event) -> str:
    # Without the site's address, relative to the feed (data/feed.xml)
    return page_url(index, "events", event.id) or "../" + page_address(
        record_path("events", event.id), index.site.directory_urls
    )


def readable(index: Index, narrative: Narrative) -> str:
    """Narrative as a feed reader shows it: records by their names, citations left out, white space folded."""
    parts = []
    for segment in narrative.segments:
        if isinstance(segment, XRef):
            parts.append(segment.label or index.by_id[segment.id].display_name)
        elif isinstance(segment, str):
            parts.append(segment)
    return " ".join("".join(parts).split())


def latest(index: Index) -> list[Event]:
    """The latest incidents by their date, newest first."""
    return list(reversed(index.chronology[-LATEST:]))


def atom_feed(index: Index) -> bytes:
    events = latest(index)
    stamps = [entry_updated(index, e) for e in events]
    updated = _midnight(index.built) if index.built else max(stamps, default=datetime(1970, 1, 1, tzinfo=UTC))
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": index.site.language})
    _text(feed, "id", (index.site.url + FEED) if index.site.url else name_id(index, FEED))
    _text(feed, "title", index.site.title)
    if index.site.description:
        _text(feed, "subtitle", index.site.description)
    _text(feed, "updated", _stamp(updated))
    _text(ET.SubElement(feed, "author"), "name", index.site.title)
    if index.site.url:
        ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": index.site.url + FEED})
        ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": index.site.url})
    for event, stamp in zip(events, stamps, strict=True):
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", entry_id(index, event))
        _text(entry, "title", event.title)
        _text(entry, "updated", _stamp(stamp))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": _link(index, event)})
        _text(entry, "summary", f"{event.date.display()}: {readable(index, event.summary)}")
        ET.SubElement(entry, "category", {"term": event.type})
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element
