"""Cross-references resolved once every record is known.

Everything here is built in one pass over the records and their reference
uses with dictionaries, so cost grows with N log N (the sorts), never N².
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from generator.errors import Problem
from generator.records.convert import RefUse
from generator.records.history import Revision
from generator.records.model import Actor, Campaign, Corpus, Event, Place, Record, Source, Statement
from generator.records.relations import relation_problems
from generator.records.schema import KIND_SINGULAR
from generator.records.settings import SiteSettings
from generator.records.suggest import Suggester
from generator.records.suggest import hint as did_you_mean
from generator.records.validate import Validated

KIND_OF_CLASS: dict[type, str] = {
    Event: "events",
    Actor: "actors",
    Place: "places",
    Source: "sources",
    Campaign: "campaigns",
}


class ActorEvent(NamedTuple):
    """An event on an actor's chronology and what the actor did in it."""

    event: Event
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Index:
    corpus: Corpus
    by_id: dict[str, Record]
    kind_of: dict[str, str]
    chronology: tuple[Event, ...]
    backlinks: dict[str, tuple[str, ...]]
    actor_events: dict[str, tuple[ActorEvent, ...]]
    actor_statements: dict[str, tuple[tuple[Event, Statement], ...]]
    affiliations_in: dict[str, tuple[tuple[Actor, int], ...]]
    place_events: dict[str, tuple[Event, ...]]
    places_within: dict[str, tuple[Place, ...]]
    campaign_events: dict[str, tuple[Event, ...]]
    relations_in: dict[str, tuple[tuple[Event, int], ...]]
    site: SiteSettings = field(default_factory=SiteSettings)
    """mkdocs.yml's title, description, language and nav (defaults when there is none)."""
    revisions: dict[str, Revision] = field(default_factory=dict)
    """By record id, the days its file was first and last committed (records.history); empty without git."""
    built: date | None = None
    """The build's date: SOURCE_DATE_EPOCH's, else the content folder's last commit's; never the clock's."""

    def kind(self, record_id: str) -> str:
        return self.kind_of[record_id]


def build_index(validated: Validated) -> tuple[Index, list[Problem]]:
    corpus = validated.corpus
    by_id: dict[str, Record] = {r.id: r for r in corpus.records()}
    kind_of = {record_id: KIND_OF_CLASS[type(record)] for record_id, record in by_id.items()}
    problems = _check_refs(validated.refs, kind_of, validated.broken_ids, validated.content)
    problems += _check_place_cycles(corpus.places) + relation_problems(corpus.events, validated.refs)
    problems += _check_relation_pairs(corpus.events, validated.refs)
    chronology = tuple(sorted(corpus.events, key=event_sort_key))
    index = Index(
        corpus=corpus,
        by_id=by_id,
        kind_of=kind_of,
        chronology=chronology,
        backlinks=_backlinks(validated.refs, by_id),
        actor_events=_actor_events(chronology),
        actor_statements=_actor_statements(chronology),
        affiliations_in=_affiliations_in(corpus.actors),
        place_events=_group(chronology, lambda e: {p.place for p in e.places}),
        places_within=_places_within(corpus.places),
        campaign_events=_group(chronology, lambda e: set(e.campaigns)),
        relations_in=_relations_in(chronology),
    )
    return index, problems


def event_sort_key(event: Event) -> tuple[tuple[int, int, int], str]:
    return (event.date.sort_key, event.id)


def _check_refs(refs: Iterable[RefUse], kind_of: dict[str, str], broken: frozenset[str], content: str) -> list[Problem]:
    """Every reference must name an existing record of an allowed kind (tens of thousands: keep it lean)."""
    problems = []
    suggesters: dict[tuple[str, ...], Suggester] = {}
    for ref in refs:
        kind = kind_of.get(ref.target)
        if kind is not None and kind in ref.kinds and (ref.target != ref.owner or ref.field.startswith(_SELF_ALLOWED)):
            continue
        if ref.target not in broken:  # a broken record has its own errors; do not pile on
            if ref.kinds not in suggesters:
                suggesters[ref.kinds] = Suggester(i for i, k in kind_of.items() if k in ref.kinds)
            problems.append(_ref_problem(ref, kind, suggesters[ref.kinds], content))
    return problems


_SELF_ALLOWED = ("summary", "profile", "description", "described_as", "identifiers")
"""Fields where a record may name itself: its prose, how it describes itself, a source vouching for its own id."""


def _ref_problem(ref: RefUse, kind: str | None, suggester: Suggester, content: str) -> Problem:
    noun = " or ".join(KIND_SINGULAR[k] for k in ref.kinds) if len(ref.kinds) < 5 else "record"
    if kind is None:
        create = f"create {content}/{ref.kinds[0]}/{ref.target}.yml" if len(ref.kinds) == 1 else "check the id"
        hint = did_you_mean(ref.target, suggester) or create
        return Problem(ref.position, "error", f"unknown {noun} '{ref.target}' in {ref.field}", hint)
    if kind not in ref.kinds:
        wanted = f"{_article(noun)} {noun}"
        return Problem(
            ref.position,
            "error",
            f"'{ref.target}' is {_article(KIND_SINGULAR[kind])} {KIND_SINGULAR[kind]}, not {wanted}, in {ref.field}",
            f"use the id of {wanted}",
        )
    return Problem(ref.position, "error", f"record refers to itself in {ref.field}", "point it at another record")


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _check_place_cycles(places: tuple[Place, ...]) -> list[Problem]:
    parent = {p.id: p.located_in for p in places}
    problems = []
    for place in places:
        seen = {place.id}
        current = parent.get(place.id)
        while current is not None and current not in seen:
            seen.add(current)
            current = parent.get(current)
        if current == place.id:
            problems.append(
                Problem(
                    place.position,
                    "error",
                    f"'located_in' of '{place.id}' loops back to itself",
                    "a place cannot lie within itself",
                )
            )
    return problems


DIRECTED = frozenset({"in-response-to", "led-to"})
"""Relations that point one way: the same one written on both events is a contradiction, not a repeat."""


def _check_relation_pairs(events: tuple[Event, ...], refs: Iterable[RefUse]) -> list[Problem]:
    """A link between two events written on both records: every card already shows it from both sides.

    Two copies drift apart (a source added to one only); the later record in
    file order is told to drop its copy. The same one-way relation both ways
    ("each in response to the other") is left to the relations' own check.
    """
    written = {(e.id, r.event): r.relation for e in events for r in e.relations}
    at = {(ref.owner, ref.target): ref.position for ref in refs if ref.field.startswith("relations[")}
    problems = []
    for (owner, target), relation in sorted(written.items()):
        back = written.get((target, owner))
        if back is None or owner < target or (relation == back and relation in DIRECTED):
            continue
        problems.append(
            Problem(
                at[owner, target],
                "warning",
                f"'{target}' already links to this event ({back} at {at[target, owner]}); each card shows it anyway",
                "keep it on one of the two records, with all its sources",
            )
        )
    return problems


def _backlinks(refs: Iterable[RefUse], by_id: dict[str, Record]) -> dict[str, tuple[str, ...]]:
    # Collect first and filter once per target: the refs outnumber the targets
    # by more than ten to one.
    found: dict[str, set[str]] = defaultdict(set)
    for ref in refs:
        found[ref.target].add(ref.owner)
    backlinks = {}
    for target, owners in found.items():
        if target in by_id:
            owners.discard(target)
            if kept := sorted(owner for owner in owners if owner in by_id):
                backlinks[target] = tuple(kept)
    return backlinks


def _actor_events(chronology: tuple[Event, ...]) -> dict[str, tuple[ActorEvent, ...]]:
    found: dict[str, list[ActorEvent]] = defaultdict(list)
    for event in chronology:
        roles: dict[str, list[str]] = {}  # this event's actors, first mention first
        for actor, role in _roles_in(event):
            said = roles.setdefault(actor, [])
            if role not in said:
                said.append(role)
        for actor, said in roles.items():
            found[actor].append(ActorEvent(event, tuple(said)))
    return {actor: tuple(events) for actor, events in found.items()}


def _roles_in(event: Event) -> Iterator[tuple[str, str]]:
    for participant in event.participants:
        yield participant.actor, participant.role
    for statement in event.statements:
        yield statement.speaker, "quoted"
    for claim in event.claims:
        if claim.claimed_by:
            yield claim.claimed_by, "gave figures"


def _actor_statements(chronology: tuple[Event, ...]) -> dict[str, tuple[tuple[Event, Statement], ...]]:
    found: dict[str, list[tuple[Event, Statement]]] = defaultdict(list)
    for event in chronology:
        for statement in event.statements:
            found[statement.speaker].append((event, statement))
    return {k: tuple(v) for k, v in found.items()}


def _affiliations_in(actors: tuple[Actor, ...]) -> dict[str, tuple[tuple[Actor, int], ...]]:
    """For each actor, the (other actor, affiliation index) pairs pointing at it."""
    found: dict[str, list[tuple[Actor, int]]] = defaultdict(list)
    for actor in actors:
        for i, affiliation in enumerate(actor.affiliations):
            found[affiliation.actor].append((actor, i))
    return {k: tuple(v) for k, v in found.items()}


def _places_within(places: tuple[Place, ...]) -> dict[str, tuple[Place, ...]]:
    found: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.located_in:
            found[place.located_in].append(place)
    return {k: tuple(sorted(v, key=lambda p: p.name)) for k, v in found.items()}


def _relations_in(chronology: tuple[Event, ...]) -> dict[str, tuple[tuple[Event, int], ...]]:
    found: dict[str, list[tuple[Event, int]]] = defaultdict(list)
    for event in chronology:
        for i, relation in enumerate(event.relations):
            found[relation.event].append((event, i))
    return {k: tuple(v) for k, v in found.items()}


def _group(chronology: tuple[Event, ...], keys_of: Callable[[Event], set[str]]) -> dict[str, tuple[Event, ...]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in chronology:
        for key in sorted(keys_of(event)):
            found[key].append(event)
    return {k: tuple(v) for k, v in found.items()}
