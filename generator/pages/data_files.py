"""Every file besides the pages that the generator writes into the docs tree: the downloads and redirects.

MkDocs copies each into the site as it is. All are pure functions of the index, so
the docs tree, and with it the site, stays byte-identical for the same content.
What each record contributes (its JSON, its CSL-JSON, its CSV rows) is kept in an
`ExportMemo` between the live preview's saves: an unchanged record (the very same
object, from the validate cache) with the same citation is not exported again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.pages.csl import PageCitation, csl_path, page_citation, page_item, source_item
from generator.pages.exports import (
    DATA,
    KINDS,
    TABLES,
    briefing_json,
    csv_bytes,
    json_lines,
    json_text,
    kinds_and_records,
    record_json_path,
    record_rows,
)
from generator.pages.feed import EMPTY_SITEMAP, FEED, SITEMAP_BESIDE_FEED, atom_feed
from generator.pages.plain import plain_record
from generator.pages.redirects import redirects
from generator.records.index import Index
from generator.records.model import Record, Source

SOURCES_CSL = f"{DATA}/sources.csl.json"


@dataclass(frozen=True)
class Exported:
    """What one record gives the downloads."""

    record: Record
    citation: PageCitation | None
    """The page's citation (None for a source, whose CSL-JSON is the document's): its CSL-JSON depends on it."""
    json: str
    csl: str
    rows: tuple[list[list[str]], ...]
    """Its rows of each table in TABLES, in order."""


@dataclass
class ExportMemo:
    records: dict[tuple[str, str], Exported] = field(default_factory=dict)


def export_record(kind: str, record: Record, citation: PageCitation | None) -> Exported:
    if isinstance(record, Source):
        item = source_item(record)
    else:
        assert citation is not None, "every record but a source has a page citation"
        item = page_item(citation, record.id)
    return Exported(
        record,
        citation,
        json_text(plain_record(kind, record)),
        json_text(item),
        tuple(record_rows(table, record) for table in TABLES),
    )


def exported(index: Index, memo: ExportMemo) -> list[tuple[str, Exported]]:
    """Every record's export, in a fixed order, reusing the memo's for records unchanged since last time."""
    fresh: dict[tuple[str, str], Exported] = {}
    for kind, record in kinds_and_records(index):
        citation = None if isinstance(record, Source) else page_citation(index, kind, record)
        old = memo.records.get((kind, record.id))
        if old is None or old.record is not record or old.citation != citation:
            old = export_record(kind, record, citation)
        fresh[(kind, record.id)] = old
    memo.records = fresh
    return [(kind, item) for (kind, _), item in fresh.items()]


def data_files(index: Index, memo: ExportMemo | None = None) -> dict[str, bytes]:
    """Downloads (JSON, CSV, CSL-JSON, the Atom feed) and former ids' redirect pages, by path in the docs tree."""
    records = exported(index, ExportMemo() if memo is None else memo)
    files: dict[str, bytes] = {}
    for kind in KINDS:
        lines = [e.json for k, e in records if k == kind]
        files[f"{DATA}/{kind}.json"] = json_lines(lines)
    for kind, e in records:
        files[record_json_path(kind, e.record.id)] = (e.json + "\n").encode("utf-8")
        files[csl_path(kind, e.record.id)] = ("[" + e.csl + "]\n").encode("utf-8")
    for n, table in enumerate(TABLES):
        files[table.path] = csv_bytes(table, (row for _, e in records for row in e.rows[n]))
    files[SOURCES_CSL] = json_lines([e.csl for k, e in records if k == "sources"])
    files[FEED] = atom_feed(index)
    files[SITEMAP_BESIDE_FEED] = EMPTY_SITEMAP
    files.update(briefing_json(index))
    files.update(redirects(index, kinds_and_records(index)))
    return dict(sorted(files.items()))
