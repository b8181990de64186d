"""Dates in EDTF: what each means, how it reads, how it sorts, and what an editor is told when it is wrong."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import replace

import edtf
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from generator.records.dates import DateError, DatePoint, Precision, migrated_date, parse_date


@pytest.mark.parametrize(
    ("text", "display", "label", "precision"),
    [
        ("2024-01-24T00:15:00+03:00", "24 January 2024, 00:15 (UTC+03:00)", "exact time", Precision.MINUTE),
        ("2019-12-29T11:00:00-05:00", "29 December 2019, 11:00 (UTC-05:00)", "exact time", Precision.MINUTE),
        ("2024-01-24T10:00:30Z", "24 January 2024, 10:00:30 (UTC+00:00)", "exact time", Precision.MINUTE),
        ("2024-01-24", "24 January 2024", "day", Precision.DAY),
        ("2024-01", "January 2024", "month only", Precision.MONTH),
        ("2024", "2024", "year only", Precision.YEAR),
        ("199X", "the 1990s", "decade only", Precision.DECADE),
        ("19XX", "the 1900s", "century only", Precision.CENTURY),
        ("2024-01~", "about January 2024", "approximate, month only", Precision.MONTH),
        ("2024-01-20?", "20 January 2024 (uncertain)", "uncertain, day", Precision.DAY),
        ("2024-01%", "about January 2024 (uncertain)", "approximate, uncertain, month only", Precision.MONTH),
        ("2023-10-17/2024-02", "17 October 2023 – February 2024", "date range", Precision.DAY),
        ("2024-01/2024-01-15", "January 2024 – 15 January 2024", "date range", Precision.MONTH),
        (
            "2023-12-26~/2024-01-24",
            "about 26 December 2023 – 24 January 2024",
            "approximate, date range",
            Precision.DAY,
        ),
        ("2023-10-17/..", "17 October 2023 – ongoing", "open-ended range", Precision.DAY),
        ("2024-01-24T00:15:00+03:30", "24 January 2024, 00:15 (UTC+03:30)", "exact time", Precision.MINUTE),
        ("2024-01-24T00:15:00-09:30", "24 January 2024, 00:15 (UTC-09:30)", "exact time", Precision.MINUTE),
        ("2024-01-24T00:15:00+05:45", "24 January 2024, 00:15 (UTC+05:45)", "exact time", Precision.MINUTE),
    ],
)
def test_display_keeps_precision(text: str, display: str, label: str, precision: Precision) -> None:
    date = parse_date(text)
    assert date.display() == display
    assert date.precision_label() == label
    assert date.precision == precision


def test_an_approximate_time_reads_as_about_that_time() -> None:
    date = replace(parse_date("2024-01-20T18:30:00+03:00"), time_approximate=True)
    assert date.display() == "about 20 January 2024, 18:30 (UTC+03:00)"
    assert date.precision_label() == "approximate time"


def test_month_precision_never_shows_a_day() -> None:
    assert "1 January" not in parse_date("2024-01").display()


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-01-24T00:15:00+03:00", "23 January 2024, 21:15 UTC"),
        ("2024-01-24T10:00:00Z", "24 January 2024, 10:00 UTC"),
        ("2024-01-24T10:00:45Z", "24 January 2024, 10:00:45 UTC"),
        ("2024-01-24T00:15:00+03:30", "23 January 2024, 20:45 UTC"),
        ("2024-01-24T00:15:00+05:45", "23 January 2024, 18:30 UTC"),
        ("2024-01-23T20:45:00-09:30", "24 January 2024, 06:15 UTC"),
        ("2024-01-01T00:00:00+00:30", "31 December 2023, 23:30 UTC"),
        ("2024-01-01T10:00:00+14:00", "31 December 2023, 20:00 UTC"),  # Kiribati: the furthest offset there is
        ("2024-01-01T10:00:00-12:00", "1 January 2024, 22:00 UTC"),
    ],
)
def test_exact_time_converts_to_utc_across_midnight(text: str, utc: str) -> None:
    assert parse_date(text).start.display_utc() == utc


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-24T10:00:00Z",
        "2024-01-24T00:15:00+03:30",
        "2024-01-24T00:15:59-09:30",
        "2024-01-24T00:15:00+05:45",
        "199X",
        "19XX",
        "2024-01-20~",
        "2024-01?",
        "2024%",
    ],
)
def test_a_point_is_written_back_as_the_editor_wrote_it(text: str) -> None:
    assert parse_date(text).start.iso() == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days, not 30"),
        ("2023-02-29", "February 2023 has 28 days, not 29"),
        ("2024-13", "month 13 is out of range (01–12)"),
        ("2024-01-01T24:00:00Z", "hour 24 is out of range (00–23)"),
        ("2024-01-01T10:00:60Z", "second 60 is out of range (00–59)"),
        ("2024-01-24T00:15:00", "time in '2024-01-24T00:15:00' has no UTC offset; add one such as +03:00 or Z"),
        ("2024-02/2023-01", "range ends (2023-01) before it starts (2024-02)"),
        ("2024-02/2024-01", "range ends (2024-01) before it starts (2024-02)"),
        ("2024-01-02/2024-01-01", "range ends (2024-01-01) before it starts (2024-01-02)"),
        ("2025/2024", "range ends (2024) before it starts (2025)"),
        ("2024-01-01/2023", "range ends (2023) before it starts (2024-01-01)"),  # 2023 has 365 days
        ("2025-01-01/2024", "range ends (2024) before it starts (2025-01-01)"),  # 2024 has 366
        ("201X/2019", "'201X/2019': a decade or century cannot begin or end a range; write its first or last year"),
        (
            "199X~",
            "'199X~': EDTF qualifies dates, not a decade or century; write '199X' alone and say in the summary how "
            "sure the sources are",
        ),
        (
            "2024-01-01T10:00:00Z/2024-01-01T12:00:00Z",
            "'2024-01-01T10:00:00Z/2024-01-01T12:00:00Z' is a range of times, which EDTF does not have; give the day "
            "range or the start",
        ),
        (
            "2024-01-01T10:00:00Z/2024-01-02",
            "'2024-01-01T10:00:00Z/2024-01-02' is a range of times, which EDTF does not have; give the day range or "
            "the start",
        ),
        (
            "2024-01-01/2024-01-02T12:00:00Z",
            "'2024-01-01/2024-01-02T12:00:00Z' is a range of times, which EDTF does not have; give the day range or "
            "the start",
        ),
        (
            "2024-01-20T18:30:00+03:00~",
            "'2024-01-20T18:30:00+03:00~': EDTF has no approximate or uncertain times; write the moment and set "
            "'time_approximate: true' on the record",
        ),
        ("2024-01-01T10:60:00Z", "minute 60 is out of range (00–59)"),
        ("2024-01-01T10:00:00+03:60", "UTC offset +03:60 is out of range (-14:00 to +14:00)"),
        ("2024-01-01T10:00:00+14:59", "UTC offset +14:59 is out of range (-14:00 to +14:00)"),
        ("2024-01-01T10:00:00+15:00", "UTC offset +15:00 is out of range (-14:00 to +14:00)"),
        ("0000", "year 0000 does not exist"),
        ("0000-02-30", "year 0000 does not exist"),
        ("0001-02-29", "February 1 has 28 days, not 29"),
        ("0001-01-01T00:00:00+01:00", "'0001-01-01T00:00:00+01:00' falls outside the years 0001–9999 in UTC"),
        ("9999-12-31T23:59:00-00:01", "'9999-12-31T23:59:00-00:01' falls outside the years 0001–9999 in UTC"),
        ("199X-05", "'199X-05' gives a month of an unknown year; write the year, or the decade alone"),
        (
            "24 Jan 2024",
            "'24 Jan 2024' is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS+HH:MM or 199X, "
            "with ~ (approximate), ? (uncertain) or % (both) after it",
        ),
        ("../2024", "'../2024' has no start; give the first date"),
        ("2024/2025/2026", "'2024/2025/2026' is not a date"),
        ("", "'' is not a date"),
    ],
)
def test_invalid_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "~2024-01-20",
            "'~2024-01-20' is the old way to write this date",
            "EDTF writes '2024-01-20~'; python -m generator migrate-dates rewrites every date",
        ),
        (
            "~2023-10/2024-02",
            "'~2023-10/2024-02' is the old way to write this date",
            "EDTF writes '2023-10~/2024-02~'; python -m generator migrate-dates rewrites every date",
        ),
        (
            "2024-01-24T00:15+03:00",
            "'2024-01-24T00:15+03:00' is the old way to write this date",
            "EDTF writes '2024-01-24T00:15:00+03:00'; python -m generator migrate-dates rewrites every date",
        ),
        (
            "~2024-01-20T18:30+03:00",
            "'~2024-01-20T18:30+03:00' is the old way to write an approximate time, which EDTF does not have",
            "write '2024-01-20T18:30:00+03:00' and set 'time_approximate: true'; python -m generator migrate-dates "
            "does both",
        ),
    ],
)
def test_the_old_form_is_an_error_whose_hint_gives_the_new_form(text: str, message: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert (str(caught.value), caught.value.hint) == (message, hint)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("~2024", "2024~"),
        ("~2024-01-20/2024-02", "2024-01-20~/2024-02~"),
        ("2024-01-24T00:15Z", "2024-01-24T00:15:00Z"),
        ("~2024-01-20T18:30+03:00", "~2024-01-20T18:30:00+03:00"),
        ("~2024-01-20T18:30Z/2024-01-21", "~2024-01-20T18:30:00Z/2024-01-21"),  # left for the editor to fix
        ("2024-01-20~", "2024-01-20~"),
        ("2024-01-24T00:15:00Z", "2024-01-24T00:15:00Z"),
        ("~2023-10-17/..", "2023-10-17~/.."),  # an open end has no date to qualify
        ("~2024-01~", "2024-01~"),  # qualified twice, the old way and the new: once
        ("~2024%", "2024%"),
    ],
)
def test_migration_gives_the_edtf_form_and_leaves_edtf_alone(old: str, new: str) -> None:
    assert migrated_date(old) == new


@pytest.mark.parametrize(
    "text",
    [
        "2024-01/2024-01",  # within one month
        "2024-01-15/2024-01",  # the end's month contains the start
        "2023-12-31/2023",  # the end's year contains the start
        "2024-12-31/2024",
        "2024-01-01/2024-01-01",  # within one day
    ],
)
def test_a_range_ending_in_the_period_it_starts_is_accepted(text: str) -> None:
    assert parse_date(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00:00Z",
        "0001-02-28",
        "9000/9999",
        "2024/9999-12",
        "9999-12-31T23:59:00Z",
        "9999-12-31T23:00:00-00:59",
        "99XX",
        "2024/..",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_accepted(text: str) -> None:
    assert parse_date(text).text == text


def sort(texts: list[str]) -> list[str]:
    return sorted(texts, key=lambda t: parse_date(t).sort_key)


def test_the_last_years_of_the_calendar_sort_shorter_periods_first() -> None:
    """The year 9998 ends as 9999 begins, not with the calendar: it sorts before a range through 9999."""
    assert sort(["9998/9999", "9998"]) == ["9998", "9998/9999"]


def test_sorting_across_time_zones_and_precisions() -> None:
    texts = [
        "2024-01-24",  # a day, local midnight
        "2024-01-24T00:15:00+03:00",  # 23 Jan 21:15 UTC
        "2024-01",  # month only: before the days of January
        "2024",  # year only: before its months
        "2024-01-23T22:00:00Z",
        "202X",  # a decade: before its years
    ]
    assert sort(texts) == [
        "202X",
        "2024",
        "2024-01",
        "2024-01-24T00:15:00+03:00",
        "2024-01-23T22:00:00Z",
        "2024-01-24",
    ]


def test_times_sort_to_the_minute_across_half_hour_zones() -> None:
    # 20:45, 20:46, 21:14 and 21:15 UTC on 23 January: a key in whole hours would tie them.
    texts = [
        "2024-01-24T00:15:00+03:00",
        "2024-01-23T21:14:00Z",
        "2024-01-24T00:16:00+03:30",
        "2024-01-24T00:15:00+03:30",
    ]
    assert sort(texts) == [
        "2024-01-24T00:15:00+03:30",
        "2024-01-24T00:16:00+03:30",
        "2024-01-23T21:14:00Z",
        "2024-01-24T00:15:00+03:00",
    ]


def test_at_the_same_start_coarser_dates_come_first() -> None:
    texts = ["2024-01-01T00:00:00Z", "2024-01-01", "2024", "2024-01", "2024-01-01T12:00:00Z"]
    assert sort(texts) == ["2024", "2024-01", "2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T12:00:00Z"]


def test_at_the_same_start_shorter_ranges_come_first_and_ongoing_ones_last() -> None:
    # The month-long end lasts until 1 March, after 5 February: that range is the longer one.
    texts = [
        "2024-01-01/..",
        "2024-01-01/2024-02",
        "2024-01-01/2024-02-05",
        "2024-01-01",
        "2024-01-01/2024-01-31",
        "2024-01-01/2025",
    ]
    assert sort(texts) == [
        "2024-01-01",
        "2024-01-01/2024-01-31",
        "2024-01-01/2024-02-05",
        "2024-01-01/2024-02",
        "2024-01-01/2025",
        "2024-01-01/..",
    ]


def test_ranges_ending_in_the_same_period_sort_as_equals() -> None:
    assert parse_date("2024-01-01/2024-01-31").sort_key == parse_date("2024-01-01/2024-01").sort_key
    assert parse_date("2024-01/2024").sort_key == parse_date("2024-01/2024-12-31").sort_key


@given(
    st.dates(
        min_value=datetime.date(1, 1, 2), max_value=datetime.date(9999, 12, 30)
    ),  # a day inside datetime's range in any zone
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
)
def test_iso_round_trip(day: object, hour: int, minute: int, second: int, offset: int) -> None:
    sign = "+" if offset >= 0 else "-"
    text = f"{day}T{hour:02d}:{minute:02d}:{second:02d}{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    parsed = parse_date(text)
    assert parse_date(parsed.start.iso()).sort_key == parsed.sort_key


@given(st.text(max_size=30))
@example("2024/9999-12")  # the end's month runs past datetime's last day
@example("0001-01-01T00:15:00+03:00")  # before datetime's first day once in UTC
@example("~")
def test_parse_date_only_raises_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text)


# The oracle: the `edtf` package (about a thousand times slower) must read every date we accept alike.
_DAYS = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31))


@st.composite
def edtf_points(draw: st.DrawFn) -> str:
    day = draw(_DAYS)
    precision = draw(st.sampled_from(["century", "decade", "year", "month", "day"]))
    if precision in ("century", "decade"):  # EDTF qualifies dates, not unspecified digits
        return f"{day.year // 100:02d}XX" if precision == "century" else f"{day.year // 10:03d}X"
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}", "day": day.isoformat()}[precision]
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(["point", "range", "open", "moment"]))
    if form == "moment":
        day, hour, minute, second = (
            draw(_DAYS),
            draw(st.integers(0, 23)),
            draw(st.integers(0, 59)),
            draw(st.integers(0, 59)),
        )
        zone = draw(st.sampled_from(["Z", "+03:00", "-05:00", "+03:30", "+05:45"]))
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{zone}"
    start = draw(edtf_points())
    if form == "point":
        return start
    return f"{start}/{draw(edtf_points())}" if form == "range" else f"{start}/.."


def _first_day(point: DatePoint) -> tuple[int, int, int]:
    return (point.year, point.month or 1, point.day or 1)


def _last_day(point: DatePoint) -> tuple[int, int, int]:
    if point.minute is not None:
        return _first_day(point)  # a moment is on its (local) day
    last = datetime.datetime(1, 1, 1) + datetime.timedelta(minutes=point.end_minute() - 1)
    return (last.year, last.month, last.day)


def _qualifiers(theirs: object) -> tuple[bool, bool]:
    """(approximate, uncertain) as the package reads them; it keeps '%' (both) apart from either."""
    both = bool(getattr(theirs, "is_uncertain_and_approximate", False))
    return (
        both or bool(getattr(theirs, "is_approximate", False)),
        both or bool(getattr(theirs, "is_uncertain", False)),
    )


@given(edtf_dates())
@example("2024-01~/2024-02")
@example("2001-05-06?/..")
@example("2024-01-24T00:15:00+03:30")
@example("2000%")
def test_every_date_accepted_means_to_the_edtf_package_what_it_means_here(text: str) -> None:
    try:
        ours = parse_date(text)
    except DateError:
        assume(False)  # a range drawn ending before it starts: refused here, nothing to compare
        return
    assert str(edtf.parse_edtf(text)) == text  # the whole string is EDTF as it stands
    start, _, end = text.partition("/")
    theirs = edtf.parse_edtf(start)
    assert _first_day(ours.start) == tuple(theirs.lower_strict()[:3])
    assert _qualifiers(theirs) == (ours.start.approximate, ours.start.uncertain)
    if end == "..":
        assert ours.ongoing and ours.end is None
    elif end:
        theirs = edtf.parse_edtf(end)
        assert ours.end is not None
        assert _last_day(ours.end) == tuple(theirs.upper_strict()[:3])
        assert _qualifiers(theirs) == (ours.end.approximate, ours.end.uncertain)
    else:
        assert _last_day(ours.start) == tuple(theirs.upper_strict()[:3])
