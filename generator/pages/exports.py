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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.pages.plain import narrative_text
from generator.records import schema
from generator.records.index import Index
from generator.records.markup import Narrative, split_citation
from generator.records.model import Campaign, Event, Record, Source

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


def field_column(kind_or_object: str, name: str, value: Callable[[Any], Any] | None = None) -> Column:
    """A column that is a schema field, with the schema's own words for it."""
    return Column(name, field_doc(kind_or_object, name), value or (lambda item: getattr(item, name)))


def item_field(object_name: str, name: str) -> Column:
    """A column that is a field of the row's item (a claim, a participant): rows are (record, number, item)."""
    return field_column(object_name, name, lambda row: getattr(row[2], name))


def source_ids(citations: tuple[str, ...]) -> str:
    """Source ids without their locators, each once, in the record's order."""
    return LIST_SEPARATOR.join(dict.fromkeys(split_citation(c)[0] for c in citations))


SOURCE_IDS_DOC = "The ids of the sources supporting the row, separated by '; ' (each a row of sources.csv)."
CLAIM_FIELDS = ("counts", "of", "of_actor", "value", "unit", "qualifier", "value_max", "claimed_by", "unnamed_claimant")

EVENTS = Table(
    "events",
    "event",
    (
        field_column("events", "id"),
        field_column("events", "title"),
        field_column("events", "date"),
        Column("date_start", "The earliest moment the date can mean, in UTC (ISO 8601).", lambda e: _utc(e)),
        Column("precision", "How precisely the date is known: 'day', 'month', 'minute' …", lambda e: _precision(e)),
        field_column("events", "type"),
        Column("places", "The ids of the places, separated by '; '.", lambda e: _joined(p.place for p in e.places)),
        Column("actors", "The ids of every participant, separated by '; '.", lambda e: _actors(e)),
        field_column("events", "campaigns"),
        field_column("events", "confidence"),
        field_column("events", "tags"),
        field_column("events", "summary"),
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
            field_column("sources", name)
            for name in ("id", "title", "kind", "publisher", "authors", "published", "updated", "url", "archive_url")
        ),
        field_column("sources", "language"),
        field_column("sources", "notes"),
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection): `=HYPERLINK(…)` in a title runs."""


def _spreadsheet_safe(value: Any) -> str:
    """A text cell that a spreadsheet would run as a formula gains a leading apostrophe; numbers stay numbers."""
    text = _cell(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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


def record_items(table: Table, record: Record) -> Iterator[Any]:
    """What one record gives the table: itself (an event or source row), or (record, number, item) per claim or role."""
    if (table is EVENTS and isinstance(record, Event)) or (table is SOURCES and isinstance(record, Source)):
        yield record
    elif table is CLAIMS and isinstance(record, Event | Campaign):
        yield from ((record, n, claim) for n, claim in enumerate(record.claims, start=1))
    elif table is PARTICIPANTS and isinstance(record, Event):
        yield from ((record, n, role) for n, role in enumerate(record.participants, start=1))


def record_rows(table: Table, record: Record) -> list[list[str]]:
    """The record's rows of the table, as CSV cells."""
    return [[_spreadsheet_safe(c.value(item)) for c in table.columns] for item in record_items(table, record)]


def rows(table: Table, index: Index) -> Iterator[Any]:
    """The table's rows' subjects in a fixed order: records by kind, then id; their items in the record's order."""
    for _, record in kinds_and_records(index):
        yield from record_items(table, record)


def csv_bytes(table: Table, rows: Iterable[list[str]]) -> bytes:
    """The table as CSV (RFC 4180: a header, comma-separated, CRLF line ends, quotes where needed), UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def csv_text(table: Table, index: Index) -> str:
    return csv_bytes(table, (row for _, r in kinds_and_records(index) for row in record_rows(table, r))).decode()


def json_text(value: Any) -> str:
    """One JSON value on one line, keys sorted (the standard library's C encoder: fast at 10,000 records)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def json_bytes(value: Any) -> bytes:
    """A JSON document as the exports write it: UTF-8, a final newline."""
    return (json_text(value) + "\n").encode("utf-8")


def json_lines(lines: list[str]) -> bytes:
    """A JSON array of values already encoded, one per line: readable, and a changed record is a one-line diff."""
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")


def record_json_path(kind: str, record_id: str) -> str:
    """One record's JSON, beside its page: events/<id>.json."""
    return f"{kind}/{record_id}.json"


def briefing_json(index: Index) -> dict[str, bytes]:
    """data/briefing.json: the briefing's title, version and scope, where it has a briefing.yml."""
    briefing = index.corpus.briefing
    if briefing is None:
        return {}
    about = {"title": index.site.title, "version": briefing.version, "scope": narrative_text(briefing.scope)}
    return {f"{DATA}/briefing.json": json_bytes(about)}


def records_by_kind(index: Index) -> tuple[tuple[Record, ...], ...]:
    corpus = index.corpus
    return (corpus.events, corpus.actors, corpus.places, corpus.sources, corpus.campaigns)


def kinds_and_records(index: Index) -> Iterator[tuple[str, Record]]:
    """Every record with its kind, kind by kind in the schema's order, each kind's by id."""
    for kind, records in zip(KINDS, records_by_kind(index), strict=True):
        for record in records:
            yield kind, record
