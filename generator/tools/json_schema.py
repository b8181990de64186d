"""JSON Schema per record kind, generated from `records.schema` for editors' YAML tooling.

VS Code's YAML extension (and other yaml-language-server clients) reads the
`# yaml-language-server: $schema=…` line of a record and offers completion
and inline errors. The JSON Schema cannot see other files, so references are
only checked for slug shape and dates for their grammar; `validate` does the rest.
"""

from __future__ import annotations

import json
from typing import Any

from generator.records import schema

SCHEMA_FOLDER = "schemas"
_POINT = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?)?)?"
_DATE = rf"^~?{_POINT}(/{_POINT})?$"
KIND_FILES = schema.KIND_SINGULAR


# yaml-language-server shows `errorMessage` instead of a bare "does not match pattern ^…$".
_DATE_MESSAGE = (
    'A date in quotes: "2024", "2024-01", "2024-01-24" or "2024-01-24T00:15+03:00" (a time needs its UTC offset); '
    '"~" in front for approximate, "start/end" for a range.'
)
_SLUG_MESSAGE = "A lowercase slug: letters, digits and single hyphens, e.g. 'harbour-patrol-2024'."
_URL_MESSAGE = "A full http:// or https:// address."


def field_schema(ftype: schema.FieldType) -> dict[str, Any]:
    if isinstance(ftype, schema.Text):
        # A bare year or number is accepted as text, as validate does.
        return {"type": ["string", "integer"], "minLength": 1}
    if isinstance(ftype, schema.Integer):
        return {"type": "integer", "minimum": ftype.minimum}
    if isinstance(ftype, schema.Number):
        return {"type": "number", "minimum": ftype.minimum, "maximum": ftype.maximum}
    if isinstance(ftype, schema.Date):
        return {"type": ["string", "integer"], "pattern": _DATE, "errorMessage": _DATE_MESSAGE}
    if isinstance(ftype, schema.Url):
        return {"type": "string", "pattern": r"^https?://[^\s/]+\S*$", "errorMessage": _URL_MESSAGE}
    if isinstance(ftype, (schema.Slug, schema.Ref)):
        return {"type": "string", "pattern": schema.SLUG_PATTERN, "errorMessage": _SLUG_MESSAGE}
    if isinstance(ftype, schema.Choice):
        terms = schema.VOCABULARIES[ftype.vocabulary]
        # Each term's meaning beside it in the editor's completion list.
        return {"enum": list(terms), "markdownEnumDescriptions": list(terms.values())}
    if isinstance(ftype, schema.ListOf):
        return {"type": "array", "items": field_schema(ftype.item), "minItems": ftype.min_items}
    return {"$ref": f"#/$defs/{ftype.name}"}


def object_schema(fields: tuple[schema.Field, ...]) -> dict[str, Any]:
    properties = {}
    for field in fields:
        prop = {**field_schema(field.type), "description": field.doc}
        if field.default is not None:
            prop["default"] = field.default
        properties[field.name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def record_schema(kind: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Briefing {KIND_FILES[kind]} record",
        **object_schema(schema.RECORDS[kind]),
        "$defs": {name: object_schema(fields) for name, fields in schema.OBJECTS.items()},
    }


def schema_files() -> dict[str, str]:
    """{relative path: JSON text} for every record kind, stable byte for byte."""
    return {
        f"{SCHEMA_FOLDER}/{KIND_FILES[kind]}.schema.json": json.dumps(record_schema(kind), indent=2, ensure_ascii=False)
        + "\n"
        for kind in schema.RECORDS
    }
