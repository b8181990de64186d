"""Checks across the fields of one record, by record kind: each only adds problems.

They run after a record's fields converted without a problem, on the typed
values, and point at the field concerned.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from generator.records.convert import Converter
from generator.records.dates import PartialDate, Precision
from generator.records.yaml_positions import YMap

RecordCheck = Callable[[Converter, dict[str, Any], YMap], None]


def ranges_run_low_to_high(report: Converter, values: dict[str, Any], data: YMap) -> None:
    for i, claim in enumerate(values.get("claims", ())):
        if claim.value_max is not None and claim.value_max < claim.value:
            report.error(
                data["claims"].item_positions[i],
                f"claims[{i}].value_max {claim.value_max} is smaller than value {claim.value}",
                "value..value_max is a range from low to high",
            )


def campaign_ends_after_it_starts(report: Converter, values: dict[str, Any], data: YMap) -> None:
    _check_order(report, values["start"], values["end"], data, "end")


def affiliations_end_after_they_start(report: Converter, values: dict[str, Any], data: YMap) -> None:
    for i, affiliation in enumerate(values.get("affiliations", ())):
        _check_order(report, affiliation.start, affiliation.end, data["affiliations"][i], "end", f"affiliations[{i}].")


def positions_end_after_they_start(report: Converter, values: dict[str, Any], data: YMap) -> None:
    for i, held in enumerate(values.get("positions", ())):
        _check_order(report, held.start, held.end, data["positions"][i], "end", f"positions[{i}].")


def positions_are_for_people(report: Converter, values: dict[str, Any], data: YMap) -> None:
    if values.get("positions") and values.get("kind") != "person":
        report.error(
            data.key_positions["positions"],
            "'positions' are for people only",
            "set 'kind: person' or move the positions to the person's record",
        )


def not_stated_fields_are_not_given(report: Converter, values: dict[str, Any], data: YMap) -> None:
    for i, name in enumerate(values.get("not_stated", ())):
        if values.get(name):
            report.error(
                data["not_stated"].item_positions[i],
                f"not_stated lists '{name}', which the source gives",
                f"remove '{name}' from not_stated, or the {name} if the document does not state it",
            )


def page_dates_are_days(report: Converter, values: dict[str, Any], data: YMap) -> None:
    """A page's `published` and `updated` are days (a reader's 'last updated 24 January 2024'), in order."""
    for key in ("published", "updated"):
        date = values.get(key)
        qualified = date is not None and (date.approximate or date.uncertain)
        if date is not None and (date.precision != Precision.DAY or date.is_range or qualified):
            report.error(
                data.value_positions[key],
                f"'{key}' must be one day, not '{date.text}'",
                "write the day the page changed, e.g. '2024-01-24'",
            )
            return
    _check_order(report, values.get("published"), values.get("updated"), data, "updated", "page ", "published")


RECORD_CHECKS: dict[str, tuple[RecordCheck, ...]] = {
    "events": (ranges_run_low_to_high, page_dates_are_days),
    "actors": (
        affiliations_end_after_they_start,
        positions_end_after_they_start,
        positions_are_for_people,
        page_dates_are_days,
    ),
    "places": (page_dates_are_days,),
    "sources": (not_stated_fields_are_not_given,),
    "campaigns": (ranges_run_low_to_high, campaign_ends_after_it_starts, page_dates_are_days),
}


def _check_order(
    report: Converter,
    start: PartialDate | None,
    end: PartialDate | None,
    data: YMap,
    key: str,
    prefix: str = "",
    first: str = "start",
) -> None:
    """An end that is over before the start begins, each date taken as its whole period.

    An end of '2024-03' is all of March: it may be the 20th, so a start of '2024-03-15' is no contradiction.
    """
    if start is None or end is None:
        return
    if latest_minute(end) <= start.start.start_minute():
        report.error(
            data.value_positions[key],
            f"{prefix}{key} {end.text} is before {first} {start.text}",
            "swap them or correct one",
        )


def latest_minute(date: PartialDate) -> int:
    """The first minute after everything `date` may mean (a range's end, an open range: never)."""
    return sys.maxsize if date.ongoing else (date.end or date.start).end_minute()
