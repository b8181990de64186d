from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
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
    ],
)
def test_display_keeps_precision(text: str, display: str, label: str, precision: Precision) -> None:
    date = parse_date(text)
    assert date.display() == display
    assert date.precision_label() == label
    assert date.precision == precision


def test_month_precision_never_shows_a_day() -> None:
    assert "1 January" not in parse_date("2024-01").display()


def test_exact_time_converts_to_utc_across_midnight() -> None:
    assert parse_date("2024-01-24T00:15+03:00").start.display_utc() == "23 January 2024, 21:15 UTC"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days, not 30"),
        ("2023-02-29", "February 2023 has 28 days, not 29"),
        ("2024-13", "month 13 is out of range (01–12)"),
        ("2024-01-01T24:00Z", "hour 24 is out of range (00–23)"),
        ("2024-01-24T00:15", "time in '2024-01-24T00:15' has no UTC offset; add one such as +03:00 or Z"),
        ("2024-02/2023-01", "range ends (2023-01) before it starts (2024-02)"),
        ("24 Jan 2024", "'24 Jan 2024' is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM"),
        ("2024-01-01T10:00+15:00", "UTC offset +15:00 is out of range (-14:00 to +14:00)"),
        ("2024/2025/2026", "'2024/2025/2026' is not a date"),
    ],
)
def test_invalid_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


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


@given(
    st.dates(),
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
def test_parse_date_only_raises_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text)
