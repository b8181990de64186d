"""Raw positioned YAML → the model, collecting every problem of every record in one pass.

Each record's id is checked first (a slug, its file's name, unique across
kinds); its fields are then converted by `convert` as `schema` declares them,
and `record_checks` compares fields within the record. References between
records are only collected here; `index` resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator.errors import Position, Problem
from generator.records import model, schema
from generator.records.convert import Converter, RefUse
from generator.records.former_ids import former_id_problems
from generator.records.load import BRIEFING_FILE, RawContent, RawPage, RawRecord
from generator.records.markup import parse_narrative, split_citation
from generator.records.names import id_problem
from generator.records.record_checks import RECORD_CHECKS
from generator.records.vocabulary import DEFAULT, Vocabulary, read_vocabulary
from generator.records.yaml_positions import YMap

RECORD_CLASSES: dict[str, type] = {
    "events": model.Event,
    "actors": model.Actor,
    "places": model.Place,
    "sources": model.Source,
    "campaigns": model.Campaign,
}

Converted = tuple[RawRecord, Any, list[RefUse], list[Problem]]
"""A raw record, what converting it gave, and the references and problems it recorded."""


@dataclass
class ValidateCache:
    """Per (kind, stem), the raw record last validated and what validating it gave, under one vocabulary."""

    records: dict[tuple[str, str], Converted] = field(default_factory=dict)
    vocabulary: Vocabulary = DEFAULT


@dataclass(frozen=True)
class Validated:
    corpus: model.Corpus
    refs: tuple[RefUse, ...]
    broken_ids: frozenset[str]
    problems: tuple[Problem, ...]
    content: str = "content"
    """The content folder as messages show it."""


def validate(raw: RawContent, cache: ValidateCache | None = None) -> Validated:
    """Convert every record; return what converted plus every problem found.

    With a cache, a record whose raw object is the one validated last time
    (the load cache hands back the same object for an unchanged file) is
    not converted again.
    """
    cache = ValidateCache() if cache is None else cache
    vocabulary_problems: list[Problem] = []
    vocabulary = read_vocabulary(raw.briefing, vocabulary_problems)
    if vocabulary != cache.vocabulary:  # a term added or retired can make any record valid or not
        cache.records, cache.vocabulary = {}, vocabulary
    converter = Converter(vocabulary)
    converter.problems.extend(vocabulary_problems)
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_CLASSES}
    first_seen: dict[str, Position] = {}
    broken: set[str] = set()
    for item in raw.records:
        record_id = _checked_id(converter, item, first_seen)
        record = _cached_record(converter, item, record_id, cache) if record_id else None
        if record is None:
            broken.add(record_id or item.stem)
        else:
            records[item.kind].append(record)
    converter.problems.extend(_duplicate_titles(raw.records))
    converter.problems.extend(former_id_problems(raw.records))
    for gone in set(cache.records) - {(item.kind, item.stem) for item in raw.records}:
        del cache.records[gone]
    briefing = _briefing(converter, raw.briefing) if raw.briefing is not None else None
    pages = tuple(_page(converter, page) for page in raw.pages)
    corpus = model.Corpus(
        events=tuple(sorted(records["events"], key=lambda r: r.id)),
        actors=tuple(sorted(records["actors"], key=lambda r: r.id)),
        places=tuple(sorted(records["places"], key=lambda r: r.id)),
        sources=tuple(sorted(records["sources"], key=lambda r: r.id)),
        campaigns=tuple(sorted(records["campaigns"], key=lambda r: r.id)),
        pages=pages,
        briefing=briefing,
        vocabulary=vocabulary,
    )
    return Validated(corpus, tuple(converter.refs), frozenset(broken), tuple(converter.problems), raw.root)


def _duplicate_titles(items: Iterable[RawRecord]) -> Iterator[Problem]:
    """Two records of a kind with one title: their pages, tabs and search results look the same to a reader.

    Different kinds may share a name (a country and its government); their pages sit in different sections.
    """
    first_seen: dict[tuple[str, str], tuple[str, Position]] = {}
    for item in items:
        key = "title" if item.kind in ("events", "sources") else "name"  # actors, places, campaigns
        title = item.data.get(key)
        if not isinstance(title, str) or not title.strip():
            continue  # the record's own problem
        where = item.data.value_positions[key]
        folded = (item.kind, " ".join(title.casefold().split()))
        if folded in first_seen:
            other, at = first_seen[folded]
            yield Problem(
                where,
                "error",
                f"{key} '{title}' is also the {key} of '{other}' ({at}): readers could not tell their pages apart",
                f"make each {key} say what sets it apart: who, what, where or when",
            )
        else:
            first_seen[folded] = (item.stem, where)


def _checked_id(report: Converter, item: RawRecord, first_seen: dict[str, Position]) -> str | None:
    data = item.data
    value = data.get("id")
    if value is None:
        report.error(data.position, "missing required field 'id'", f"add 'id: {item.stem}' as the first line")
        return None
    where = data.value_positions["id"]
    if (problem := id_problem(value, item.stem)) is not None:
        report.error(where, *problem)
        return None
    if value in first_seen:
        report.error(
            where,
            f"duplicate id '{value}' (first defined at {first_seen[value]})",
            "ids are unique across events, actors, places, sources and campaigns",
        )
        return None
    first_seen[value] = where
    return str(value)  # a slug, as id_problem found


def _cached_record(converter: Converter, item: RawRecord, record_id: str, cache: ValidateCache) -> Any:
    key = (item.kind, item.stem)
    hit = cache.records.get(key)
    if hit is None or hit[0] is not item:
        problems, refs = len(converter.problems), len(converter.refs)
        record = _record(converter, item, record_id)
        hit = (item, record, converter.refs[refs:], converter.problems[problems:])
        cache.records[key] = hit
    else:
        converter.problems.extend(hit[3])
        converter.refs.extend(hit[2])
    return hit[1]


def _record(converter: Converter, item: RawRecord, record_id: str) -> Any:
    """The record's dataclass, or None once any of its problems is reported."""
    converter.owner = record_id
    before = len(converter.problems)
    values = converter.fields(item.data, schema.RECORDS[item.kind], "")
    if values is None or len(converter.problems) > before:
        return None
    for check in RECORD_CHECKS[item.kind]:
        check(converter, values, item.data)
    if len(converter.problems) > before:
        return None
    return RECORD_CLASSES[item.kind](**values, position=item.data.position, field_positions=item.data.value_positions)


def _page(converter: Converter, page: RawPage) -> model.Page:
    """A hand-written page, its [[id]] and [@source] references checked with the records'."""
    converter.owner = page.name  # a file name such as 'about.md': never a record's id
    narrative, issues = parse_narrative(page.text)
    for issue in issues:
        converter.error(_at(page, issue.offset), issue.message, issue.hint)
    for xref in narrative.xrefs():
        where = _at(page, xref.offset)
        converter.refs.append(RefUse(page.name, xref.id, tuple(schema.RECORDS), f"[[{xref.id}]]", where))
    for cite in narrative.cites():
        for citation in cite.citations:
            source, _ = split_citation(citation)
            converter.refs.append(RefUse(page.name, source, ("sources",), f"[@{source}]", _at(page, cite.offset)))
    return model.Page(page.name, page.text, page.position)


def _at(page: RawPage, offset: int) -> Position:
    """The line and column of a character of a page's text."""
    line_start = page.text.rfind("\n", 0, offset) + 1
    return Position(page.position.path, page.text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _briefing(converter: Converter, data: YMap) -> model.Briefing | None:
    converter.owner = BRIEFING_FILE  # not a slug: no record's id can be taken for the briefing's own
    before = len(converter.problems)
    kept = YMap(data.position)  # the loaded mapping is the load cache's: read it, never change it
    for key, value in data.items():
        setting = schema.MOVED_TO_MKDOCS.get(key)
        if setting is not None:
            converter.error(
                data.key_positions[key],
                f"the briefing's {key} is mkdocs.yml's '{setting}', so the site has it in one place",
                f"move it to '{setting}:' in mkdocs.yml and remove it here",
            )
            continue
        kept[key] = value
        kept.key_positions[key], kept.value_positions[key] = data.key_positions[key], data.value_positions[key]
    values = converter.fields(kept, schema.BRIEFING, "")
    if values is not None:
        _check_hosts(converter, values["web_archives"], kept)
    if values is None or len(converter.problems) > before:
        return None
    del values["vocabularies"]  # read by records.vocabulary before any record
    return model.Briefing(**values)


_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _check_hosts(converter: Converter, hosts: tuple[str, ...], data: YMap) -> None:
    for i, host in enumerate(hosts):
        if not _HOST.match(host):
            bare = urlsplit(host if "//" in host else f"//{host}").hostname or "webarchive.example.gov"
            converter.error(
                data["web_archives"].item_positions[i],
                f"web_archives[{i}] '{host}' is not a host name",
                f"write the archive's host alone, in lower case: '{bare}'",
            )


__all__ = ["RefUse", "Validated", "validate"]
