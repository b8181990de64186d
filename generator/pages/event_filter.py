"""Find events: every event on one list (split by period past PAGE_ROWS rows), and the compact index its filters use.

Without JavaScript a reader gets the whole list (and the per-type and per-tag pages). With it,
assets/event-filter.js reads `events.json` beside the first part and filters by actor, type, place,
campaign, tag and date range. The index is short on purpose (it is what a reader downloads): each
event is a row of its id, title, shown date, first and last day it may mean, and positions in the
index's lists of types, actors, places, campaigns and tags.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator, Sequence
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


def first_day(point: DatePoint) -> str:
    return f"{point.year:04d}-{point.month or 1:02d}-{point.day or 1:02d}"


def last_day(point: DatePoint) -> str:
    year = point.year + point.span_years - 1 if point.month is None else point.year
    month = point.month or 12
    day = point.day or calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _positions(values: dict[str, int], keys: Sequence[str]) -> list[int]:
    return sorted({values[k] for k in keys if k in values})


def event_index(page: PageContext, events: Sequence[Event]) -> dict[str, Any]:
    """The filters' index: names listed once each, events as rows of positions into those lists."""
    vocabulary = page.index.corpus.vocabulary
    by_id = page.index.by_id
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
    rows = []
    for event in events:
        end = event.date.end or event.date.start
        rows.append(
            [
                event.id,
                event.title,
                event.date.display(),
                first_day(event.date.start),
                "9999-12-31" if event.date.ongoing else last_day(end),
                type_at[event.type],
                _positions(position["actors"], [p.actor for p in event.participants]),
                _positions(position["places"], [p.place for p in event.places]),
                _positions(position["campaigns"], event.campaigns),
                _positions(position["tags"], event.tags),
            ]
        )
    names = {kind: [by_id[k].display_name for k in keys] for kind, keys in lists.items() if kind != "tags"}
    return {
        "types": [vocabulary.label(t, "event-type") for t in types],
        **names,
        "tags": lists["tags"],
        "events": rows,
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
        '<button type="reset" class="md-button">Clear</button></form>\n'
        '<p class="briefing-finder-count" role="status" aria-live="polite"></p>\n'
        '<div class="briefing-finder-results"></div>'
    )
