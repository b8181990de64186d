"""Checks across the fields of one record: what the editor is told, and where."""

from __future__ import annotations

import pytest

from generator.pages.pipeline import load_index
from generator.records.dates import parse_date
from tests.conftest import MakeTree, valid_records
from tests.test_validate import edit_event, problems

CAMPAIGN = "campaigns/strikes.yml"


def campaign(start: str, end: str) -> dict[str, str]:
    return {
        CAMPAIGN: (
            f"id: strikes\nname: Strikes\nstart: {start!r}\nend: {end!r}\ndescription: Strikes.[@src]\nsources: [src]\n"
        )
    }


def affiliation(start: str, end: str) -> dict[str, str]:
    actor = valid_records()["actors/group.yml"]
    return {
        "actors/group.yml": actor,
        "actors/patron.yml": (
            "id: patron\nname: Patron\nkind: state\nprofile: A state.[@src]\nsources: [src]\n"
            "affiliations:\n"
            "  - relation: backed-by\n    actor: group\n    sources: [src]\n"
            f"  - relation: allied-with\n    actor: group\n    start: {start!r}\n    end: {end!r}\n    sources: [src]\n"
        ),
    }


def test_a_campaign_ending_before_it_starts_is_refused_at_its_end(make_tree: MakeTree) -> None:
    assert problems(make_tree, campaign("2024-03", "2024-01")) == [
        "content/campaigns/strikes.yml:4:6: error: end 2024-01 is before start 2024-03 (swap them or correct one)"
    ]


def test_an_affiliation_ending_before_it_starts_is_refused_at_its_end(make_tree: MakeTree) -> None:
    assert problems(make_tree, affiliation("2020", "2019~")) == [
        "content/actors/patron.yml:13:10: error: affiliations[1].end 2019~ is before start 2020 "
        "(swap them or correct one)"
    ]


def position(start: str, end: str) -> dict[str, str]:
    return {
        "actors/chief.yml": (
            "id: chief\nname: Chief\nkind: person\nprofile: A person.[@src]\nsources: [src]\n"
            f"positions:\n  - title: Chief\n    start: {start!r}\n    end: {end!r}\n    sources: [src]\n"
        )
    }


def test_a_position_ending_before_it_starts_is_refused_at_its_end(make_tree: MakeTree) -> None:
    assert problems(make_tree, position("2024-03-15", "2024-02")) == [
        "content/actors/chief.yml:9:10: error: positions[0].end 2024-02 is before start 2024-03-15 "
        "(swap them or correct one)"
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-03-02", "2024-03-01"),  # the day before
        ("2024-03", "2024-02-29"),  # the last day of the month before
        ("2024", "2023-12-31"),
        ("2024-03-15", "2023-10/2024-03-14"),  # a range ending the day before
    ],
)
def test_an_end_over_before_the_start_begins_is_refused(make_tree: MakeTree, start: str, end: str) -> None:
    assert problems(make_tree, campaign(start, end)) == [
        f"content/campaigns/strikes.yml:4:6: error: end {end} is before start {start} (swap them or correct one)"
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-01", "2024-01"),
        ("2024-01-15", "2024-01-15"),
        ("2023", "2024-02~"),
        ("2024-01", "2024-01/2024-02"),
        ("2024-03-15", "2024-03"),  # an end of March is all of March: it may be the 20th
        ("2024-03-15", "2024"),
        ("2024-12-31", "2024"),
        ("2024-03-15", "2024-02/.."),  # still going on
    ],
)
def test_a_campaign_or_affiliation_ending_when_it_starts_or_later_is_accepted(
    make_tree: MakeTree, start: str, end: str
) -> None:
    root = make_tree({**valid_records(), **campaign(start, end), **affiliation(start, end), **position(start, end)})
    index, _ = load_index(root)
    assert [c.id for c in index.corpus.campaigns] == ["strikes"]
    chief = next(a for a in index.corpus.actors if a.id == "chief")
    assert [(p.start, p.end) for p in chief.positions] == [(parse_date(start), parse_date(end))]
    patron = next(a for a in index.corpus.actors if a.id == "patron")
    assert [(a.start, a.end) for a in patron.affiliations][1:] == [(parse_date(start), parse_date(end))]


def test_an_open_ended_campaign_is_accepted(make_tree: MakeTree) -> None:
    text = campaign("2024-01", "x")[CAMPAIGN].replace("end: 'x'\n", "")
    index, _ = load_index(make_tree({**valid_records(), CAMPAIGN: text}))
    assert [c.end for c in index.corpus.campaigns] == [None]


def test_a_figure_range_may_have_equal_bounds(make_tree: MakeTree) -> None:
    claims = "\nsources: [src]\nclaims:\n  - {counts: killed, value: 5, value_max: 5, sources: [src]}\n"
    index, _ = load_index(make_tree({**valid_records(), **edit_event("\nsources: [src]\n", claims)}))
    assert [(c.value, c.value_max) for c in index.chronology[0].claims] == [(5, 5)]


def test_a_campaign_figure_range_running_high_to_low_is_refused(make_tree: MakeTree) -> None:
    text = (
        campaign("2024-01", "2024-02")[CAMPAIGN]
        + "claims:\n  - {counts: attacks, value: 9, value_max: 3, sources: [src]}\n"
    )
    assert problems(make_tree, {CAMPAIGN: text}) == [
        "content/campaigns/strikes.yml:8:5: error: claims[0].value_max 3 is smaller than value 9 "
        "(value..value_max is a range from low to high)"
    ]
