"""Partial, approximate and ranged dates that keep their precision.

Grammar (the editor writes a string):  ``[~]POINT[/POINT]`` where POINT is
``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM±HH:MM`` (or ``Z``).
A time always carries its UTC offset, because "00:15" alone cannot be placed
among events reported in other time zones.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from functools import cached_property

MONTHS = tuple(calendar.month_name)[1:]
_POINT = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?P<offset>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
_MINUTES_A_DAY = 24 * 60
_LAST_MINUTE = date.max.toordinal() * _MINUTES_A_DAY
"""The first minute after 9999-12-31 in minutes since 0001-01-01 00:00 UTC: datetime's range."""


class Precision(IntEnum):
    """Coarser precisions sort first among events starting at the same moment."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3


PRECISION_LABELS = {
    Precision.YEAR: "year only",
    Precision.MONTH: "month only",
    Precision.DAY: "day",
    Precision.MINUTE: "exact time",
}


class DateError(ValueError):
    """A date string that cannot be read; the message says why."""


@dataclass(frozen=True)
class DatePoint:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    offset_minutes: int | None = None

    @property
    def precision(self) -> Precision:
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def start_utc(self) -> datetime:
        """The earliest moment the point can mean; local midnight taken as UTC when no offset is known."""
        return datetime(1, 1, 1, tzinfo=UTC) + timedelta(minutes=self.start_minute())

    def start_minute(self) -> int:
        """The earliest moment the point can mean, in minutes since 0001-01-01 00:00 UTC.

        Whole numbers rather than datetimes, so that no arithmetic overflows at the ends of year 1 or 9999.
        """
        days = date(self.year, self.month or 1, self.day or 1).toordinal() - 1
        return days * _MINUTES_A_DAY + (self.hour or 0) * 60 + (self.minute or 0) - (self.offset_minutes or 0)

    def end_minute(self) -> int:
        """The first minute after the period the point names: '2024-01' ends as 1 February 2024 begins."""
        if self.precision == Precision.MINUTE:
            length = 1
        elif self.precision == Precision.DAY:
            length = _MINUTES_A_DAY
        elif self.month is not None:
            length = calendar.monthrange(self.year, self.month)[1] * _MINUTES_A_DAY
        else:
            length = (366 if calendar.isleap(self.year) else 365) * _MINUTES_A_DAY
        return self.start_minute() + length

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}{format_offset(self.offset_minutes or 0, iso=True)}"
        return text

    def display_local(self) -> str:
        """'24 January 2024, 00:15', 'January 2024' or '2024': never more than is known."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.minute is not None:
            text += f", {self.hour:02d}:{self.minute:02d}"
        return text

    def display_utc(self) -> str:
        """The same moment in UTC, for points exact to the minute."""
        moment = self.start_utc()
        return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.hour:02d}:{moment.minute:02d} UTC"


@dataclass(frozen=True)
class PartialDate:
    start: DatePoint
    end: DatePoint | None = None
    approximate: bool = False
    text: str = ""

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @cached_property  # every chronology sorts by it; a kept record keeps its key between previews
    def sort_key(self) -> tuple[int, int, int]:
        """Start in UTC minutes, then coarse before fine, then shorter ranges first.

        A range lasts until its end's period is over: '2024-01-01/2024-02' ends as March begins.
        """
        return (self.start.start_minute(), int(self.precision), (self.end or self.start).end_minute())

    def display(self) -> str:
        text = self.start.display_local()
        if self.start.minute is not None:
            text += f" ({format_offset(self.start.offset_minutes or 0)})"
        if self.end is not None:
            text += f" – {self.end.display_local()}"
        return f"about {text}" if self.approximate else text

    def precision_label(self) -> str:
        label = "date range" if self.end is not None else PRECISION_LABELS[self.precision]
        return f"approximate, {label}" if self.approximate else label


def format_offset(minutes: int, iso: bool = False) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    if iso:
        return "Z" if minutes == 0 else f"{sign}{hours:02d}:{mins:02d}"
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def parse_date(text: str) -> PartialDate:
    """Read the editor's date string, or raise DateError saying what is wrong."""
    raw = text.strip()
    approximate = raw.startswith("~")
    body = raw[1:].strip() if approximate else raw
    parts = body.split("/")
    if len(parts) > 2 or not body:
        raise DateError(f"'{text}' is not a date")
    start = parse_point(parts[0])
    end = parse_point(parts[1]) if len(parts) == 2 else None
    if end is not None and end.end_minute() <= start.start_minute():
        raise DateError(f"range ends ({end.iso()}) before it starts ({start.iso()})")
    return PartialDate(start, end, approximate, raw)


def parse_point(text: str) -> DatePoint:
    match = _POINT.match(text.strip())
    if not match:
        raise DateError(
            f"'{text.strip()}' is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM"
        )
    year = int(match["year"])
    if year < 1:
        raise DateError("year 0000 does not exist")
    month = _in_range(match["month"], 1, 12, "month")
    day = _day(year, month, match["day"])
    hour = _in_range(match["hour"], 0, 23, "hour")
    minute = _in_range(match["minute"], 0, 59, "minute")
    offset = _offset(match["offset"]) if match["offset"] else None
    if minute is not None and offset is None:
        raise DateError(f"time in '{text.strip()}' has no UTC offset; add one such as +03:00 or Z")
    point = DatePoint(year, month, day, hour, minute, offset)
    if not 0 <= point.start_minute() < _LAST_MINUTE:
        raise DateError(f"'{text.strip()}' falls outside the years 0001–9999 in UTC")
    return point


def _in_range(value: str | None, low: int, high: int, name: str) -> int | None:
    if value is None:
        return None
    number = int(value)
    if not low <= number <= high:
        raise DateError(f"{name} {value} is out of range ({low:02d}–{high:02d})")
    return number


def _day(year: int, month: int | None, value: str | None) -> int | None:
    if value is None or month is None:
        return None
    days = calendar.monthrange(year, month)[1]
    day = int(value)
    if not 1 <= day <= days:
        raise DateError(f"{MONTHS[month - 1]} {year} has {days} days, not {day}")
    return day


def _offset(text: str) -> int:
    if text == "Z":
        return 0
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 14 or minutes > 59:
        raise DateError(f"UTC offset {text} is out of range (-14:00 to +14:00)")
    total = hours * 60 + minutes
    return -total if text[0] == "-" else total
