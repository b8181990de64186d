"""Find events: every event on one list (split by period past PAGE_ROWS rows), and the compact index its filters use.

Without JavaScript a reader gets the whole list (and the per-type and per-tag pages). With it,
assets/event-filter.js reads `events.json` beside the first part and filters by actor, type, place,
campaign, tag and date range. The index is short on purpose (it is what a reader downloads): for each
event its id, title, first and last day it may mean (to the day: the card has the time), and
positions in the index's lists of types, actors, places, campaigns and tags.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup

from generator.pages.context import PageContext
from generator.pages.listings import paginate
from generator.pages.record_pages import PagePlan
from generator.pages.svg import site_href
from generator.records.dates import DatePoint
from generator.records.index import Index
from generator.records.model import Event

BASE = "all-events"
INDEX = f"{BASE}/events.json"
INTRO = (
    "Every event in the briefing, in date order. With JavaScript on, the filters narrow the list by actor, "
    "type, place, campaign, tag and date; without it, the whole list is here and the event type and tag "
    "pages list each group."
)


def plan_event_finder(index: Index) -> Iterator[PagePlan]:
    events = list(index.chronology)
    for path, _, context in paginate(BASE, "Find events", INTRO, events):
        yield path, "event_finder.md.j2", {**context, "total": len(events)}
    yield INDEX, "event_index.json.j2", {"events": index.chronology}


EPOCH = date(1970, 1, 1).toordinal()
ONGOING = date(9999, 12, 31)


def first_day(point: DatePoint) -> date:
    return date(point.year, point.month or 1, point.day or 1)


def last_day(point: DatePoint) -> date:
    year = point.year + point.span_years - 1 if point.month is None else point.year
    month = point.month or 12
    return date(year, month, point.day or calendar.monthrange(year, month)[1])


def _positions(values: dict[str, int], keys: Sequence[str]) -> list[int]:
    return sorted({values[k] for k in keys if k in values})


def _named(page: PageContext, record_id: str) -> str:
    """A record's name, noted as used by the page so that renaming the record renders the index again."""
    record = page.used[record_id] = page.index.by_id[record_id]
    return record.display_name


def event_index(page: PageContext, events: Sequence[Event]) -> dict[str, Any]:
    """The filters' index, by column: each name listed once, events as positions into those lists.

    A column of like values compresses far better than rows of mixed ones, and first days are
    written as the days since the previous event's (the events are in date order, so mostly small
    numbers): at 10,000 events the index is about a third of its size as rows of dates.
    """
    vocabulary = page.index.corpus.vocabulary
    type_order = list(vocabulary.of("event-type"))
    types = sorted({e.type for e in events}, key=lambda t: (type_order.index(t) if t in type_order else 99, t))
    lists: dict[str, list[str]] = {
        "actors": sorted({p.actor for e in events for p in e.participants}),
        "places": sorted({p.place for e in events for p in e.places}),
        "campaigns": sorted({c for e in events for c in e.campaigns}),
        "tags": sorted({t for e in events for t in e.tags}),
    }
    position = {kind: {key: n for n, key in enumerate(keys)} for kind, keys in lists.items()}
    type_at = {t: n for n, t in enumerate(types)}
    firsts = [first_day(e.date.start).toordinal() - EPOCH for e in events]
    lasts = [(ONGOING if e.date.ongoing else last_day(e.date.end or e.date.start)).toordinal() - EPOCH for e in events]
    names = {kind: [_named(page, k) for k in keys] for kind, keys in lists.items() if kind != "tags"}
    return {
        "types": [vocabulary.label(t, "event-type") for t in types],
        **names,
        "tags": lists["tags"],
        "id": [e.id for e in events],
        "title": [e.title for e in events],
        "day": [b - a for a, b in zip([0, *firsts], firsts, strict=False)],
        "span": [last - first for first, last in zip(firsts, lasts, strict=True)],
        "type": [type_at[e.type] for e in events],
        "actor": [_positions(position["actors"], [p.actor for p in e.participants]) for e in events],
        "place": [_positions(position["places"], [p.place for p in e.places]) for e in events],
        "campaign": [_positions(position["campaigns"], e.campaigns) for e in events],
        "tag": [_positions(position["tags"], e.tags) for e in events],
    }


def event_index_json(page: PageContext, events: Sequence[Event]) -> Markup:
    """The index as compact JSON (no spaces, non-ASCII kept: it is what a reader downloads)."""
    data = event_index(page, events)
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def finder_form(page: PageContext) -> Markup:
    """The filters, hidden until the script has read the index (without it there is nothing to filter with)."""
    fields = [("actor", "Actor"), ("type", "Type"), ("place", "Place"), ("campaign", "Campaign"), ("tag", "Tag")]
    selects = "".join(
        f'<label>{label} <select name="{name}"><option value="">Any</option></select></label>' for name, label in fields
    )
    events = site_href(page.path, "events/index.md")
    return Markup(
        f'<form class="briefing-finder" data-index="events.json" data-events="{events}" hidden>'
        f"{selects}"
        '<label>From <input type="date" name="from"></label>'
        '<label>To <input type="date" name="to"></label>'
        '<button type="reset">Clear</button></form>\n'
        '<p class="briefing-finder-count" role="status" aria-live="polite"></p>\n'
        '<div class="briefing-finder-results"></div>'
    )
