"""Records as plain JSON values, field by field as `records.schema` declares them.

What an editor wrote comes back out: dates as their EDTF text, narrative with its
[[id]] and [@source] markup, every field of the schema present (null or [] where the
record has none) so each export has one fixed shape. Written as YAML into a content
folder, a record's JSON validates to the same record.
"""

from __future__ import annotations

from typing import Any

from generator.records import schema
from generator.records.dates import PartialDate
from generator.records.markup import Cite, Narrative, XRef
from generator.records.model import Record

PlainRecord = dict[str, Any]


def narrative_text(narrative: Narrative) -> str:
    """Narrative as an editor writes it: plain runs, [[id|label]] and [@a; @b, p. 3]."""
    parts = []
    for segment in narrative.segments:
        if isinstance(segment, XRef):
            parts.append(f"[[{segment.id}|{segment.label}]]" if segment.label else f"[[{segment.id}]]")
        elif isinstance(segment, Cite):
            parts.append("[" + "; ".join(f"@{c}" for c in segment.citations) + "]")
        else:
            parts.append(segment)
    return "".join(parts)


def plain_record(kind: str, record: Record) -> PlainRecord:
    """One record of `kind` ('events', …) as a JSON object with every field of its schema."""
    return plain_fields(record, schema.RECORDS[kind])


def plain_fields(value: Any, fields: tuple[schema.Field, ...]) -> PlainRecord:
    return {f.name: plain_value(getattr(value, f.name), f.type) for f in fields}


def plain_value(value: Any, ftype: schema.FieldType) -> Any:
    """A typed value as JSON: None stays null, tuples become lists, nested objects mappings."""
    if value is None:
        return None
    if isinstance(ftype, schema.ListOf):
        return [plain_value(item, ftype.item) for item in value]
    if isinstance(ftype, schema.Object):
        return plain_fields(value, schema.OBJECTS[ftype.name])
    if isinstance(value, PartialDate):
        return value.text
    if isinstance(value, Narrative):
        return narrative_text(value)
    return value
