"""The timeline and the counts over time: what each mark is (pure data), then its SVG.

A timeline places each event on a time axis by what its date says and no more: a day or a minute
is a dot, a month-precise date a bar across its month, a year-only date a bar across its year,
a range a bar from its start to the end of its end's period; an approximate or uncertain date is
drawn hollow and dashed. Marks are packed into lanes so none overlaps another. Past MAX_MARKS
events, or when the marks would need more than MAX_LANES lanes, single marks would be unreadable
(and the page's SVG heavy), so the figure becomes per-month density bands: a column per month,
stacked by event type, each a link to that month in the chronology.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.records.dates import MONTHS, Precision
from generator.records.model import Event

WIDTH = 800.0
LEFT, RIGHT = 10.0, 10.0
LANE = 16.0
TOP = 8.0
MAX_MARKS = 400
MAX_LANES = 18
POINT_REACH = 5.0
"""Half the width a dot takes in its lane: two dots closer than this go to different lanes."""
MIN_SPAN = 3.0
BAR_HEIGHT = 80.0

_DAY = 24 * 60


@dataclass(frozen=True)
class Domain:
    """The stretch of time an axis shows, in minutes since 0001-01-01 UTC, from a month's start to a month's start."""

    start: int
    end: int
    left: float = LEFT
    right: float = WIDTH - RIGHT

    def x(self, minute: int) -> float:
        span = max(1, self.end - self.start)
        clamped = min(max(minute, self.start), self.end)
        return self.left + (clamped - self.start) / span * (self.right - self.left)

    @property
    def months(self) -> int:
        first, last = date.fromordinal(self.start // _DAY + 1), date.fromordinal((self.end - 1) // _DAY + 1)
        return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class Mark:
    event: Event
    x0: float
    x1: float
    lane: int
    point: bool
    approximate: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True)
class MonthCount:
    """Events starting in one month, by event type in the vocabulary's order (zero counts left out)."""

    year: int
    month: int
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def name(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"


def month_start(year: int, month: int) -> int:
    """The first minute of a month; past December 9999 (the calendar's end, where a figure's last month
    ends) months of 31 days, so that stepping month by month still moves on."""
    if year <= date.max.year:
        return (date(year, month, 1).toordinal() - 1) * _DAY
    return (date.max.toordinal() + ((year - date.max.year - 1) * 12 + month - 1) * 31) * _DAY


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def event_end(event: Event, ongoing_until: int) -> int:
    """The first minute after the event's period: its end's, or the figure's end for an ongoing range."""
    if event.date.ongoing:
        return ongoing_until
    return (event.date.end or event.date.start).end_minute()


def domain_of(events: Sequence[Event]) -> Domain:
    """From the start of the first event's month to the end of the last month any event reaches."""
    first = min(e.date.start.start_minute() for e in events)
    last = max(event_end(e, first) for e in events)
    begin = date.fromordinal(first // _DAY + 1)
    final = date.fromordinal(max(first, last - 1) // _DAY + 1)
    return Domain(month_start(begin.year, begin.month), month_start(*_next_month(final.year, final.month)))


def year_domain(year: int, left: float = LEFT) -> Domain:
    return Domain(month_start(year, 1), month_start(year + 1, 1), left)


def is_point(event: Event) -> bool:
    return event.date.precision >= Precision.DAY and not event.date.is_range


def marks(events: Sequence[Event], domain: Domain) -> list[Mark]:
    """Every event's mark, packed into the lowest lane where it overlaps nothing."""
    placed: list[Mark] = []
    lane_ends: list[float] = []
    for event in sorted(events, key=lambda e: (e.date.sort_key, e.id)):
        point = is_point(event)
        x0 = domain.x(event.date.start.start_minute())
        x1 = x0 if point else max(domain.x(event_end(event, domain.end)), x0 + MIN_SPAN)
        reach = (x0 - POINT_REACH, x1 + POINT_REACH) if point else (x0, x1)
        lane = next((n for n, end in enumerate(lane_ends) if end + 1 <= reach[0]), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(reach[1])
        lane_ends[lane] = reach[1]
        approximate = event.date.approximate or event.date.uncertain or event.time_approximate
        placed.append(Mark(event, round(x0, 1), round(x1, 1), lane, point, approximate))
    return placed


def ticks(domain: Domain) -> list[Tick]:
    """Month ticks, labelled by month on a short axis (with the year at its start and each January) and by
    year on a long one."""
    start = date.fromordinal(domain.start // _DAY + 1)
    months: list[tuple[int, int]] = []
    year, month = start.year, start.month
    while month_start(year, month) <= domain.end:
        months.append((year, month))
        year, month = _next_month(year, month)
    short = len(months) <= 19
    every = max(1, (len(months) // 12 + 11) // 12)  # label at most about twelve years
    found = []
    for year, month in months:
        major = month == 1 or (year, month) == months[0]
        if short:
            label = calendar.month_abbr[month] + (f" {year}" if major else "") if (year, month) != months[-1] else ""
        else:
            label = str(year) if month == 1 and year % every == 0 and (year, month) != months[-1] else ""
        found.append(Tick(round(domain.x(month_start(year, month)), 1), label, major))
    return found


def monthly_counts(events: Sequence[Event], types: list[str]) -> tuple[list[MonthCount], int]:
    """Events per month by type, every month from the first to the last (empty ones too),
    and how many events have no month (year-only dates), which no month can hold."""
    counted: dict[tuple[int, int], Counter[str]] = {}
    no_month = 0
    for event in events:
        start = event.date.start
        if start.month is None:
            no_month += 1
            continue
        counted.setdefault((start.year, start.month), Counter())[event.type] += 1
    if not counted:
        return [], no_month
    order = [*types, *sorted({t for c in counted.values() for t in c} - set(types))]
    found = []
    year, month = min(counted)
    while (year, month) <= max(counted):
        counts = counted.get((year, month), Counter())
        found.append(MonthCount(year, month, tuple((t, counts[t]) for t in order if counts[t])))
        year, month = _next_month(year, month)
    return found, no_month


def month_columns(counts: Sequence[MonthCount], domain: Domain) -> list[tuple[MonthCount, float, float]]:
    """Each month's column: (its counts, left x, width), a unit's gap between neighbours."""
    found = []
    for count in counts:
        x0 = domain.x(month_start(count.year, count.month))
        x1 = domain.x(month_start(*_next_month(count.year, count.month)))
        found.append((count, round(x0 + 0.5, 1), round(max(1.0, x1 - x0 - 1), 1)))
    return found


MonthTarget = Callable[[int, int], str]
"""Where a month's events are listed: (year, month) → a Markdown path with its anchor."""
