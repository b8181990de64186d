"""One page per record: what each incident card, profile, place, source and campaign page shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from generator.pages.card import figure_lines, headline, lead, related
from generator.pages.chains import Graph, escalation_graph, neighbourhood
from generator.pages.context import record_path
from generator.pages.csl import page_citation
from generator.records.index import Index, event_sort_key
from generator.records.model import Actor, Campaign, Event, Place, Record, Source

PagePlan = tuple[str, str, dict[str, Any]]
"""(path in the docs tree, template, the template's context)."""

AFFILIATION_INVERSE = {
    "member-of": "has member",
    "part-of": "includes",
    "backed-by": "backs",
    "commands": "commanded by",
    "leads": "led by",
    "successor-of": "succeeded by",
    "allied-with": "allied with",
    "subordinate-to": "has subordinate",
}
WIDE = {"hide": ["navigation"]}
"""Record pages use the width: they are in no section of the nav, so its sidebar would stand empty."""


def named(record: Actor | Place) -> dict[str, Any]:
    """The page's meta with every name it goes by as search tags.

    Material's search ranks a match in a page's tags far above one in its
    text or title, and shows the tags under the result: a reader who types
    any name ("KH", "Iraq") sees the record near the top, and why; briefing.js
    then puts an exact match first. Material's tags plugin, which would also
    print them as tags on the page, is refused by the settings.
    """
    return {**WIDE, "tags": list(dict.fromkeys((record.name, *(n.name for n in record.names))))}


KIND_ORDER = ("events", "campaigns", "actors", "places", "sources")
"""The order in which "referenced by" and "cited by" group records."""


def plan_record_pages(index: Index) -> Iterator[PagePlan]:
    corpus = index.corpus
    graph = escalation_graph(index)
    for event in corpus.events:
        yield (
            record_path("events", event.id),
            "event.md.j2",
            {**event_context(index, event, graph), **cited(index, event)},
        )
    for actor in corpus.actors:
        yield record_path("actors", actor.id), "actor.md.j2", {**actor_context(index, actor), **cited(index, actor)}
    for place in corpus.places:
        yield record_path("places", place.id), "place.md.j2", {**place_context(index, place), **cited(index, place)}
    for source in corpus.sources:
        yield (
            record_path("sources", source.id),
            "source.md.j2",
            {**source_context(index, source), **cited(index, source)},
        )
    for campaign in corpus.campaigns:
        context = campaign_context(index, campaign)
        yield record_path("campaigns", campaign.id), "campaign.md.j2", {**context, **cited(index, campaign)}


def cited(index: Index, record: Record) -> dict[str, Any]:
    """How to cite the page, and when it was first published and last updated (see pages.csl)."""
    return {"cite": page_citation(index, index.kind(record.id), record)}


def event_context(index: Index, event: Event, graph: Graph | None = None) -> dict[str, Any]:
    """What the card shows; `graph` is the briefing's escalation graph, made once for all cards when given."""
    briefing = index.corpus.briefing
    vocabulary = index.corpus.vocabulary
    relations = related(index, event)
    first, rest = lead(event.summary, briefing.abbreviations if briefing else ())
    return {
        "title": event.display_name,
        "meta": WIDE,
        "event": event,
        "lead": first,
        "rest": rest,
        "headline": headline(event),
        "figures": figure_lines(event, list(vocabulary.of("claim-counts"))),
        "related": relations,
        "chain": neighbourhood(graph or escalation_graph(index), event.id),
        "backlinks": backlinks(index, event.id, exclude={r.event.id for r in relations}),
    }


def actor_context(index: Index, actor: Actor) -> dict[str, Any]:
    incoming = index.affiliations_in.get(actor.id, ())
    events = index.actor_events.get(actor.id, ())
    return {
        "title": actor.display_name,
        "meta": named(actor),
        "actor": actor,
        "incoming": [(other, other.affiliations[i]) for other, i in incoming],
        "inverse": AFFILIATION_INVERSE,
        "events": events,
        "statements": index.actor_statements.get(actor.id, ()),
        "backlinks": backlinks(index, actor.id, exclude={e.event.id for e in events}),
    }


def place_context(index: Index, place: Place) -> dict[str, Any]:
    events = index.place_events.get(place.id, ())
    nested = _events_within(index, place, {e.id for e in events})
    return {
        "title": place.display_name,
        "meta": named(place),
        "place": place,
        "chain": _located_in_chain(index, place),
        "within": index.places_within.get(place.id, ()),
        "events": events,
        "nested_events": nested,
        "backlinks": backlinks(index, place.id, exclude={e.id for e in (*events, *nested)}),
    }


def _events_within(index: Index, place: Place, listed: set[str]) -> list[Event]:
    """Events at the places within this one, at any depth, in date order: a strait's page lists its anchorage's."""
    found: dict[str, Event] = {}
    stack, seen = list(index.places_within.get(place.id, ())), {place.id}
    while stack:
        inner = stack.pop()
        if inner.id in seen:
            continue  # a loop, which the index reports
        seen.add(inner.id)
        stack.extend(index.places_within.get(inner.id, ()))
        found.update((e.id, e) for e in index.place_events.get(inner.id, ()) if e.id not in listed)
    return sorted(found.values(), key=event_sort_key)


def _located_in_chain(index: Index, place: Place) -> list[str]:
    """The places `place` lies in, innermost first (a loop, reported by the index, is cut short)."""
    chain: list[str] = []
    current = place.located_in
    while current is not None and current not in chain and current in index.by_id:
        chain.append(current)
        parent = index.by_id[current]
        current = parent.located_in if isinstance(parent, Place) else None
    return chain


def source_context(index: Index, source: Source) -> dict[str, Any]:
    return {
        "title": source.display_name,
        "meta": WIDE,
        "source": source,
        "cited_by": grouped_ids(index, index.backlinks.get(source.id, ())),
    }


def campaign_context(index: Index, campaign: Campaign) -> dict[str, Any]:
    events = index.campaign_events.get(campaign.id, ())
    return {
        "title": campaign.display_name,
        "meta": WIDE,
        "campaign": campaign,
        "events": events,
        "backlinks": backlinks(index, campaign.id, exclude={e.id for e in events}),
    }


def backlinks(index: Index, record_id: str, exclude: set[str]) -> dict[str, list[str]]:
    """Records linking to `record_id`, but for those the page already lists elsewhere."""
    return grouped_ids(index, (i for i in index.backlinks.get(record_id, ()) if i not in exclude))


def grouped_ids(index: Index, ids: Iterable[str]) -> dict[str, list[str]]:
    """Record ids grouped by kind, in a fixed kind order."""
    groups: dict[str, list[str]] = defaultdict(list)
    kind_of = index.kind_of
    for record_id in ids:
        groups[kind_of[record_id]].append(record_id)
    return {kind: groups[kind] for kind in KIND_ORDER if kind in groups}
