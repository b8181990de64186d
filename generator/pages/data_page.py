"""The Data page, data/index.md: every download, and a codebook generated from the schema and the exports.

Each CSV column's meaning is the one `exports` declares (a schema field's own
words where the column is a field); each JSON field's is the schema's; each
vocabulary's terms are the briefing's. Nothing on the page is kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.pages.data_files import SOURCES_CSL
from generator.pages.exports import DATA, KINDS, TABLES, Table, records_by_kind, rows
from generator.pages.feed import FEED, LATEST
from generator.pages.record_pages import PagePlan
from generator.pages.release import release
from generator.records import schema
from generator.records.index import Index
from generator.records.schema_text import describe_type

DATA_PAGE = f"{DATA}/index.md"


@dataclass(frozen=True)
class FieldRow:
    name: Markup
    type: Markup
    required: str
    doc: Markup


@dataclass(frozen=True)
class TableInfo:
    file: str
    row: str
    count: int
    columns: tuple[tuple[Markup, Markup], ...]


def _local(path: str) -> str:
    """A path in the docs tree as linked from the Data page, which sits in data/."""
    return path.removeprefix(f"{DATA}/")


def field_rows(fields: tuple[schema.Field, ...]) -> tuple[FieldRow, ...]:
    """A schema table as the codebook's rows (names and words are the generator's own, so trusted Markdown)."""
    return tuple(
        FieldRow(
            Markup(f.name),
            Markup(describe_type(f.type)),
            "yes" if f.required else (f"no (default `{f.default}`)" if f.default else "no"),
            Markup(f.doc),
        )
        for f in fields
        if not isinstance(f.type, schema.Settings)
    )


def table_info(table: Table, index: Index) -> TableInfo:
    columns = tuple((Markup(c.name), Markup(c.doc)) for c in table.columns)
    return TableInfo(_local(table.path), table.row, sum(1 for _ in rows(table, index)), columns)


def vocabularies(index: Index) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Each vocabulary's terms as this briefing has them: (term, label, definition)."""
    vocabulary = index.corpus.vocabulary
    return {
        name: tuple((term, t.label, t.definition) for term, t in vocabulary.of(name).items())
        for name in schema.VOCABULARIES
    }


def data_context(index: Index) -> dict[str, Any]:
    counts = [len(records) for records in records_by_kind(index)]
    return {
        "title": "Data",
        "release": release(index),
        "briefing_title": index.site.title,
        "kinds": [(kind, f"{kind}.json", n) for kind, n in zip(KINDS, counts, strict=True)],
        "tables": [table_info(t, index) for t in TABLES],
        "csl": _local(SOURCES_CSL),
        "feed": _local(FEED),
        "latest": LATEST,
        "record_fields": {kind: field_rows(fields) for kind, fields in schema.RECORDS.items()},
        "objects": {name: field_rows(fields) for name, fields in schema.OBJECTS.items()},
        "vocabularies": vocabularies(index),
        "singular": schema.KIND_SINGULAR,
    }


def plan_data_page(index: Index) -> Iterator[PagePlan]:
    yield DATA_PAGE, "data.md.j2", data_context(index)
