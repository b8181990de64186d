"""Former ids and a record's own page dates: what the editor is told, and where."""

from __future__ import annotations

import pytest

from generator.pages.pipeline import load_index
from generator.records.dates import parse_date
from tests.conftest import MakeTree, valid_records
from tests.test_validate import EVENT, problems

ACTOR = "actors/group.yml"


def former(record: str, ids: str) -> dict[str, str]:
    """A valid record given `former_ids: [ids]` on its last line."""
    return {record: valid_records()[record] + f"former_ids: [{ids}]\n"}


def with_lines(lines: str) -> dict[str, str]:
    """The valid event with these lines added at its end."""
    return {EVENT: valid_records()[EVENT] + lines}


def test_former_ids_are_kept_on_the_record(make_tree: MakeTree) -> None:
    index, warnings = load_index(make_tree({**valid_records(), **former(ACTOR, "old-group, older-group")}))
    assert warnings == []
    assert index.corpus.actors[0].former_ids == ("old-group", "older-group")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            former(ACTOR, "town"),
            "content/actors/group.yml:6:14: error: former_ids[0] 'town' is the id of another record "
            "(content/places/town.yml:1:1): its page is at that address "
            "(remove the former id, or rename the other record)",
        ),
        (
            former(ACTOR, "old, group"),
            "content/actors/group.yml:6:19: error: former_ids[1] 'group' is the record's own id (remove it)",
        ),
        (
            {**former(ACTOR, "old"), **former("places/town.yml", "new, old")},
            "content/places/town.yml:6:19: error: former_ids[1] 'old' is also a former id of 'group' "
            "(content/actors/group.yml:6:14): one address cannot redirect to both (keep it on the record that had "
            "the id)",
        ),
        (
            former(ACTOR, "Old Group"),
            "content/actors/group.yml:6:14: error: 'former_ids[0]' value 'Old Group' is not a lowercase slug "
            "(write 'old-group')",
        ),
    ],
    ids=["another-record", "its-own", "another-former-id", "not-a-slug"],
)
def test_colliding_former_ids_are_errors_at_the_former_id(
    make_tree: MakeTree, changes: dict[str, str], expected: str
) -> None:
    assert problems(make_tree, changes) == [expected]


def test_page_dates_are_kept_on_the_record(make_tree: MakeTree) -> None:
    changes = with_lines('published: "2024-01-02"\nupdated: "2024-02-03"\n')
    index, _ = load_index(make_tree({**valid_records(), **changes}))
    event = index.corpus.events[0]
    assert (event.published, event.updated) == (parse_date("2024-01-02"), parse_date("2024-02-03"))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            'published: "2024-02"\n',
            "content/events/2024-01-01-attack.yml:14:12: error: 'published' must be one day, not '2024-02' "
            "(write the day the page changed, e.g. '2024-01-24')",
        ),
        (
            'updated: "2024-02-03~"\n',
            "content/events/2024-01-01-attack.yml:14:10: error: 'updated' must be one day, not '2024-02-03~' "
            "(write the day the page changed, e.g. '2024-01-24')",
        ),
        (
            'published: "2024-02-03"\nupdated: "2024-02-01"\n',
            "content/events/2024-01-01-attack.yml:15:10: error: page updated 2024-02-01 is before published "
            "2024-02-03 (swap them or correct one)",
        ),
    ],
    ids=["month", "approximate", "updated-before-published"],
)
def test_page_dates_must_be_days_in_order(make_tree: MakeTree, dates: str, expected: str) -> None:
    assert problems(make_tree, with_lines(dates)) == [expected]


def test_a_source_keeps_its_own_published_date_meaning_the_document(make_tree: MakeTree) -> None:
    """A source's `published` is the document's, of any precision: the page-date rule is not applied to it."""
    source = {"sources/src.yml": valid_records()["sources/src.yml"] + 'published: "2024-01"\n'}
    index, _ = load_index(make_tree({**valid_records(), **source}))
    assert index.corpus.sources[0].published == parse_date("2024-01")
