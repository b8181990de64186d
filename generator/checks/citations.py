"""Citation checks on the content: what is cited, what is not, and how much.

Coverage counts two kinds of unit: structured facts (participants, claims,
statements, names, affiliations, positions, date reports) which must carry
their own sources, and narrative sentences, which count as cited when a
[@source] stands in them or right after their full stop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.errors import Problem
from generator.records.index import Index
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


def coverage(index: Index) -> Coverage:
    cited = total = 0
    uncited: list[Problem] = []
    briefing = index.corpus.briefing
    abbreviations = briefing.abbreviations if briefing else ()
    for record in index.corpus.records():
        for field, narrative in _narratives(record):
            for sentence, has_cite in sentences(narrative, abbreviations):
                total += 1
                if has_cite:
                    cited += 1
                else:
                    uncited.append(
                        Problem(
                            record.position,
                            "note",
                            f"uncited sentence in {field}: “{_excerpt(sentence)}”",
                            "add [@source] after it",
                        )
                    )
        facts = list(_facts(record))
        total += len(facts)
        cited += sum(1 for _, sources in facts if sources)
        uncited += [
            Problem(record.position, "note", f"{name} has no source", "add sources: [...]")
            for name, sources in facts
            if not sources
        ]
    return Coverage(cited, total, tuple(uncited))


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
        missing = [name for name in ("publisher", "published", "url") if not _has(source, name)]
        if missing:
            problems.append(
                Problem(
                    source.position,
                    "warning",
                    f"source '{source.id}' has no {', '.join(missing)}",
                    "fill them in if the document states them; leave them empty if it does not",
                )
            )
    for event in index.corpus.events:
        if not event.sources:
            problems.append(Problem(event.position, "error", f"event '{event.id}' cites no source", "add sources"))
    return problems


def _has(source: Source, name: str) -> bool:
    if name == "published":
        return source.published is not None or source.updated is not None
    return bool(getattr(source, name))
