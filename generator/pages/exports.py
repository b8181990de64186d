"""The data a reader takes away: JSON and CSV files written into the docs tree beside the pages.

Every table is one kind of row (an event, a figure, a participant's role, a source),
and every row carries its record's id and its source ids. Columns are declared once
here, each with what it means (taken from `records.schema` where the column is a
field), so the Data page's codebook is generated from the same declaration. Output
is byte-identical for the same records: fixed column order, records sorted by id,
JSON with sorted keys, no clock.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.pages.plain import narrative_text, plain_record
from generator.records import schema
from generator.records.index import Index
from generator.records.markup import Narrative, split_citation
from generator.records.model import Campaign, Event, Record

DATA = "data"
"""The folder of the whole-briefing downloads, and of the Data page (data/index.md)."""
LIST_SEPARATOR = "; "
KINDS = tuple(schema.RECORDS)


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    """One CSV file: what one row is, and its columns in order."""

    name: str
    row: str
    columns: tuple[Column, ...]

    @property
    def path(self) -> str:
        return f"{DATA}/{self.name}.csv"


def field_doc(kind_or_object: str, name: str) -> str:
    """A field's meaning as the schema declares it, for a record kind ('events') or an object ('claim')."""
    fields = schema.RECORDS.get(kind_or_object) or schema.OBJECTS[kind_or_object]
    return next(f.doc for f in fields if f.name == name)


def field(kind_or_object: str, name: str, value: Callable[[Any], Any] | None = None) -> Column:
    """A column that is a schema field, with the schema's own words for it."""
    return Column(name, field_doc(kind_or_object, name), value or (lambda item: getattr(item, name)))


def item_field(object_name: str, name: str) -> Column:
    """A column that is a field of the row's item (a claim, a participant): rows are (record, number, item)."""
    return field(object_name, name, lambda row: getattr(row[2], name))


def source_ids(citations: tuple[str, ...]) -> str:
    """Source ids without their locators, each once, in the record's order."""
    return LIST_SEPARATOR.join(dict.fromkeys(split_citation(c)[0] for c in citations))


SOURCE_IDS_DOC = "The ids of the sources supporting the row, separated by '; ' (each a row of sources.csv)."
CLAIM_FIELDS = ("counts", "of", "of_actor", "value", "unit", "qualifier", "value_max", "claimed_by", "unnamed_claimant")

EVENTS = Table(
    "events",
    "event",
    (
        field("events", "id"),
        field("events", "title"),
        field("events", "date"),
        Column("date_start", "The earliest moment the date can mean, in UTC (ISO 8601).", lambda e: _utc(e)),
        Column("precision", "How precisely the date is known: 'day', 'month', 'minute' …", lambda e: _precision(e)),
        field("events", "type"),
        Column("places", "The ids of the places, separated by '; '.", lambda e: _joined(p.place for p in e.places)),
        Column("actors", "The ids of every participant, separated by '; '.", lambda e: _actors(e)),
        field("events", "campaigns"),
        field("events", "confidence"),
        field("events", "tags"),
        field("events", "summary"),
        Column("claims", "How many figures the event has (rows of claims.csv).", lambda e: len(e.claims)),
        Column("source_ids", SOURCE_IDS_DOC, lambda e: source_ids(e.sources)),
    ),
)
CLAIMS = Table(
    "claims",
    "figure (a claim) of an event or a campaign, as one claimant gives it",
    (
        Column("record_id", "The id of the event or campaign the figure belongs to.", lambda r: r[0].id),
        Column("record_kind", "'event' or 'campaign'.", lambda r: schema.KIND_SINGULAR[_kind(r[0])]),
        Column("claim", "The figure's place among the record's claims, from 1.", lambda r: r[1]),
        *(item_field("claim", name) for name in CLAIM_FIELDS),
        Column("note", field_doc("claim", "note"), lambda r: r[2].note),
        Column("source_ids", SOURCE_IDS_DOC, lambda r: source_ids(r[2].sources)),
    ),
)
PARTICIPANTS = Table(
    "participants",
    "role an actor had in an event",
    (
        Column("event_id", "The id of the event.", lambda r: r[0].id),
        Column("participant", "The role's place among the event's participants, from 1.", lambda r: r[1]),
        *(item_field("participant", name) for name in ("actor", "role", "attribution")),
        Column("note", field_doc("participant", "note"), lambda r: r[2].note),
        Column("source_ids", SOURCE_IDS_DOC, lambda r: source_ids(r[2].sources)),
    ),
)
SOURCES = Table(
    "sources",
    "source document",
    (
        *(
            field("sources", name)
            for name in ("id", "title", "kind", "publisher", "authors", "published", "updated", "url", "archive_url")
        ),
        field("sources", "language"),
        field("sources", "notes"),
        Column("source_ids", "The source's own id, so that every table has the column.", lambda s: s.id),
    ),
)
TABLES = (EVENTS, CLAIMS, PARTICIPANTS, SOURCES)


def _kind(record: Record) -> str:
    return "campaigns" if isinstance(record, Campaign) else "events"


def _utc(event: Event) -> str:
    return event.date.start.start_utc().isoformat().replace("+00:00", "Z")


def _precision(event: Event) -> str:
    return event.date.precision.name.lower()


def _joined(values: Any) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(values))


def _actors(event: Event) -> str:
    return _joined(p.actor for p in event.participants)


def _cell(value: Any) -> str:
    """A CSV cell: lists joined by '; ', dates as EDTF, narrative with its markup, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, Narrative):
        return narrative_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "text", value))


def rows(table: Table, index: Index) -> Iterator[Any]:
    """The table's rows' subjects, in a fixed order (records by id, their items in the record's order)."""
    corpus = index.corpus
    if table is EVENTS:
        yield from corpus.events
    elif table is SOURCES:
        yield from corpus.sources
    elif table is CLAIMS:
        claimed: list[Event | Campaign] = [*corpus.events, *corpus.campaigns]
        yield from ((r, n, c) for r in claimed for n, c in enumerate(r.claims, start=1))
    else:
        yield from ((e, n, p) for e in corpus.events for n, p in enumerate(e.participants, start=1))


def csv_text(table: Table, index: Index) -> str:
    """The table as CSV (RFC 4180: a header, comma-separated, CRLF line ends, quotes where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    for row in rows(table, index):
        writer.writerow(_cell(c.value(row)) for c in table.columns)
    return out.getvalue()


def json_bytes(value: Any) -> bytes:
    """JSON as the exports write it: sorted keys, two-space indent, UTF-8, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def record_json_path(kind: str, record_id: str) -> str:
    """One record's JSON, beside its page: events/<id>.json."""
    return f"{kind}/{record_id}.json"


def json_files(index: Index) -> dict[str, bytes]:
    """Every record as JSON: one file per kind (data/events.json, …) and one per record beside its page."""
    files: dict[str, bytes] = {}
    corpus = index.corpus
    for kind, records in zip(KINDS, records_by_kind(index), strict=True):
        plain = [plain_record(kind, r) for r in records]
        files[f"{DATA}/{kind}.json"] = json_bytes(plain)
        files.update((record_json_path(kind, p["id"]), json_bytes(p)) for p in plain)
    if corpus.briefing is not None:
        files[f"{DATA}/briefing.json"] = json_bytes(
            {
                "title": index.site.title,
                "version": corpus.briefing.version,
                "scope": narrative_text(corpus.briefing.scope),
            }
        )
    return files


def records_by_kind(index: Index) -> tuple[tuple[Record, ...], ...]:
    corpus = index.corpus
    return (corpus.events, corpus.actors, corpus.places, corpus.sources, corpus.campaigns)


def csv_files(index: Index) -> dict[str, bytes]:
    return {table.path: csv_text(table, index).encode("utf-8") for table in TABLES}
