"""Find events: every event on one list (split by period past PAGE_ROWS rows), and the compact index its filters use.

Without JavaScript a reader gets the whole list (and the per-type and per-tag pages). With it,
assets/event-filter.js reads `events.json` beside the first part and filters by actor, type, place,
campaign, tag and date range.

The index is what a reader downloads before the filters work, so it is laid out to compress: one
JSON object holding a column per field (like values side by side), rows in id order (ids, and titles
that begin alike, follow one another), repeated beginnings written once, and positions as fixed-width
digits rather than JSON numbers. At 10,000 synthetic events it is 547 KB, 79 KB gzipped (the first
layout, a column per field in date order with JSON numbers, was 739 KB and 144 KB; the issue's budget
is 100 KB, and tests/test_event_filter.py keeps it). Its keys:

- `names`: for each filter, `type`, `actor`, `place`, `campaign` and `tag`, the names it offers
  (type labels, record names, tags), sorted, front-coded.
- `id`, `title`: each row's event id and title, front-coded.
- `order`: the rows in date order (the chronology's), as differences: the first event's row, then
  each next event's row minus the one before's.
- `day`: each row's first day (to the day: the card has the time), the first row's as days since
  1970-01-01, each next one's as days since the row before's (negative when earlier).
- `span`: days from each row's first day to its last (a month-precise date means its whole month;
  an ongoing event runs to 9999-12-31).
- `type`, `actor`, `place`, `campaign`, `tag`: `{"n": [how many names each row has], "at": "..."}`,
  `at` being every row's positions in that filter's `names`, row after row, each written as the
  fewest base-64 digits (`DIGITS`) that number every name of the list.

Front-coded: each string is one base-64 digit, how many UTF-16 code units (as JavaScript counts)
it shares with the string before it (at most 63), followed by the rest of it.
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
from generator.pages.svg import card_links
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


DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
"""Base-64 digits, in order of value (the script holds the same string)."""
FIELDS = ("type", "actor", "place", "campaign", "tag")


def front_coded(strings: Sequence[str]) -> list[str]:
    """Each string as one digit (how many UTF-16 units it shares with the one before, at most 63) and the rest.

    The script's strings count UTF-16 code units, and the shared part ends on a whole character so
    that its `slice` never splits a surrogate pair.
    """
    coded, before = [], ""
    for text in strings:
        shared = units = 0
        for a, b in zip(text, before, strict=False):
            width = 2 if ord(a) > 0xFFFF else 1
            if a != b or units + width >= len(DIGITS):
                break
            shared, units = shared + 1, units + width
        coded.append(DIGITS[units] + text[shared:])
        before = text
    return coded


def digits_for(names: int) -> int:
    """How many base-64 digits number every one of so many names (at least one)."""
    width = 1
    while len(DIGITS) ** width < names:
        width += 1
    return width


def in_digits(value: int, width: int) -> str:
    text = ""
    for _ in range(width):
        value, digit = divmod(value, len(DIGITS))
        text = DIGITS[digit] + text
    return text


def _column(rows: Sequence[Sequence[int]], names: int) -> dict[str, Any]:
    """A filter's positions: how many each row has, and all of them as one string of fixed-width digits."""
    width = digits_for(names)
    return {"n": [len(row) for row in rows], "at": "".join(in_digits(v, width) for row in rows for v in row)}


def _differences(values: Sequence[int]) -> list[int]:
    return [b - a for a, b in zip([0, *values], values, strict=False)]


def _named(page: PageContext, record_id: str) -> str:
    """A record's name, noted as used by the page so that renaming the record renders the index again."""
    record = page.used[record_id] = page.index.by_id[record_id]
    return record.display_name


def _filter_values(page: PageContext, event: Event) -> dict[str, list[tuple[str, str]]]:
    """(key, name shown) of what each filter can pick this event by."""
    label = page.index.corpus.vocabulary.label
    return {
        "type": [(event.type, label(event.type, "event-type"))],
        "actor": [(p.actor, _named(page, p.actor)) for p in event.participants],
        "place": [(p.place, _named(page, p.place)) for p in event.places],
        "campaign": [(c, _named(page, c)) for c in event.campaigns],
        "tag": [(t, t) for t in event.tags],
    }


def event_index(page: PageContext, events: Sequence[Event]) -> dict[str, Any]:
    """The filters' index in the layout the module's docstring describes."""
    rows = sorted(events, key=lambda e: e.id)
    values = [_filter_values(page, e) for e in rows]
    names: dict[str, list[str]] = {}
    columns: dict[str, Any] = {}
    for field in FIELDS:
        shown = {key: name for row in values for key, name in row[field]}
        ordered = sorted(shown, key=lambda key: (shown[key], key))
        position = {key: n for n, key in enumerate(ordered)}
        names[field] = [shown[key] for key in ordered]
        columns[field] = _column([sorted({position[k] for k, _ in row[field]}) for row in values], len(ordered))
    row_of = {e.id: n for n, e in enumerate(rows)}
    firsts = [first_day(e.date.start).toordinal() - EPOCH for e in rows]
    lasts = [(ONGOING if e.date.ongoing else last_day(e.date.end or e.date.start)).toordinal() - EPOCH for e in rows]
    return {
        "names": {field: front_coded(listed) for field, listed in names.items()},
        "id": front_coded([e.id for e in rows]),
        "title": front_coded([e.title for e in rows]),
        "order": _differences([row_of[e.id] for e in events]),
        "day": _differences(firsts),
        "span": [last - first for first, last in zip(firsts, lasts, strict=True)],
        **columns,
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
    cards = card_links(page.path, page.directory_urls)
    return Markup(
        f'<form class="briefing-finder" data-index="events.json" data-events="{cards.prefix}" '
        f'data-card-suffix="{cards.suffix}" hidden>'
        f"{selects}"
        '<label>From <input type="date" name="from"></label>'
        '<label>To <input type="date" name="to"></label>'
        '<button type="reset">Clear</button></form>\n'
        '<p class="briefing-finder-count" role="status" aria-live="polite"></p>\n'
        '<div class="briefing-finder-results"></div>'
    )
