"""Every file besides the pages that the generator writes into the docs tree: the downloads and redirects.

MkDocs copies each into the site as it is. All are pure functions of the index, so
the docs tree, and with it the site, stays byte-identical for the same content.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.pages.csl import csl_path, page_citation, page_item, source_item
from generator.pages.exports import DATA, KINDS, csv_files, json_bytes, json_files, records_by_kind
from generator.pages.feed import FEED, atom_feed
from generator.pages.redirects import redirects
from generator.records.index import Index
from generator.records.model import Record, Source

SOURCES_CSL = f"{DATA}/sources.csl.json"


def kinds_and_records(index: Index) -> Iterator[tuple[str, Record]]:
    for kind, records in zip(KINDS, records_by_kind(index), strict=True):
        for record in records:
            yield kind, record


def csl_files(index: Index) -> dict[str, bytes]:
    """The sources as one CSL-JSON file, and each record's own: a source's document, another's page."""
    files = {SOURCES_CSL: json_bytes([source_item(s) for s in index.corpus.sources])}
    for kind, record in kinds_and_records(index):
        item = (
            source_item(record)
            if isinstance(record, Source)
            else page_item(page_citation(index, kind, record), record.id)
        )
        files[csl_path(kind, record.id)] = json_bytes([item])
    return files


def data_files(index: Index) -> dict[str, bytes]:
    """Downloads (JSON, CSV, CSL-JSON, the Atom feed) and former ids' redirect pages, by path in the docs tree."""
    return {
        **json_files(index),
        **csv_files(index),
        **csl_files(index),
        FEED: atom_feed(index),
        **redirects(index, kinds_and_records(index)),
    }
