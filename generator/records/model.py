"""The validated briefing as frozen dataclasses; each record keeps its Position and its fields'.

`position` is the record's own (its first key); `field_positions` the position of each
top-level field's value, so that a check on one field points at that field.

A little long because it is one declaration per record kind and nested object, read together;
there is no logic to split off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.errors import Position
from generator.records.dates import PartialDate
from generator.records.markup import Narrative
from generator.records.vocabulary import DEFAULT, Vocabulary


@dataclass(frozen=True)
class Name:
    name: str
    kind: str
    lang: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Affiliation:
    relation: str
    actor: str
    start: PartialDate | None
    end: PartialDate | None
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class HeldPosition:
    title: str
    organisation: str | None
    start: PartialDate | None
    end: PartialDate | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Coordinates:
    lat: float
    lon: float
    precision: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Identifier:
    """The record's id in another register or dataset."""

    scheme: str
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Description:
    """A characterisation in someone's words: a source's own (`by` None) or a party's."""

    words: str
    by: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PlaceRef:
    place: str
    relation: str
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class Participant:
    actor: str
    role: str
    attribution: str
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class Claim:
    counts: str
    of: str | None
    of_actor: str | None
    value: float
    unit: str | None
    qualifier: str
    value_max: float | None
    claimed_by: str | None
    unnamed_claimant: str | None
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class Statement:
    speaker: str
    unnamed_speaker: str | None
    words: str
    language: str | None
    translation: str | None
    translated_by: str | None
    kind: str
    date: PartialDate | None
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class Relation:
    relation: str
    event: str
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class DateReport:
    date: PartialDate
    time_approximate: bool
    zone: str | None
    source: str
    reported_by: str | None
    note: Narrative | None


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: PartialDate
    time_approximate: bool
    time_zone_name: str | None
    date_reports: tuple[DateReport, ...]
    type: str
    places: tuple[PlaceRef, ...]
    participants: tuple[Participant, ...]
    summary: Narrative
    claims: tuple[Claim, ...]
    statements: tuple[Statement, ...]
    relations: tuple[Relation, ...]
    campaigns: tuple[str, ...]
    confidence: str | None
    described_as: tuple[Description, ...]
    identifiers: tuple[Identifier, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)
    field_positions: Mapping[str, Position] = field(default_factory=dict, compare=False, repr=False)
    former_ids: tuple[str, ...] = ()
    published: PartialDate | None = None
    """The day the page was first published, as the record states it (git history is read elsewhere)."""
    updated: PartialDate | None = None

    @property
    def display_name(self) -> str:
        return self.title


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    names: tuple[Name, ...]
    affiliations: tuple[Affiliation, ...]
    positions: tuple[HeldPosition, ...]
    country: str | None
    profile: Narrative
    described_as: tuple[Description, ...]
    identifiers: tuple[Identifier, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)
    field_positions: Mapping[str, Position] = field(default_factory=dict, compare=False, repr=False)
    former_ids: tuple[str, ...] = ()
    published: PartialDate | None = None
    """The day the page was first published, as the record states it (git history is read elsewhere)."""
    updated: PartialDate | None = None

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    names: tuple[Name, ...]
    located_in: str | None
    description: Narrative
    coordinates: Coordinates | None
    identifiers: tuple[Identifier, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)
    field_positions: Mapping[str, Position] = field(default_factory=dict, compare=False, repr=False)
    former_ids: tuple[str, ...] = ()
    published: PartialDate | None = None
    """The day the page was first published, as the record states it (git history is read elsewhere)."""
    updated: PartialDate | None = None

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str
    publisher: str | None
    authors: tuple[str, ...]
    published: PartialDate | None
    updated: PartialDate | None
    url: str | None
    archive_url: str | None
    language: str | None
    seed: str | None
    notes: str | None
    not_stated: tuple[str, ...]
    identifiers: tuple[Identifier, ...]
    position: Position = field(compare=False)
    field_positions: Mapping[str, Position] = field(default_factory=dict, compare=False, repr=False)
    former_ids: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.title


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    start: PartialDate
    end: PartialDate | None
    description: Narrative
    claims: tuple[Claim, ...]
    identifiers: tuple[Identifier, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)
    field_positions: Mapping[str, Position] = field(default_factory=dict, compare=False, repr=False)
    former_ids: tuple[str, ...] = ()
    published: PartialDate | None = None
    """The day the page was first published, as the record states it (git history is read elsewhere)."""
    updated: PartialDate | None = None

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Briefing:
    scope: Narrative
    abbreviations: tuple[str, ...]
    web_archives: tuple[str, ...] = ()
    version: str | None = None


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page from content/pages, carried over."""

    name: str
    text: str
    position: Position


Record = Event | Actor | Place | Source | Campaign


@dataclass(frozen=True)
class Corpus:
    """Everything validated, each tuple sorted by id."""

    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    sources: tuple[Source, ...]
    campaigns: tuple[Campaign, ...]
    pages: tuple[Page, ...]
    briefing: Briefing | None
    vocabulary: Vocabulary = DEFAULT
    """The briefing's terms: the generator's, with its additions and without those it retired."""

    def records(self) -> tuple[Record, ...]:
        return (*self.events, *self.actors, *self.places, *self.sources, *self.campaigns)
