"""JSON Schema per record kind, generated from `records.schema` for editors' YAML tooling.

VS Code's YAML extension (and other yaml-language-server clients) reads the
`# yaml-language-server: $schema=…` line of a record and offers completion
and inline errors. The JSON Schema cannot see other files, so references are
only checked for slug shape and dates for their grammar; `validate` does the rest.
The vocabulary terms are the briefing's own (its additions in, its retired terms out).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.errors import Position, Problem, display_path
from generator.records import schema
from generator.records.vocabulary import DEFAULT, Vocabulary

SCHEMA_FOLDER = "schemas"
_DAY = r"(\d{4}(-\d{2}(-\d{2})?)?|\d{3}X|\d{2}XX)[~?%]?"
_MOMENT = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})"
_DATE = rf"^({_DAY}(/({_DAY}|\.\.))?|{_MOMENT})$"
"""The EDTF the validator reads (records/dates.py): days, months, years, decades with qualifiers and
ranges of them; or one moment, with seconds and offset."""
_SOURCE_REF = r"^[a-z0-9]+(-[a-z0-9]+)*(, \S.*)?$"
KIND_FILES = schema.KIND_SINGULAR

# yaml-language-server shows `errorMessage` instead of a bare "does not match pattern ^…$".
_DATE_MESSAGE = (
    'An EDTF date in quotes: "2024", "2024-01", "2024-01-24", "199X" (a decade), or a moment with seconds and its '
    'UTC offset "2024-01-24T00:15:00+03:00"; "~" after it for approximate, "?" for uncertain; '
    '"2024-01/2024-03" for a range, "2023-10-17/.." for one still going on.'
)
_SLUG_MESSAGE = "A lowercase slug: letters, digits and single hyphens, e.g. 'harbour-patrol-2024'."
_REF_MESSAGE = "An id: a lowercase slug such as 'harbour-patrol-2024'; a source's may add a locator: 'report-a, p. 4'."
_URL_MESSAGE = "A full http:// or https:// address."


def field_schema(ftype: schema.FieldType, vocabulary: Vocabulary = DEFAULT) -> dict[str, Any]:
    if isinstance(ftype, schema.Text):
        # A bare year or number is accepted as text, as validate does.
        return {"type": ["string", "integer"], "minLength": 1}
    if isinstance(ftype, schema.Integer):
        return {"type": "integer", "minimum": ftype.minimum}
    if isinstance(ftype, schema.Number):
        bounds = {"minimum": ftype.minimum} | ({"maximum": ftype.maximum} if ftype.maximum is not None else {})
        return {"type": "number", **bounds}
    if isinstance(ftype, schema.Flag):
        return {"type": "boolean"}
    if isinstance(ftype, schema.Date):
        return {"type": ["string", "integer"], "pattern": _DATE, "errorMessage": _DATE_MESSAGE}
    if isinstance(ftype, schema.Url):
        return {"type": "string", "pattern": r"^https?://[^\s/]+\S*$", "errorMessage": _URL_MESSAGE}
    if isinstance(ftype, schema.Slug):
        return {"type": "string", "pattern": schema.SLUG_PATTERN, "errorMessage": _SLUG_MESSAGE}
    if isinstance(ftype, schema.Ref):
        pattern = _SOURCE_REF if "sources" in ftype.kinds else schema.SLUG_PATTERN
        return {"type": "string", "pattern": pattern, "errorMessage": _REF_MESSAGE}
    if isinstance(ftype, schema.Choice):
        terms = vocabulary.of(ftype.vocabulary)
        # Each term's meaning beside it in the editor's completion list.
        return {"enum": list(terms), "markdownEnumDescriptions": [term.definition for term in terms.values()]}
    if isinstance(ftype, schema.ListOf):
        return {"type": "array", "items": field_schema(ftype.item, vocabulary), "minItems": ftype.min_items}
    if isinstance(ftype, schema.Settings):
        return {"type": "object"}
    return {"$ref": f"#/$defs/{ftype.name}"}


def object_schema(fields: tuple[schema.Field, ...], vocabulary: Vocabulary = DEFAULT) -> dict[str, Any]:
    properties = {}
    for field in fields:
        prop = {**field_schema(field.type, vocabulary), "description": field.doc}
        if field.default is not None:
            prop["default"] = field.default == "true" if isinstance(field.type, schema.Flag) else field.default
        properties[field.name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def record_schema(kind: str, vocabulary: Vocabulary = DEFAULT) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Briefing {KIND_FILES[kind]} record",
        **object_schema(schema.RECORDS[kind], vocabulary),
        "$defs": {name: object_schema(fields, vocabulary) for name, fields in schema.OBJECTS.items()},
    }


def schema_files(vocabulary: Vocabulary = DEFAULT) -> dict[str, str]:
    """{relative path: JSON text} for every record kind, stable byte for byte."""
    return {
        f"{SCHEMA_FOLDER}/{KIND_FILES[kind]}.schema.json": json.dumps(
            record_schema(kind, vocabulary), indent=2, ensure_ascii=False
        )
        + "\n"
        for kind in schema.RECORDS
    }


def stale_schemas(folder: Path, vocabulary: Vocabulary) -> list[Problem]:
    """A warning when the schemas beside the content are not what `json-schema` would write for its vocabulary.

    An editor who adds a term gets it accepted by validate at once, but their editor keeps
    underlining it until the schemas are rewritten; a briefing without schemas/ is left alone.
    """
    if not (folder / SCHEMA_FOLDER).is_dir():
        return []
    stale = [
        relative
        for relative, text in schema_files(vocabulary).items()
        if not (folder / relative).is_file() or (folder / relative).read_text(encoding="utf-8") != text
    ]
    if not stale:
        return []
    where = Position.whole(display_path(folder / SCHEMA_FOLDER))
    names = ", ".join(Path(relative).name for relative in stale)
    message = f"the editors' schemas are out of date with the briefing's vocabulary: {names}"
    return [Problem(where, "warning", message, "run: python -m generator json-schema")]
