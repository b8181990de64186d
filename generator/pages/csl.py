"""CSL-JSON, the citation format Zotero, Mendeley and pandoc import: the sources, and each page's own citation.

A source becomes the item a reference manager would make of the document; a record's
page becomes a `webpage` item of the briefing (its title, the briefing's, its address
where the site's `site_url` is set, the briefing's version, the day it was last
updated). The date accessed is the reader's to add. Checked against the CSL-JSON
schema by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.pages.context import page_address, record_path
from generator.pages.release import day_text
from generator.records.dates import DatePoint, PartialDate
from generator.records.index import Index
from generator.records.model import Record, Source

SOURCE_TYPES = {
    "news-report": "article-newspaper",
    "encyclopedia-article": "entry-encyclopedia",
    "official-statement": "report",
    "think-tank-analysis": "report",
    "social-media-post": "post",
}
"""CSL's item type for each source kind; any other kind (one a briefing adds, or 'other') is a 'document'."""


@dataclass(frozen=True)
class PageCitation:
    """What a record's page says about itself: when it appeared and changed, and how to cite it."""

    title: str
    briefing: str
    url: str | None
    version: str | None
    published: date | None
    updated: date | None
    csl: str
    """The page's CSL-JSON file, beside the page: '<id>.csl.json'."""
    json: str
    """The record's JSON file, beside the page: '<id>.json'."""

    @property
    def published_text(self) -> str | None:
        return day_text(self.published) if self.published else None

    @property
    def updated_text(self) -> str | None:
        return day_text(self.updated) if self.updated else None


def page_dates(index: Index, record: Record) -> tuple[date | None, date | None]:
    """First published and last updated: from git history, else the record's own fields (not a source's)."""
    revision = index.revisions.get(record.id)
    if revision is not None:
        return revision.published, revision.updated
    if isinstance(record, Source):
        return None, None  # a source's published/updated are the document's dates
    return _day(record.published), _day(record.updated)


def _day(value: PartialDate | None) -> date | None:
    if value is None or value.start.month is None or value.start.day is None:
        return None
    return date(value.start.year, value.start.month, value.start.day)


def page_url(index: Index, kind: str, record_id: str) -> str | None:
    """The page's absolute address, where the site's address is known."""
    base = index.site.url
    return None if base is None else base + page_address(record_path(kind, record_id), index.site.directory_urls)


def page_citation(index: Index, kind: str, record: Record) -> PageCitation:
    published, updated = page_dates(index, record)
    version = index.corpus.briefing.version if index.corpus.briefing else None
    return PageCitation(
        title=record.display_name,
        briefing=index.site.title,
        url=page_url(index, kind, record.id),
        version=version,
        published=published,
        updated=updated,
        csl=csl_path(kind, record.id).rsplit("/", 1)[1],
        json=f"{record.id}.json",
    )


def csl_path(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.csl.json"


def page_item(citation: PageCitation, record_id: str) -> dict[str, Any]:
    """The page as a CSL `webpage` item."""
    item: dict[str, Any] = {
        "id": record_id,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.briefing,
    }
    if citation.url:
        item["URL"] = citation.url
    if citation.version:
        item["version"] = citation.version
    shown = citation.updated or citation.published
    if shown is not None:
        item["issued"] = {"date-parts": [[shown.year, shown.month, shown.day]]}
    return item


def source_item(source: Source) -> dict[str, Any]:
    """The source document as a CSL item, with only what the record states."""
    item: dict[str, Any] = {"id": source.id, "type": SOURCE_TYPES.get(source.kind, "document"), "title": source.title}
    if source.authors:
        item["author"] = [{"literal": name} for name in source.authors]  # names as written: never split by guess
    if source.publisher:
        item["publisher"] = source.publisher
    if source.published is not None:
        item["issued"] = csl_date(source.published)
    if source.url:
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    return item


def csl_date(value: PartialDate) -> dict[str, Any]:
    """An EDTF date as CSL date parts (a range as two), 'circa' when approximate or uncertain."""
    parts = [_parts(value.start)] + ([_parts(value.end)] if value.end is not None else [])
    result: dict[str, Any] = {"date-parts": parts}
    if value.approximate or value.uncertain:
        result["circa"] = True
    return result


def _parts(point: DatePoint) -> list[int]:
    return [p for p in (point.year, point.month, point.day) if p is not None]
