"""Escalation chains: who answered whom, as a directed graph of events laid out left to right in time.

An edge runs from the earlier act to the one it brought about: "B in response to A" and "A led to B"
are both A → B. A chain is a set of events joined by such edges; a card shows its own
neighbourhood (two steps back and two forward).

The layout is this module's own rather than Graphviz's: the chains are small trees and paths whose
order is fixed by their dates, so a column per event in date order and a row per "track" (an event
continues the row of what it answered when that row is free, else takes the first row whose events
are over) draws them without overlap, needs no program outside Python, and gives byte-identical
output on every machine. Past MAX_DRAWN events a chain is listed as text only.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.records.index import Index, event_sort_key
from generator.records.model import Event

CAUSAL = {"in-response-to": "in response to {}", "led-to": "{} led to it"}
"""Relations that order two events, and how the later event's line in the text list names the earlier one."""
STEPS = 2
MAX_NEIGHBOURS = 40
"""A card draws at most this many events around its own: the nearest first."""
MAX_DRAWN = 60
UNSEARCHED = {"search": {"exclude": True}}
"""As listings.UNSEARCHED (which this module cannot import: listings comes after it): the page repeats the cards."""


@dataclass(frozen=True)
class Edge:
    cause: str
    effect: str
    relation: str
    """As the record wrote it: in-response-to (on the effect) or led-to (on the cause)."""


@dataclass(frozen=True)
class Graph:
    events: dict[str, Event]
    edges: tuple[Edge, ...]
    causes: dict[str, tuple[Edge, ...]]
    effects: dict[str, tuple[Edge, ...]]


@dataclass(frozen=True)
class Chain:
    """Events joined by causal edges, in date order; `focus` is the card's own event, if any."""

    events: tuple[Event, ...]
    edges: tuple[Edge, ...]
    focus: str | None = None


def escalation_graph(index: Index) -> Graph:
    """Every causal edge between events, once each (a pair written on both records is one edge)."""
    found: dict[tuple[str, str], Edge] = {}
    for event in index.chronology:
        for relation in event.relations:
            if relation.relation == "in-response-to":
                edge = Edge(relation.event, event.id, relation.relation)
            elif relation.relation == "led-to":
                edge = Edge(event.id, relation.event, relation.relation)
            else:
                continue
            if edge.cause != edge.effect and relation.event in index.by_id:
                found.setdefault((edge.cause, edge.effect), edge)
    edges = tuple(found[key] for key in sorted(found))
    causes: dict[str, list[Edge]] = defaultdict(list)
    effects: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        causes[edge.effect].append(edge)
        effects[edge.cause].append(edge)
    events = {e.id: e for e in index.chronology}
    return Graph(events, edges, {k: tuple(v) for k, v in causes.items()}, {k: tuple(v) for k, v in effects.items()})


def _chain(graph: Graph, ids: Iterable[str], focus: str | None = None) -> Chain:
    members = set(ids)
    events = tuple(sorted((graph.events[i] for i in members), key=event_sort_key))
    # From each member's own edges, not the whole graph's: a card's neighbourhood costs its size, not the briefing's.
    found = {e for i in members for e in graph.effects.get(i, ()) if e.effect in members}
    edges = tuple(sorted(found, key=lambda e: (e.cause, e.effect)))
    return Chain(events, edges, focus)


def neighbourhood(graph: Graph, event_id: str) -> Chain | None:
    """The event, what it answered and what answered it, STEPS each way; None when it has no causal edge."""
    if event_id not in graph.causes and event_id not in graph.effects:
        return None
    distance = {event_id: 0}
    for step_of in (graph.causes, graph.effects):
        queue = deque([(event_id, 0)])
        while queue:
            current, steps = queue.popleft()
            if steps == STEPS:
                continue
            for edge in step_of.get(current, ()):
                other = edge.cause if step_of is graph.causes else edge.effect
                if other not in distance:
                    distance[other] = steps + 1
                    queue.append((other, steps + 1))
    nearest = sorted(distance, key=lambda i: (distance[i], event_sort_key(graph.events[i])))[:MAX_NEIGHBOURS]
    return _chain(graph, nearest, event_id)


def chains(graph: Graph) -> list[Chain]:
    """Every chain of the briefing (events joined by causal edges in either direction), the earliest first."""
    seen: set[str] = set()
    found = []
    for event in graph.events.values():
        if event.id in seen or (event.id not in graph.causes and event.id not in graph.effects):
            continue
        members, stack = {event.id}, [event.id]
        while stack:
            current = stack.pop()
            for edge in (*graph.causes.get(current, ()), *graph.effects.get(current, ())):
                for other in (edge.cause, edge.effect):
                    if other not in members:
                        members.add(other)
                        stack.append(other)
        seen |= members
        found.append(_chain(graph, members))
    return sorted(found, key=lambda c: event_sort_key(c.events[0]))


@dataclass(frozen=True)
class Placed:
    event: Event
    column: int
    row: int


def columns(chain: Chain) -> list[Event]:
    """The events in date order, except that an event never comes before what it answered.

    Dates alone can disagree with the arrows: a month-precise response ('October 2023') sorts before
    the day it answered ('17 October 2023'). Kahn's topological order, taking the earliest ready event
    each time, keeps time's order wherever the relations allow it (a loop, which no real chain has,
    is broken at its earliest event).
    """
    waiting = {e.id: 0 for e in chain.events}
    for edge in chain.edges:
        waiting[edge.effect] += 1
    order: list[Event] = []
    left = list(chain.events)  # in date order
    while left:
        ready = next((e for e in left if waiting[e.id] == 0), left[0])
        left.remove(ready)
        order.append(ready)
        for edge in chain.edges:
            if edge.cause == ready.id:
                waiting[edge.effect] -= 1
    return order


def layout(chain: Chain) -> list[Placed]:
    """A column per event (see `columns`); rows so that an event continues the row of what it answered."""
    ordered = columns(chain)
    column = {e.id: n for n, e in enumerate(ordered)}
    last_effect: dict[str, int] = defaultdict(lambda: -1)
    for edge in chain.edges:
        last_effect[edge.cause] = max(last_effect[edge.cause], column[edge.effect])
    rows: list[str] = []  # the last event placed in each row
    row_of: dict[str, int] = {}
    placed = []
    for event in ordered:
        causes = sorted((e.cause for e in chain.edges if e.effect == event.id), key=lambda i: column[i])
        row = next((rows.index(c) for c in causes if c in rows), None)
        if row is None:
            # A row is free once its events' arrows are all drawn; never one holding what this event
            # answered, or the straight arrow from it would pass behind the events placed after it.
            barred = {row_of[c] for c in causes}
            free = (n for n, last in enumerate(rows) if last_effect[last] < column[event.id] and n not in barred)
            row = next(free, len(rows))
        if row == len(rows):
            rows.append(event.id)
        rows[row] = event.id
        row_of[event.id] = row
        placed.append(Placed(event, column[event.id], row))
    return placed


def plan_chains_page(index: Index) -> tuple[str, str, dict[str, Any]]:
    """The whole briefing's chains on one page (the planner's tuple: path, template, context)."""
    context = {"title": "Escalation chains", "chains": chains(escalation_graph(index)), "meta": UNSEARCHED}
    return "chains.md", "chains.md.j2", context
