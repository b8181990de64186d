"""Citation checks on the content: what is cited, what is not, and how much.

Coverage counts two kinds of unit: structured facts (participants, claims,
statements, names, affiliations, positions, date reports) which must carry
their own sources, and narrative sentences, which count as cited when a
[@source] stands in them or right after their full stop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Position, Problem
from generator.records.index import Index
from generator.records.locate import locate
from generator.records.markup import Narrative
from generator.records.model import Actor, Campaign, Event, Place, Record, Source
from generator.records.sentences import is_cited, plain, split


@dataclass(frozen=True)
class Coverage:
    cited: int
    total: int
    uncited: tuple[Problem, ...]

    @property
    def share(self) -> float:
        return self.cited / self.total if self.total else 1.0


def sentences(narrative: Narrative, abbreviations: Iterable[str] = ()) -> list[tuple[str, bool]]:
    """Split narrative into sentences, each with whether a citation supports it."""
    return [(plain(sentence), is_cited(sentence)) for sentence in split(narrative, abbreviations)]


def coverage(index: Index, read: Callable[[str], str | None] | None = None) -> Coverage:
    """Cited units of all; each uncited sentence at its line, read from its file by `read` (from disk by default)."""
    cited = total = 0
    uncited: list[Problem] = []
    briefing = index.corpus.briefing
    abbreviations = briefing.abbreviations if briefing else ()
    files = _Files(read or _read_file)
    for record in index.corpus.records():
        for field, narrative in _narratives(record):
            for sentence in split(narrative, abbreviations):
                total += 1
                if is_cited(sentence):
                    cited += 1
                    continue
                where = files.locate(record.field_positions.get(field, record.position), sentence)
                problem = f"uncited sentence in {field}: “{_excerpt(plain(sentence))}”"
                uncited.append(Problem(where, "note", problem, "add [@source] after it"))
        facts = list(_facts(record))
        total += len(facts)
        cited += sum(1 for _, sources in facts if sources)
        uncited += [
            Problem(record.position, "note", f"{name} has no source", "add sources: [...]")
            for name, sources in facts
            if not sources
        ]
    return Coverage(cited, total, tuple(uncited))


class _Files:
    """Content files read once each, to find sentences in them."""

    def __init__(self, read: Callable[[str], str | None]) -> None:
        self.read = read
        self.texts: dict[str, str | None] = {}

    def locate(self, value: Position, sentence: Narrative) -> Position:
        if value.path not in self.texts:
            self.texts[value.path] = self.read(value.path)
        text = self.texts[value.path]
        if text is None or not sentence.starts:
            return value
        return locate(text, value, sentence.text, sentence.starts[0])


def _read_file(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # gone or changed since it was loaded: the field's position will do
        return None


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _narratives(record: Record) -> Iterator[tuple[str, Narrative]]:
    main = {Event: "summary", Actor: "profile", Place: "description", Campaign: "description"}
    for kind, field in main.items():
        if isinstance(record, kind):
            yield field, getattr(record, field)


def _facts(record: Record) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(field path, its sources) for every structured fact of a record."""
    if isinstance(record, Event):
        yield from _each("participants", record.participants)
        yield from _each("claims", record.claims)
        yield from _each("statements", record.statements)
        yield from (((f"date_reports[{i}]"), (r.source,)) for i, r in enumerate(record.date_reports))
    if isinstance(record, Campaign):
        yield from _each("claims", record.claims)
    if isinstance(record, (Actor, Place)):
        yield from _each("names", record.names)
    if isinstance(record, Actor):
        yield from _each("affiliations", record.affiliations)
        yield from _each("positions", record.positions)


def _each(field: str, items: Iterable[object]) -> Iterator[tuple[str, tuple[str, ...]]]:
    for i, item in enumerate(items):
        yield f"{field}[{i}]", tuple(getattr(item, "sources", ()))


def citation_problems(index: Index) -> list[Problem]:
    """Sources nothing cites, and sources missing fields a reader would want."""
    problems = []
    for source in index.corpus.sources:
        if not index.backlinks.get(source.id):
            problems.append(
                Problem(
                    source.position,
                    "warning",
                    f"source '{source.id}' is not cited by any record",
                    "cite it with [@id] or in a sources list, or remove it",
                )
            )
        missing = [name for name in EXPECTED if not _has(source, name) and name not in source.not_stated]
        if missing:
            problems.append(
                Problem(
                    source.position,
                    "warning",
                    f"source '{source.id}' has no {', '.join(missing)}",
                    "fill them in if the document states them; if it does not, say so: "
                    f"not_stated: [{', '.join([*source.not_stated, *missing])}]",
                )
            )
    for event in index.corpus.events:
        if not event.sources:
            problems.append(Problem(event.position, "error", f"event '{event.id}' cites no source", "add sources"))
    return problems


EXPECTED = ("publisher", "published", "url")
"""What a reader wants of every source: a warning until it is given or marked as not stated in the document."""


def _has(source: Source, name: str) -> bool:
    if name == "published":
        return source.published is not None or source.updated is not None
    return bool(getattr(source, name))
