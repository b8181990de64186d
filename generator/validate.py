"""Raw positioned YAML → the model, collecting every problem in one pass.

Checks here are local to one record (fields, types, vocabularies, dates,
URLs, slugs). References between records are only *collected* as `RefUse`s;
index.py resolves them once every record is known.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator import model, schema
from generator.dates import DateError, parse_date
from generator.errors import Position, Problem
from generator.load import RawContent, RawRecord, YList, YMap
from generator.markup import Narrative, parse_narrative

_SLUG = re.compile(schema.SLUG_PATTERN)
_INVALID = object()

OBJECT_CLASSES: dict[str, type] = {
    "name": model.Name,
    "affiliation": model.Affiliation,
    "held-position": model.HeldPosition,
    "coordinates": model.Coordinates,
    "place-ref": model.PlaceRef,
    "participant": model.Participant,
    "claim": model.Claim,
    "statement": model.Statement,
    "relation": model.Relation,
    "date-report": model.DateReport,
}
RECORD_CLASSES: dict[str, type] = {
    "events": model.Event,
    "actors": model.Actor,
    "places": model.Place,
    "sources": model.Source,
    "campaigns": model.Campaign,
}
KIND_NAMES = {"events": "event", "actors": "actor", "places": "place", "sources": "source", "campaigns": "campaign"}
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
    """One reference from a record to another, for index.py to resolve."""

    owner: str
    target: str
    kinds: tuple[str, ...]
    field: str
    position: Position


ValidateCache = dict[tuple[str, str], tuple[RawRecord, Any, list["RefUse"], list[Problem]]]
"""Per (kind, stem): the raw record last validated and what validating it gave."""


@dataclass(frozen=True)
class Validated:
    corpus: model.Corpus
    refs: tuple[RefUse, ...]
    broken_ids: frozenset[str]
    problems: tuple[Problem, ...]


def suggest(word: str, options: list[str] | tuple[str, ...] | set[str]) -> str:
    """' (did you mean …?)'-style hint text, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "record"


def describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def validate(raw: RawContent, cache: ValidateCache | None = None) -> Validated:
    """Convert every record; return what converted plus every problem found.

    With a cache, a record whose raw object is the one validated last time
    (the load cache hands back the same object for an unchanged file) is
    not converted again.
    """
    cache = {} if cache is None else cache
    checker = _Checker()
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_CLASSES}
    first_seen: dict[str, Position] = {}
    broken: set[str] = set()
    for item in raw.records:
        record_id = checker.check_id(item, first_seen)
        record = checker.cached_record(item, record_id, cache) if record_id else None
        if record is None:
            broken.add(record_id or item.stem)
        else:
            records[item.kind].append(record)
    for gone in set(cache) - {(item.kind, item.stem) for item in raw.records}:
        del cache[gone]
    briefing = checker.briefing(raw.briefing, raw.briefing_position) if raw.briefing is not None else None
    pages = tuple(model.Page(p.name, p.text, p.position) for p in raw.pages)
    corpus = model.Corpus(
        events=tuple(sorted(records["events"], key=lambda r: r.id)),
        actors=tuple(sorted(records["actors"], key=lambda r: r.id)),
        places=tuple(sorted(records["places"], key=lambda r: r.id)),
        sources=tuple(sorted(records["sources"], key=lambda r: r.id)),
        campaigns=tuple(sorted(records["campaigns"], key=lambda r: r.id)),
        pages=pages,
        briefing=briefing,
    )
    return Validated(corpus, tuple(checker.refs), frozenset(broken), tuple(checker.problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.refs: list[RefUse] = []
        self.owner = ""

    def error(self, where: Position, message: str, hint: str = "") -> None:
        self.problems.append(Problem(where, "error", message, hint))

    def check_id(self, item: RawRecord, first_seen: dict[str, Position]) -> str | None:
        data = item.data
        value = data.get("id")
        if value is None:
            self.error(data.position, "missing required field 'id'", f"add 'id: {item.stem}' as the first line")
            return None
        where = data.value_positions["id"]
        if not isinstance(value, str) or not _SLUG.match(value):
            self.error(
                where,
                f"id '{value}' is not a lowercase slug",
                f"use lowercase letters, digits and single hyphens, e.g. '{slugify(str(value))}'",
            )
            return None
        if value != item.stem:
            self.error(
                where,
                f"id '{value}' does not match the file name '{item.stem}.yml'",
                f"rename the file to '{value}.yml' or set 'id: {item.stem}'",
            )
            return None
        if value in first_seen:
            self.error(
                where,
                f"duplicate id '{value}' (first defined at {first_seen[value]})",
                "ids are unique across events, actors, places, sources and campaigns",
            )
            return None
        first_seen[value] = where
        return value

    def cached_record(self, item: RawRecord, record_id: str, cache: ValidateCache) -> Any:
        key = (item.kind, item.stem)
        hit = cache.get(key)
        if hit is None or hit[0] is not item:
            problems, refs = len(self.problems), len(self.refs)
            record = self.record(item, record_id)
            hit = (item, record, self.refs[refs:], self.problems[problems:])
            cache[key] = hit
        else:
            self.problems.extend(hit[3])
            self.refs.extend(hit[2])
        return hit[1]

    def record(self, item: RawRecord, record_id: str) -> Any:
        self.owner = record_id
        before = len(self.problems)
        values = self.fields(item.data, schema.RECORDS[item.kind], "")
        if values is None or len(self.problems) > before:
            return None
        self.semantic_checks(item.kind, values, item.data)
        if len(self.problems) > before:
            return None
        return RECORD_CLASSES[item.kind](**values, position=item.data.position)

    def briefing(self, data: YMap, where: Position) -> model.Briefing | None:
        self.owner = "briefing"
        before = len(self.problems)
        values = self.fields(data, schema.BRIEFING, "")
        if values is None or len(self.problems) > before:
            return None
        return model.Briefing(**values)

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
            ok = ok and value is not _INVALID
            values[spec.name.replace("-", "_")] = value
        return values if ok else None

    def field(self, data: YMap, spec: schema.Field, path: str) -> Any:
        name = _join(path, spec.name)
        if spec.name not in data or data[spec.name] is None:
            if spec.required:
                self.error(data.position, f"missing required field '{name}'", f"add '{spec.name}: …'")
                return _INVALID
            return () if isinstance(spec.type, schema.ListOf) else spec.default
        return self.convert(data[spec.name], spec.type, data.value_positions[spec.name], name)

    def convert(self, value: Any, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.ListOf):
            return self.list_of(value, ftype, where, name)
        if isinstance(ftype, schema.Object):
            if not isinstance(value, YMap):
                return self.wrong(where, name, "a mapping of field: value", value)
            values = self.fields(value, schema.OBJECTS[ftype.name], name)
            return _INVALID if values is None else OBJECT_CLASSES[ftype.name](**values)
        return self.scalar(value, ftype, where, name)

    def list_of(self, value: Any, ftype: schema.ListOf, where: Position, name: str) -> Any:
        if not isinstance(value, YList):
            return self.wrong(where, name, "a list", value)
        if len(value) < ftype.min_items:
            self.error(where, f"'{name}' needs at least {ftype.min_items} item", "add one")
            return _INVALID
        items = [
            self.convert(v, ftype.item, p, f"{name}[{i}]")
            for i, (v, p) in enumerate(zip(value, value.item_positions, strict=True))
        ]
        return _INVALID if any(i is _INVALID for i in items) else tuple(items)

    def wrong(self, where: Position, name: str, expected: str, value: Any) -> Any:
        self.error(
            where,
            f"'{name}' must be {expected}, not {describe(value)}",
            "put text in quotes" if expected == "text" else "",
        )
        return _INVALID

    def scalar(self, value: Any, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.Integer):
            if not isinstance(value, int) or isinstance(value, bool):
                return self.wrong(where, name, "a whole number", value)
            if value < ftype.minimum:
                self.error(where, f"'{name}' must be at least {ftype.minimum}, not {value}")
                return _INVALID
            return value
        if isinstance(ftype, schema.Number):
            return self.number(value, ftype, where, name)
        text = self.text(value, where, name)
        if text is _INVALID:
            return _INVALID
        return self.typed_text(text, ftype, where, name)

    def number(self, value: Any, ftype: schema.Number, where: Position, name: str) -> Any:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.wrong(where, name, "a number", value)
        if not ftype.minimum <= value <= ftype.maximum:
            self.error(where, f"'{name}' must be between {ftype.minimum:g} and {ftype.maximum:g}, not {value}")
            return _INVALID
        return float(value)

    def text(self, value: Any, where: Position, name: str) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # e.g. a year written without quotes
        if not isinstance(value, str):
            return self.wrong(where, name, "text", value)
        if not value.strip():
            self.error(where, f"'{name}' is empty", "fill it in or remove the field")
            return _INVALID
        return value

    def typed_text(self, text: str, ftype: schema.FieldType, where: Position, name: str) -> Any:
        if isinstance(ftype, schema.Text):
            return self.narrative(text, where, name) if ftype.markup else text.strip()
        if isinstance(ftype, schema.Date):
            try:
                return parse_date(text)
            except DateError as exc:
                self.error(
                    where,
                    f"invalid date in '{name}': {exc}",
                    "write YYYY, YYYY-MM, YYYY-MM-DD or "
                    "YYYY-MM-DDTHH:MM+HH:MM; '~' in front for approximate, 'start/end' for a range",
                )
                return _INVALID
        if isinstance(ftype, schema.Url):
            return self.url(text, where, name)
        if isinstance(ftype, schema.Slug):
            if not _SLUG.match(text):
                self.error(where, f"'{name}' value '{text}' is not a lowercase slug", f"write '{slugify(text)}'")
                return _INVALID
            return text
        if isinstance(ftype, schema.Choice):
            return self.choice(text, ftype, where, name)
        assert isinstance(ftype, schema.Ref)
        self.refs.append(RefUse(self.owner, text, ftype.kinds, name, where))
        return text

    def choice(self, text: str, ftype: schema.Choice, where: Position, name: str) -> Any:
        terms = schema.VOCABULARIES[ftype.vocabulary]
        if text in terms:
            return text
        hint = suggest(text, list(terms)) or f"expected one of: {', '.join(terms)}"
        self.error(where, f"unknown {ftype.vocabulary} '{text}' in '{name}'", hint)
        return _INVALID

    def url(self, text: str, where: Position, name: str) -> Any:
        parts = urlsplit(text.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text.strip()):
            self.error(where, f"'{name}' must be an http(s) URL, not '{text}'", "write the full https://… address")
            return _INVALID
        return text.strip()

    def narrative(self, text: str, where: Position, name: str) -> Any:
        narrative, issues = parse_narrative(text)
        for issue in issues:
            self.error(where, f"{issue.message} in '{name}'", issue.hint)
        for xref in narrative.xrefs():
            self.refs.append(RefUse(self.owner, xref.id, tuple(RECORD_CLASSES), f"{name} [[{xref.id}]]", where))
        for cite in narrative.cites():
            for source in cite.ids:
                self.refs.append(RefUse(self.owner, source, ("sources",), f"{name} [@{source}]", where))
        return _INVALID if issues else narrative

    def semantic_checks(self, kind: str, values: dict[str, Any], data: YMap) -> None:
        """Checks across fields of one record; they only add problems."""
        for i, claim in enumerate(values.get("claims", ())):
            if claim.value_max is not None and claim.value_max < claim.value:
                where = data["claims"].item_positions[i]
                self.error(
                    where,
                    f"claims[{i}].value_max {claim.value_max} is smaller than value {claim.value}",
                    "value..value_max is a range from low to high",
                )
        if kind == "campaigns":
            _check_order(self, values["start"], values["end"], data, "end")
        for i, affiliation in enumerate(values.get("affiliations", ())):
            _check_order(
                self, affiliation.start, affiliation.end, data["affiliations"][i], "end", f"affiliations[{i}]."
            )
        if values.get("positions") and values.get("kind") != "person":
            self.error(
                data.key_positions["positions"],
                "'positions' are for people only",
                "set 'kind: person' or move the positions to the person's record",
            )


def _check_order(checker: _Checker, start: Any, end: Any, data: YMap, key: str, prefix: str = "") -> None:
    if start is None or end is None:
        return
    if end.sort_key[0] < start.sort_key[0]:
        checker.error(
            data.value_positions[key],
            f"{prefix}end {end.text} is before start {start.text}",
            "swap them or correct one",
        )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


__all__ = ["Narrative", "RefUse", "Validated", "suggest", "validate"]
