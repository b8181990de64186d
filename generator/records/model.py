"""The validated briefing as frozen dataclasses; each record keeps its Position."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import Position
from generator.records.dates import PartialDate
from generator.records.markup import Narrative


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
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PlaceRef:
    place: str
    relation: str
    sources: tuple[str, ...]


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
    value: int
    qualifier: str
    value_max: int | None
    claimed_by: str | None
    sources: tuple[str, ...]
    note: Narrative | None


@dataclass(frozen=True)
class Statement:
    speaker: str
    words: str
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
    source: str
    reported_by: str | None
    note: Narrative | None


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: PartialDate
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
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)

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
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)

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
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)

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
    position: Position = field(compare=False)

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
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    position: Position = field(compare=False)

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Briefing:
    scope: Narrative


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

    def records(self) -> tuple[Record, ...]:
        return (*self.events, *self.actors, *self.places, *self.sources, *self.campaigns)
