"""Dates in EDTF (ISO 8601-2, the Library of Congress's Extended Date/Time Format), keeping their precision.

The module is long because it is the one place that reads, checks, sorts and
displays a date, and tells an editor how to write one the old way in EDTF.

The editor writes a string in the part of EDTF that says what sources say of when:

    2024  2024-01  2024-01-24          a year, a month, a day
    2024-01-24T00:15:00+03:00          a moment, with seconds and its UTC offset (or Z)
    199X  19XX                         a decade, a century
    2024-01-20~  2024-01?  2024-01%    approximate, uncertain, both (the whole date)
    2023-10-17/2024-02  2023-10-17/..  a range of days, months or years; an open end (ongoing)

A moment always carries its UTC offset, because "00:15" alone cannot be placed
among events reported in other time zones. EDTF has neither approximate times
nor ranges of times: "about 18:30" is a moment plus the record's
`time_approximate`, and a span within a day is its day. Every date accepted here
reads the same to any EDTF reader (the tests hold it to the `edtf` package).
Older briefings wrote `~2024-01-20` (to EDTF: only the year approximate) and
times without seconds; each is an error whose hint is the new form, and
`python -m generator migrate-dates` rewrites them.
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
    r"^(?P<year>\d{2}(?:XX|\dX|\d\d))(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<offset>Z|[+-]\d{2}:\d{2})?)?)?)?"
    r"(?P<qualifier>[~?%])?$"
)
_OLD_TIME = re.compile(r"T\d{2}:\d{2}(?=Z|[+-]\d{2}:\d{2}|$|[~?%])")
_MINUTES_A_DAY = 24 * 60
_LAST_MINUTE = date.max.toordinal() * _MINUTES_A_DAY
"""The first minute after 9999-12-31 in minutes since 0001-01-01 00:00 UTC: datetime's range."""
OPEN = ".."
"""EDTF's open end of a range: still going on."""


class Precision(IntEnum):
    """Coarser precisions sort first among events starting at the same moment."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    MONTH = 3
    DAY = 4
    MINUTE = 5


PRECISION_LABELS = {
    Precision.CENTURY: "century only",
    Precision.DECADE: "decade only",
    Precision.YEAR: "year only",
    Precision.MONTH: "month only",
    Precision.DAY: "day",
    Precision.MINUTE: "exact time",
}


class DateError(ValueError):
    """A date string that cannot be read; the message says why, the hint (if any) what to write."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class DatePoint:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    offset_minutes: int | None = None
    second: int | None = None
    span_years: int = 1
    """10 for a decade ('199X'), 100 for a century ('19XX')."""
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> Precision:
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return {100: Precision.CENTURY, 10: Precision.DECADE}.get(self.span_years, Precision.YEAR)

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
            following = self.year + self.span_years  # the year after: 2025 for '2024', 2000 for '199X'
            days = date(following, 1, 1).toordinal() - 1 if following <= 9999 else date.max.toordinal()
            return days * _MINUTES_A_DAY
        return self.start_minute() + length

    def iso(self) -> str:
        """The point as EDTF writes it."""
        hidden = len(str(self.span_years)) - 1  # digits EDTF writes as X: 1 for a decade, 2 for a century
        text = f"{self.year:04d}"[: 4 - hidden] + "X" * hidden
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}:{self.second or 0:02d}"
            text += format_offset(self.offset_minutes or 0, iso=True)
        return text + _qualifier(self.approximate, self.uncertain)

    def display_local(self) -> str:
        """'24 January 2024, 00:15', 'January 2024', '2024', 'the 1990s': never more than is known."""
        if self.span_years > 1:
            return f"the {self.year}s"
        if self.month is None:
            text = str(self.year)
        elif self.day is None:
            text = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            text = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.minute is not None:
            text += f", {self.hour:02d}:{self.minute:02d}" + (f":{self.second:02d}" if self.second else "")
        return text

    def display_utc(self) -> str:
        """The same moment in UTC, for points exact to the minute."""
        moment = self.start_utc()
        seconds = f":{self.second:02d}" if self.second else ""
        return (
            f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.hour:02d}:{moment.minute:02d}{seconds} UTC"
        )


@dataclass(frozen=True)
class PartialDate:
    start: DatePoint
    end: DatePoint | None = None
    text: str = ""
    ongoing: bool = False
    """A range with an open end ('2023-10-17/..'): it had not ended when the sources wrote."""
    time_approximate: bool = False
    """The time is approximate ('about 18:30'): set from the record's `time_approximate`, which EDTF cannot say."""

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @property
    def approximate(self) -> bool:
        return self.start.approximate or (self.end is not None and self.end.approximate)

    @property
    def uncertain(self) -> bool:
        return self.start.uncertain or (self.end is not None and self.end.uncertain)

    @property
    def is_range(self) -> bool:
        return self.end is not None or self.ongoing

    @cached_property  # every chronology sorts by it; a kept record keeps its key between previews
    def sort_key(self) -> tuple[int, int, int]:
        """Start in UTC minutes, then coarse before fine, then shorter ranges first (ongoing ones last).

        A range lasts until its end's period is over: '2024-01-01/2024-02' ends as March begins.
        """
        end = _LAST_MINUTE if self.ongoing else (self.end or self.start).end_minute()
        return (self.start.start_minute(), int(self.precision), end)

    def display(self) -> str:
        """The date as a reader reads it: 'about 20 January 2024, 18:30 (UTC+03:00)', 'March 2024 – ongoing'."""
        text = _shown(self.start, self.time_approximate)
        if self.start.minute is not None:
            text += f" ({format_offset(self.start.offset_minutes or 0)})"
        if self.end is not None:
            text += f" – {_shown(self.end, False)}"
        elif self.ongoing:
            text += " – ongoing"
        return text

    def precision_label(self) -> str:
        if self.ongoing:
            label = "open-ended range"
        elif self.end is not None:
            label = "date range"
        elif self.precision == Precision.MINUTE and self.time_approximate:
            label = "approximate time"
        else:
            label = PRECISION_LABELS[self.precision]
        qualifiers = [word for word, on in (("approximate", self.approximate), ("uncertain", self.uncertain)) if on]
        return ", ".join([*qualifiers, label])


def _shown(point: DatePoint, time_approximate: bool) -> str:
    text = point.display_local()
    if point.approximate or (time_approximate and point.minute is not None):
        text = f"about {text}"
    return f"{text} (uncertain)" if point.uncertain else text


def _qualifier(approximate: bool, uncertain: bool) -> str:
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""


def format_offset(minutes: int, iso: bool = False) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    if iso:
        return "Z" if minutes == 0 else f"{sign}{hours:02d}:{mins:02d}"
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def parse_date(text: str) -> PartialDate:
    """Read the editor's EDTF date string, or raise DateError saying what is wrong and how to write it."""
    raw = text.strip()
    if not raw:
        raise DateError(f"'{text}' is not a date")
    new = migrated_date(raw)
    if new.startswith("~"):
        raise DateError(
            f"'{raw}' is the old way to write an approximate time, which EDTF does not have",
            f"write '{new[1:]}' and set 'time_approximate: true'; python -m generator migrate-dates does both",
        )
    if new != raw:
        raise DateError(
            f"'{raw}' is the old way to write this date",
            f"EDTF writes '{new}'; python -m generator migrate-dates rewrites every date",
        )
    parts = raw.split("/")
    if len(parts) > 2 or parts[0] == OPEN:
        raise DateError(f"'{raw}' is not a date" if len(parts) > 2 else f"'{raw}' has no start; give the first date")
    start = parse_point(parts[0])
    ongoing = len(parts) == 2 and parts[1] == OPEN
    end = parse_point(parts[1]) if len(parts) == 2 and not ongoing else None
    if len(parts) == 2 and (start.span_years > 1 or (end is not None and end.span_years > 1)):
        raise DateError(f"'{raw}': a decade or century cannot begin or end a range; write its first or last year")
    if len(parts) == 2 and (start.minute is not None or (end is not None and end.minute is not None)):
        raise DateError(f"'{raw}' is a range of times, which EDTF does not have; give the day range or the start")
    if end is not None and end.end_minute() <= start.start_minute():
        raise DateError(f"range ends ({end.iso()}) before it starts ({start.iso()})")
    return PartialDate(start, end, raw, ongoing)


def parse_point(text: str) -> DatePoint:
    match = _POINT.match(text.strip())
    if not match:
        raise DateError(
            f"'{text.strip()}' is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS+HH:MM "
            "or 199X, with ~ (approximate), ? (uncertain) or % (both) after it"
        )
    digits = match["year"]
    span = 10 ** digits.count("X")
    if span > 1 and match["month"] is not None:
        raise DateError(f"'{text.strip()}' gives a month of an unknown year; write the year, or the decade alone")
    if span > 1 and match["qualifier"]:
        raise DateError(
            f"'{text.strip()}': EDTF qualifies dates, not a decade or century; write '{digits}' alone "
            "and say in the summary how sure the sources are"
        )
    year = int(digits.replace("X", "0"))
    if year < 1:
        raise DateError("year 0000 does not exist")
    month = _in_range(match["month"], 1, 12, "month")
    day = _day(year, month, match["day"])
    hour = _in_range(match["hour"], 0, 23, "hour")
    minute = _in_range(match["minute"], 0, 59, "minute")
    second = _in_range(match["second"], 0, 59, "second")
    offset = _offset(match["offset"]) if match["offset"] else None
    if minute is not None and offset is None:
        raise DateError(f"time in '{text.strip()}' has no UTC offset; add one such as +03:00 or Z")
    if minute is not None and match["qualifier"]:
        raise DateError(
            f"'{text.strip()}': EDTF has no approximate or uncertain times; write the moment and set "
            "'time_approximate: true' on the record"
        )
    qualifier = match["qualifier"] or ""
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    point = DatePoint(year, month, day, hour, minute, offset, second, span, approximate, uncertain)
    if not 0 <= point.start_minute() < _LAST_MINUTE:
        raise DateError(f"'{text.strip()}' falls outside the years 0001–9999 in UTC")
    return point


def migrated_date(text: str) -> str:
    """The EDTF form of a date written the old way ('~' in front, times without seconds); else the text.

    An approximate time has no EDTF form: it comes back with its '~' in front, for the
    caller to move to `time_approximate`.
    """
    approximate = text.startswith("~")
    body = text[1:].strip() if approximate else text
    parts = [_OLD_TIME.sub(lambda m: m[0] + ":00", part) for part in body.split("/")]
    if approximate and any("T" in part for part in parts):
        return "~" + "/".join(parts)
    if approximate:
        parts = [part if part.endswith(("~", "%")) or part == OPEN else part + "~" for part in parts]
    return "/".join(parts)


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
    if hours > 14 or minutes > 59 or (hours == 14 and minutes):
        raise DateError(f"UTC offset {text} is out of range (-14:00 to +14:00)")
    total = hours * 60 + minutes
    return -total if text[0] == "-" else total
