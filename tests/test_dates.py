from __future__ import annotations

import contextlib
import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.records.dates import DateError, Precision, parse_date


@pytest.mark.parametrize(
    ("text", "display", "label", "precision"),
    [
        ("2024-01-24T00:15+03:00", "24 January 2024, 00:15 (UTC+03:00)", "exact time", Precision.MINUTE),
        ("2019-12-29T11:00-05:00", "29 December 2019, 11:00 (UTC-05:00)", "exact time", Precision.MINUTE),
        ("2024-01-24", "24 January 2024", "day", Precision.DAY),
        ("2024-01", "January 2024", "month only", Precision.MONTH),
        ("2024", "2024", "year only", Precision.YEAR),
        ("~2024-01", "about January 2024", "approximate, month only", Precision.MONTH),
        ("2023-10-17/2024-02", "17 October 2023 – February 2024", "date range", Precision.DAY),
        ("2024-01/2024-01-15", "January 2024 – 15 January 2024", "date range", Precision.MONTH),
        ("2024-01-24T10:00Z", "24 January 2024, 10:00 (UTC+00:00)", "exact time", Precision.MINUTE),
        ("2024-01-24T00:15+03:30", "24 January 2024, 00:15 (UTC+03:30)", "exact time", Precision.MINUTE),
        ("2024-01-24T00:15-09:30", "24 January 2024, 00:15 (UTC-09:30)", "exact time", Precision.MINUTE),
        ("2024-01-24T00:15+05:45", "24 January 2024, 00:15 (UTC+05:45)", "exact time", Precision.MINUTE),
        (
            "~2023-12-26/2024-01-24T00:15+03:00",
            "about 26 December 2023 – 24 January 2024, 00:15",
            "approximate, date range",
            Precision.DAY,
        ),
    ],
)
def test_display_keeps_precision(text: str, display: str, label: str, precision: Precision) -> None:
    date = parse_date(text)
    assert date.display() == display
    assert date.precision_label() == label
    assert date.precision == precision


def test_month_precision_never_shows_a_day() -> None:
    assert "1 January" not in parse_date("2024-01").display()


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-01-24T00:15+03:00", "23 January 2024, 21:15 UTC"),
        ("2024-01-24T10:00Z", "24 January 2024, 10:00 UTC"),
        ("2024-01-24T00:15+03:30", "23 January 2024, 20:45 UTC"),
        ("2024-01-24T00:15+05:45", "23 January 2024, 18:30 UTC"),
        ("2024-01-23T20:45-09:30", "24 January 2024, 06:15 UTC"),
        ("2024-01-01T00:00+00:30", "31 December 2023, 23:30 UTC"),
    ],
)
def test_exact_time_converts_to_utc_across_midnight(text: str, utc: str) -> None:
    assert parse_date(text).start.display_utc() == utc


@pytest.mark.parametrize(
    "text",
    ["2024-01-24T10:00Z", "2024-01-24T00:15+03:30", "2024-01-24T00:15-09:30", "2024-01-24T00:15+05:45"],
)
def test_an_exact_time_is_written_back_as_the_editor_wrote_it(text: str) -> None:
    assert parse_date(text).start.iso() == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days, not 30"),
        ("2023-02-29", "February 2023 has 28 days, not 29"),
        ("2024-13", "month 13 is out of range (01–12)"),
        ("2024-01-01T24:00Z", "hour 24 is out of range (00–23)"),
        ("2024-01-24T00:15", "time in '2024-01-24T00:15' has no UTC offset; add one such as +03:00 or Z"),
        ("2024-02/2023-01", "range ends (2023-01) before it starts (2024-02)"),
        ("2024-02/2024-01", "range ends (2024-01) before it starts (2024-02)"),
        ("2024-01-02/2024-01-01", "range ends (2024-01-01) before it starts (2024-01-02)"),
        ("2025/2024", "range ends (2024) before it starts (2025)"),
        ("2024-01-01/2023", "range ends (2023) before it starts (2024-01-01)"),  # 2023 has 365 days
        ("2025-01-01/2024", "range ends (2024) before it starts (2025-01-01)"),  # 2024 has 366
        ("2024-01-01T10:00Z/2024-01-01T09:59Z", "range ends (2024-01-01T09:59Z) before it starts (2024-01-01T10:00Z)"),
        (
            "2024-01-01T10:00+03:30/2024-01-01T06:29Z",
            "range ends (2024-01-01T06:29Z) before it starts (2024-01-01T10:00+03:30)",
        ),
        ("2024-01-01T10:60Z", "minute 60 is out of range (00–59)"),
        ("2024-01-01T10:00+03:60", "UTC offset +03:60 is out of range (-14:00 to +14:00)"),
        ("0000", "year 0000 does not exist"),
        ("0000-02-30", "year 0000 does not exist"),
        ("0001-02-29", "February 1 has 28 days, not 29"),
        ("0001-01-01T00:00+01:00", "'0001-01-01T00:00+01:00' falls outside the years 0001–9999 in UTC"),
        ("9999-12-31T23:59-00:01", "'9999-12-31T23:59-00:01' falls outside the years 0001–9999 in UTC"),
        ("24 Jan 2024", "'24 Jan 2024' is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM"),
        ("2024-01-01T10:00+15:00", "UTC offset +15:00 is out of range (-14:00 to +14:00)"),
        ("2024/2025/2026", "'2024/2025/2026' is not a date"),
    ],
)
def test_invalid_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    [
        "2024-01/2024-01",  # within one month
        "2024-01-15/2024-01",  # the end's month contains the start
        "2023-12-31/2023",  # the end's year contains the start
        "2024-12-31/2024",
        "2024-01-01T10:00Z/2024-01-01T10:00Z",  # within one minute
        "2024-01-01T10:00+03:30/2024-01-01T06:30Z",  # the same minute in two zones
        "2024-01-01T23:30-01:00/2024-01-02",  # 00:30 UTC on the 2nd
    ],
)
def test_a_range_ending_in_the_period_it_starts_is_accepted(text: str) -> None:
    assert parse_date(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00Z",
        "0001-02-28",
        "9000/9999",
        "2024/9999-12",
        "9999-12-31T23:59Z",
        "9999-12-31T23:00-00:59",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_accepted(text: str) -> None:
    assert parse_date(text).text == text


def test_sorting_across_time_zones_and_precisions() -> None:
    texts = [
        "2024-01-24",  # a day, local midnight
        "2024-01-24T00:15+03:00",  # 23 Jan 21:15 UTC
        "2024-01",  # month only: before the days of January
        "2024",  # year only: before its months
        "2024-01-23T22:00Z",
    ]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == ["2024", "2024-01", "2024-01-24T00:15+03:00", "2024-01-23T22:00Z", "2024-01-24"]


def sort(texts: list[str]) -> list[str]:
    return sorted(texts, key=lambda t: parse_date(t).sort_key)


def test_times_sort_to_the_minute_across_half_hour_zones() -> None:
    # 20:45, 20:46, 21:14 and 21:15 UTC on 23 January: a key in whole hours would tie them.
    texts = ["2024-01-24T00:15+03:00", "2024-01-23T21:14Z", "2024-01-24T00:16+03:30", "2024-01-24T00:15+03:30"]
    assert sort(texts) == [
        "2024-01-24T00:15+03:30",
        "2024-01-24T00:16+03:30",
        "2024-01-23T21:14Z",
        "2024-01-24T00:15+03:00",
    ]


def test_at_the_same_start_coarser_dates_come_first() -> None:
    texts = ["2024-01-01T00:00Z", "2024-01-01", "2024", "2024-01", "2024-01-01T12:00Z"]
    assert sort(texts) == ["2024", "2024-01", "2024-01-01", "2024-01-01T00:00Z", "2024-01-01T12:00Z"]


def test_at_the_same_start_shorter_ranges_come_first_ending_with_their_last_instant() -> None:
    # The month-long end lasts until 1 March, after 5 February: that range is the longer one.
    texts = ["2024-01-01/2024-02", "2024-01-01/2024-02-05", "2024-01-01", "2024-01-01/2024-01-31", "2024-01-01/2025"]
    assert sort(texts) == [
        "2024-01-01",
        "2024-01-01/2024-01-31",
        "2024-01-01/2024-02-05",
        "2024-01-01/2024-02",
        "2024-01-01/2025",
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
    st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
)
def test_iso_round_trip(day: object, hour: int, minute: int, offset: int) -> None:
    sign = "+" if offset >= 0 else "-"
    text = f"{day}T{hour:02d}:{minute:02d}{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    parsed = parse_date(text)
    assert parse_date(parsed.start.iso()).sort_key == parsed.sort_key


@given(st.text(max_size=30))
@example("2024/9999-12")  # the end's month runs past datetime's last day
@example("0001-01-01T00:15+03:00")  # before datetime's first day once in UTC
def test_parse_date_only_raises_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text)
