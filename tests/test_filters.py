"""What templates print for terms, dates and figures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.pages.filters import anchor, date_text, figure, label
from generator.records.dates import parse_date
from generator.records.model import Claim


@pytest.mark.parametrize(
    ("term", "shown"),
    [("ballistic-missile-attack", "Ballistic missile attack"), ("airstrike", "Airstrike"), ("", "")],
)
def test_a_term_reads_as_a_label(term: str, shown: str) -> None:
    assert label(term) == shown


@pytest.mark.parametrize(
    ("date", "zone", "approximate", "shown"),
    [
        ("2024-01-24T00:15:00+03:00", "Iraq time", False, "24 January 2024, 00:15 Iraq time (UTC+03:00)"),
        ("2024-01-24T00:15:00+03:00", None, False, "24 January 2024, 00:15 (UTC+03:00)"),
        ("2024-01-24T00:15:00+03:00", "Iraq time", True, "about 24 January 2024, 00:15 Iraq time (UTC+03:00)"),
        ("2024-01-24/2024-01-25", "Iraq time", False, "24 January 2024 – 25 January 2024"),
        ("2024-01-24~", "Iraq time", False, "about 24 January 2024"),
        ("2024-01", None, False, "January 2024"),
    ],
)
def test_a_date_names_its_zone_only_when_it_has_a_time(
    date: str, zone: str | None, approximate: bool, shown: str
) -> None:
    assert date_text(replace(parse_date(date), time_approximate=approximate), zone) == shown


def claim(value: int, qualifier: str = "exact", value_max: int | None = None) -> Claim:
    return Claim("killed", None, None, value, None, qualifier, value_max, None, None, ("src",), None)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (claim(7), "7"),
        (claim(7, "up-to"), "up to 7"),
        (claim(25, "at-least"), "at least 25"),
        (claim(1200, "more-than"), "more than 1,200"),
        (claim(7, value_max=9), "7–9"),
        (claim(1500, "about", value_max=2000), "about 1,500–2,000"),
    ],
)
def test_a_figure_is_shown_as_its_claimant_bounds_it(given: Claim, shown: str) -> None:
    assert figure(given) == shown


def test_a_heading_anchor_is_made_only_from_a_slug() -> None:
    assert anchor("armed-group") == "{#armed-group}"
    with pytest.raises(ValueError, match=r"^not a slug: 'Armed group'$"):
        anchor("Armed group")
