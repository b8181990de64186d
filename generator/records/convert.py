"""Raw values to typed ones, field by field as `schema` declares them, collecting every problem.

A `Converter` walks one record's mapping by its field table: types, vocabulary
terms, dates, URLs, slugs and narrative markup are checked here, each problem
at the value's position. References to other records are only *collected* as
`RefUse`s; `index` resolves them once every record is known.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from generator.errors import Position, Problem
from generator.records import model, schema
from generator.records.dates import DateError, parse_date
from generator.records.markup import parse_narrative, split_citation
from generator.records.names import SLUG, slugify, url_problem
from generator.records.suggest import suggest
from generator.records.vocabulary import DEFAULT, Vocabulary
from generator.records.yaml_positions import YList, YMap

DATE_HINT = (
    "write it in EDTF: 2024, 2024-01, 2024-01-24, 199X, or 2024-01-24T00:15:00+03:00; "
    "~ after it for approximate, ? for uncertain; 2024-01/2024-03 for a range, 2023-10-17/.. for one going on"
)
INVALID = object()
"""What a conversion returns after reporting its problem: the record is not built."""

OBJECT_CLASSES: dict[str, type] = {
    "name": model.Name,
    "affiliation": model.Affiliation,
    "held-position": model.HeldPosition,
    "coordinates": model.Coordinates,
    "identifier": model.Identifier,
    "description": model.Description,
    "place-ref": model.PlaceRef,
    "participant": model.Participant,
    "claim": model.Claim,
    "statement": model.Statement,
    "relation": model.Relation,
    "date-report": model.DateReport,
}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true/false",
    YMap: "a mapping",
    YList: "a list",
    type(None): "nothing",
}


@dataclass(frozen=True)
class RefUse:
    """One reference from a record to another, for `index` to resolve."""

    owner: str
    target: str
    kinds: tuple[str, ...]
    field: str
    position: Position


def describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Converter:
    """Converts records one after another; `problems` and `refs` gather what every record gave."""

    def __init__(self, vocabulary: Vocabulary = DEFAULT) -> None:
        self.vocabulary = vocabulary
        """The briefing's terms, which `Choice` fields must be among."""
        self.problems: list[Problem] = []
        self.refs: list[RefUse] = []
        self.owner = ""
        """The id of the record being converted: the owner of the references it makes."""

    def error(self, where: Position, message: str, hint: str = "") -> None:
        self.problems.append(Problem(where, "error", message, hint))

    def fields(self, data: YMap, fields: tuple[schema.Field, ...], path: str) -> dict[str, Any] | None:
        """Convert a mapping by its field table; None if any field failed."""
        known = {f.name for f in fields}
        ok = True
        for key in data:
            if key not in known:
                hint = suggest(key, known) or f"known fields: {', '.join(sorted(known))}"
                self.error(data.key_positions[key], f"unknown field '{_join(path, key)}'", hint)
                ok = False
        values: dict[str, Any] = {}
        for spec in fields:
            value = self.field(data, spec, path)
            ok = ok and value is not INVALID
            values[spec.name.replace("-", "_")] = value
        if ok and values.get("time_approximate"):
            ok = self.approximate_time(values, data, path)
        return values if ok else None

    def approximate_time(self, values: dict[str, Any], data: YMap, path: str) -> bool:
        """Carry `time_approximate` into the date it qualifies, which then reads 'about 18:30'."""
        date = values["date"]
        if date.start.minute is None:
            self.error(
                data.value_positions["time_approximate"],
                f"'{_join(path, 'time_approximate')}' is for a date with a time, not '{date.text}'",
                "remove it, or write the day with '~' after it if the day is approximate",
            )
            return False
        values["date"] = replace(date, time_approximate=True)
        return True

    def field(self, data: YMap, spec: schema.Field, path: str) -> Any:
        name = _join(path, spec.name)
        value = data.get(spec.name)
        if spec.required and spec.name in data and (value is None or (isinstance(value, str) and not value.strip())):
            # Written but left empty, as `new` writes it: point at it, and never suggest removing it.
            where = data.key_positions[spec.name] if value is None else data.value_positions[spec.name]
            self.error(where, f"'{name}' is empty", "fill it in: it is required")
            return INVALID
        if value is None:
            if spec.required:
                self.error(data.position, f"missing required field '{name}'", f"add '{spec.name}: …'")
                return INVALID
            if isinstance(spec.type, schema.Flag):
                return spec.default == "true"
            return () if isinstance(spec.type, schema.ListOf) else spec.default
        return self.convert(data[spec.name], spec.type, data.value_positions[spec.name], name)

    def convert(self, value: Any, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.Settings):
            return value  # read, with its positions, by its own module
        if isinstance(ftype, schema.ListOf):
            return self.list_of(value, ftype, where, name)
        if isinstance(ftype, schema.Object):
            if not isinstance(value, YMap):
                return self.wrong(where, name, "a mapping of field: value", value)
            values = self.fields(value, schema.OBJECTS[ftype.name], name)
            return INVALID if values is None else OBJECT_CLASSES[ftype.name](**values)
        return self.scalar(value, ftype, where, name)

    def list_of(self, value: Any, ftype: schema.ListOf, where: Position, name: str) -> Any:
        if not isinstance(value, YList):
            return self.wrong(where, name, "a list", value)
        if len(value) < ftype.min_items:
            self.error(where, f"'{name}' needs at least {ftype.min_items} item", "add one")
            return INVALID
        items = [
            self.convert(v, ftype.item, p, f"{name}[{i}]")
            for i, (v, p) in enumerate(zip(value, value.item_positions, strict=True))
        ]
        return INVALID if any(i is INVALID for i in items) else tuple(items)

    def wrong(self, where: Position, name: str, expected: str, value: Any) -> Any:
        self.error(
            where,
            f"'{name}' must be {expected}, not {describe(value)}",
            "put text in quotes" if expected == "text" else "",
        )
        return INVALID

    def scalar(self, value: Any, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.Integer):
            if not isinstance(value, int) or isinstance(value, bool):
                return self.wrong(where, name, "a whole number", value)
            if value < ftype.minimum:
                self.error(where, f"'{name}' must be at least {ftype.minimum}, not {value}")
                return INVALID
            return value
        if isinstance(ftype, schema.Number):
            return self.number(value, ftype, where, name)
        if isinstance(ftype, schema.Flag):
            return value if isinstance(value, bool) else self.wrong(where, name, "true or false", value)
        text = self.text(value, where, name)
        if text is INVALID:
            return INVALID
        return self.typed_text(text, ftype, where, name)

    def number(self, value: Any, ftype: schema.Number, where: Position, name: str) -> Any:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.wrong(where, name, "a number", value)
        if ftype.maximum is None and value < ftype.minimum:
            self.error(where, f"'{name}' must be at least {ftype.minimum:g}, not {value}")
            return INVALID
        if ftype.maximum is not None and not ftype.minimum <= value <= ftype.maximum:
            self.error(where, f"'{name}' must be between {ftype.minimum:g} and {ftype.maximum:g}, not {value}")
            return INVALID
        return value if isinstance(value, int) and ftype.maximum is None else float(value)

    def text(self, value: Any, where: Position, name: str) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # e.g. a year written without quotes
        if not isinstance(value, str):
            return self.wrong(where, name, "text", value)
        if not value.strip():
            self.error(where, f"'{name}' is empty", "fill it in or remove the field")
            return INVALID
        return value

    def typed_text(self, text: str, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.Text):
            return self.narrative(text, where, name) if ftype.markup else text.strip()
        if isinstance(ftype, schema.Date):
            try:
                return parse_date(text)
            except DateError as exc:
                self.error(where, f"invalid date in '{name}': {exc}", exc.hint or DATE_HINT)
                return INVALID
        if isinstance(ftype, schema.Url):
            return self.url(text, where, name)
        if isinstance(ftype, schema.Slug):
            if not SLUG.match(text):
                self.error(where, f"'{name}' value '{text}' is not a lowercase slug", f"write '{slugify(text)}'")
                return INVALID
            return text
        if isinstance(ftype, schema.Choice):
            return self.choice(text, ftype, where, name)
        assert isinstance(ftype, schema.Ref)
        return self.reference(text.strip(), ftype, where, name)

    def reference(self, text: str, ftype: schema.Ref, where: Position, name: str) -> Any:
        """A record's id (a source's perhaps with a locator: 'report-a, para. 3'), recorded for the index."""
        if text in ftype.also:
            return text
        target, locator = split_citation(text) if "sources" in ftype.kinds else (text, None)
        if locator is None and text != target:
            self.error(where, f"'{name}' has a comma but no locator after it: '{text}'", "write 'source-id, p. 4'")
            return INVALID
        self.refs.append(RefUse(self.owner, target, ftype.kinds, name, where))
        return text

    def choice(self, text: str, ftype: schema.Choice, where: Position, name: str) -> Any:
        terms = self.vocabulary.of(ftype.vocabulary)
        if text in terms:
            return text
        allowed = f"the terms are: {', '.join(terms)}" if terms else "the briefing defines no terms yet"
        add = f"add a term under vocabularies: {ftype.vocabulary}: add: in briefing.yml"
        hint = suggest(text, list(terms)) or f"{allowed}; or {add}"
        self.error(where, f"unknown {ftype.vocabulary} '{text}' in '{name}'", hint)
        return INVALID

    def url(self, text: str, where: Position, name: str) -> Any:
        problem = url_problem(text.strip())
        if problem is not None:
            self.error(where, f"'{name}' {problem[0]}", problem[1])
            return INVALID
        return text.strip()

    def narrative(self, text: str, where: Position, name: str) -> Any:
        narrative, issues = parse_narrative(text)
        for issue in issues:
            self.error(where, f"{issue.message} in '{name}'", issue.hint)
        for xref in narrative.xrefs():
            self.refs.append(RefUse(self.owner, xref.id, tuple(schema.RECORDS), f"{name} [[{xref.id}]]", where))
        for cite in narrative.cites():
            for citation in cite.citations:
                source, _ = split_citation(citation)
                self.refs.append(RefUse(self.owner, source, ("sources",), f"{name} [@{source}]", where))
        return INVALID if issues else narrative


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
