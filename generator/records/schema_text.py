"""The schema's fields and types in words, for editors (the README's reference) and readers (the Data page).

Generated from `records.schema`, the one definition, so neither is kept by hand.
"""

from __future__ import annotations

from generator.records import schema


def describe_type(ftype: schema.FieldType) -> str:
    if isinstance(ftype, schema.Text):
        return "text with [[id]] / [@source] markup" if ftype.markup else "text"
    if isinstance(ftype, schema.Integer):
        return f"whole number ≥ {ftype.minimum}"
    if isinstance(ftype, schema.Number):
        return (
            f"number {ftype.minimum:g} to {ftype.maximum:g}"
            if ftype.maximum is not None
            else f"number ≥ {ftype.minimum:g}"
        )
    if isinstance(ftype, schema.Flag):
        return "true or false"
    if isinstance(ftype, schema.Settings):
        return "see [Vocabularies](#vocabularies)"
    if isinstance(ftype, schema.Date):
        return "EDTF date"
    if isinstance(ftype, schema.Url):
        return "http(s) URL"
    if isinstance(ftype, schema.Slug):
        return "slug"
    if isinstance(ftype, schema.Ref):
        return " or ".join([*(f"{k[:-1]} id" for k in ftype.kinds), *(f"`{word}`" for word in ftype.also)])
    if isinstance(ftype, schema.Choice):
        return f"one of [{ftype.vocabulary}](#vocabulary-{ftype.vocabulary})"
    if isinstance(ftype, schema.ListOf):
        return f"list of {describe_type(ftype.item)}" + (f" (at least {ftype.min_items})" if ftype.min_items else "")
    return f"[{ftype.name}](#object-{ftype.name}) mapping"


def field_table(fields: tuple[schema.Field, ...]) -> list[str]:
    lines = ["| Field | Type | Required | Meaning |", "|---|---|---|---|"]
    for field in fields:
        required = "yes" if field.required else (f"no (default `{field.default}`)" if field.default else "no")
        lines.append(f"| `{field.name}` | {describe_type(field.type)} | {required} | {field.doc} |")
    return lines
