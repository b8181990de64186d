"""Find events' index (pages/event_filter): what its compact layout holds, read back as the script reads it,
and a download that stays within its budget as the briefing grows."""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.pages.context import PageContext
from generator.pages.event_filter import (
    DIGITS,
    EPOCH,
    ONGOING,
    digits_for,
    event_index,
    event_index_json,
    first_day,
    front_coded,
    in_digits,
    last_day,
)
from generator.pages.pipeline import load_index
from generator.records.index import Index
from generator.tools.synthetic import write_synthetic
from tests.conftest import FIXTURE, FIXTURE_CONFIG, MakeTree
from tests.test_figures import event, tree_index

BUDGET_BYTES, BUDGET_EVENTS = 100_000, 10_000
"""The issue's target: the index under 100 KB gzipped at 10,000 events."""


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    first: str
    last: str
    picks: dict[str, list[str]]
    """The names each filter finds the event by."""


def unfront(strings: list[str]) -> list[str]:
    """As the script does it, counting UTF-16 code units as JavaScript's `slice` does."""
    before, out = b"", []
    for text in strings:
        shared = DIGITS.index(text[0]) * 2
        before = before[:shared] + text[1:].encode("utf-16-le")
        out.append(before.decode("utf-16-le"))
    return out


def positions(column: dict[str, Any], names: int) -> list[list[int]]:
    width, at, rows = digits_for(names), column["at"], []
    for count in column["n"]:
        found = []
        for _ in range(count):
            found.append(sum(DIGITS.index(d) * len(DIGITS) ** k for k, d in enumerate(reversed(at[:width]))))
            at = at[width:]
        rows.append(found)
    assert at == ""
    return rows


def read_back(data: dict[str, Any]) -> list[Row]:
    """The index read as assets/event-filter.js reads it: the events in date order."""
    names = {field: unfront(listed) for field, listed in data["names"].items()}
    picks = {field: positions(data[field], len(listed)) for field, listed in names.items()}
    rows, day = [], 0
    for n, (id_, title) in enumerate(zip(unfront(data["id"]), unfront(data["title"]), strict=True)):
        day += data["day"][n]
        first, last = (date.fromordinal(EPOCH) + timedelta(days=d) for d in (day, day + data["span"][n]))
        chosen = {field: [names[field][p] for p in found[n]] for field, found in picks.items()}
        rows.append(Row(id_, title, first.isoformat(), last.isoformat(), chosen))
    ordered, at = [], 0
    for step in data["order"]:
        at += step
        ordered.append(rows[at])
    return ordered


def expected(index: Index) -> list[Row]:
    """Each event in date order with the names it should be found by, from the records themselves."""

    def name(record_id: str) -> str:
        return index.by_id[record_id].display_name

    rows = []
    for found in index.chronology:
        first = first_day(found.date.start).isoformat()
        last = ONGOING if found.date.ongoing else last_day(found.date.end or found.date.start)
        picks = {
            "type": [index.corpus.vocabulary.label(found.type, "event-type")],
            "actor": sorted({name(p.actor) for p in found.participants}),
            "place": sorted({name(p.place) for p in found.places}),
            "campaign": sorted({name(c) for c in found.campaigns}),
            "tag": sorted(set(found.tags)),
        }
        rows.append(Row(found.id, found.title, first, last.isoformat(), picks))
    return rows


def index_of(index: Index) -> dict[str, Any]:
    return event_index(PageContext("all-events/index.md", index), index.chronology)


@pytest.fixture(scope="module")
def fixture_index() -> Index:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    return index


@pytest.mark.parametrize(
    ("strings", "coded"),
    [
        (["e00010", "e00011", "e00100", "f"], ["0e00010", "51", "3100", "0f"]),
        (["same", "same", "samey", ""], ["0same", "4", "4y", "0"]),
        (["a😀b", "a😀c"], ["0a😀b", "3c"]),  # the emoji is two UTF-16 units, as the script counts
        (["a😀", "a😁"], ["0a😀", "1😁"]),  # never half a surrogate pair
        (["x" * 70, "x" * 70 + "y"], ["0" + "x" * 70, "_" + "x" * 7 + "y"]),  # at most 63 shared
    ],
)
def test_front_coding_writes_what_a_string_shares_with_the_one_before_as_one_digit(
    strings: list[str], coded: list[str]
) -> None:
    assert front_coded(strings) == coded
    assert unfront(coded) == strings


@pytest.mark.parametrize(("names", "width"), [(0, 1), (1, 1), (64, 1), (65, 2), (4096, 2), (4097, 3)])
def test_positions_take_the_fewest_digits_that_number_every_name(names: int, width: int) -> None:
    assert digits_for(names) == width
    assert len(in_digits(max(names - 1, 0), width)) == width


def test_the_fixtures_index_reads_back_as_its_events_in_date_order(fixture_index: Index) -> None:
    assert read_back(index_of(fixture_index)) == expected(fixture_index)


def test_the_index_lists_each_name_once_sorted_and_each_events_days(fixture_index: Index) -> None:
    data = index_of(fixture_index)
    assert unfront(data["names"]["actor"]) == ["Militia K", "State S"]
    assert unfront(data["names"]["tag"]) == ["base-b", "site-t", "strikes"]
    assert unfront(data["id"]) == sorted(e.id for e in fixture_index.chronology)  # rows in id order
    base_b = (date(2024, 1, 20) - date(1970, 1, 1)).days
    assert data["day"] == [base_b, 4, -23]  # the first since 1970, then days since the row before's
    assert data["span"] == [0, 0, 30]  # a month-precise date means every day of its month
    assert data["order"] == [2, -2, 1]  # the month-only event first, as the chronology has it
    rows = read_back(data)
    assert [r.first for r in rows] == ["2024-01-01", "2024-01-20", "2024-01-24"]


def test_a_hostile_or_astral_title_reads_back_unchanged(make_tree: MakeTree) -> None:
    titles = {"a": "😀 at base", "b": "😀 at base </script>", "c": '"quoted" \\ back'}
    events = []
    for id_, title in titles.items():
        found = event(id_, "2024-01-0" + str(len(events) + 1))
        found[f"events/{id_}.yml"] = found[f"events/{id_}.yml"].replace(f"title: Event {id_}", f"title: '{title}'")
        events.append(found)
    index = tree_index(make_tree, *events)
    written = str(event_index_json(PageContext("all-events/index.md", index), index.chronology))
    assert [r.title for r in read_back(json.loads(written))] == list(titles.values())


def _gzip_bytes_per_event(root: Path, events: int) -> float:
    write_synthetic(root / f"n{events}", events)
    index, _ = load_index(root / f"n{events}")
    written = str(event_index_json(PageContext("all-events/index.md", index), index.chronology))
    return len(gzip.compress(written.encode("utf-8"), 6)) / events


def test_the_index_stays_within_its_download_budget_as_the_briefing_grows(tmp_path: Path) -> None:
    """Gzipped bytes per event at two sizes, carried on to 10,000 events at the rate they grew.

    A briefing has more names as it grows (the synthetic one an actor per five events, a place per ten),
    so an event's positions cost a little more: the growth per doubling is measured, not assumed, and
    continued from 2,000 events to 10,000 (it stays under the 10 bytes a 10,000-event budget allows).
    """
    small, large = 500, 2000
    at_small, at_large = _gzip_bytes_per_event(tmp_path, small), _gzip_bytes_per_event(tmp_path, large)
    per_doubling = max(0.0, (at_large - at_small) / math.log2(large / small))
    at_budget = at_large + per_doubling * math.log2(BUDGET_EVENTS / large)
    assert at_budget * BUDGET_EVENTS < BUDGET_BYTES, (
        f"{at_small:.2f} bytes per event at {small:,}, {at_large:.2f} at {large:,}: "
        f"about {at_budget * BUDGET_EVENTS / 1000:.0f} KB gzipped at {BUDGET_EVENTS:,}"
    )
