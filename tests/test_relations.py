"""Relations between events held to their dates, and circles of causes."""

from __future__ import annotations

import pytest

from generator.pages.pipeline import load_index
from tests.conftest import MakeTree, valid_records
from tests.test_validate import problems


def event(event_id: str, date: str, *relations: tuple[str, str]) -> dict[str, str]:
    text = valid_records()["events/2024-01-01-attack.yml"].replace("2024-01-01-attack", event_id)
    text = text.replace('date: "2024-01-01"', f"date: {date!r}").replace("title: An attack", f"title: Event {event_id}")
    if relations:
        text += "relations:\n" + "".join(f"  - {{relation: {r}, event: {e}}}\n" for r, e in relations)
    return {f"events/{event_id}.yml": text}


def events(*made: dict[str, str]) -> dict[str, str]:
    return {k: v for e in made for k, v in e.items()}


def test_an_answer_dated_before_what_it_answers_is_refused_at_the_relation(make_tree: MakeTree) -> None:
    assert problems(
        make_tree,
        events(event("a", "2024-01-01", ("in-response-to", "b")), event("b", "2024-01-02")),
    ) == [
        "content/events/a.yml:15:39: error: relations[0] is in response to 'b', which happened later "
        "(2024-01-02; this event: 2024-01-01) (correct a date, or turn the relation round and write it on 'b')"
    ]


def test_a_cause_dated_after_what_it_led_to_is_refused_at_the_relation(make_tree: MakeTree) -> None:
    assert problems(
        make_tree,
        events(event("a", "2024-02", ("related-to", "b"), ("led-to", "b")), event("b", "2024-01-31")),
    ) == [
        "content/events/a.yml:16:31: error: relations[1] led to 'b', which happened earlier "
        "(2024-01-31; this event: 2024-02) (correct a date, or turn the relation round and write it on 'b')"
    ]


@pytest.mark.parametrize(("first", "second"), [("2024-01-01~", "2024-01-02"), ("2024-01-01", "2024-01-02?")])
def test_an_approximate_or_uncertain_date_makes_it_a_warning(make_tree: MakeTree, first: str, second: str) -> None:
    root = make_tree({**valid_records(), **events(event("a", first, ("in-response-to", "b")), event("b", second))})
    _, warnings = load_index(root)
    assert [str(w) for w in warnings] == [
        f"content/events/a.yml:15:39: warning: relations[0] is in response to 'b', which may have happened later "
        f"({second}; this event: {first}) (check both dates; where a source says so, keep them and say why in the "
        "relation's note)"
    ]


@pytest.mark.parametrize(
    ("answer", "answered"),
    [
        ("2024-01-02", "2024-01-01"),  # a day later
        ("2024-01-01", "2024-01-01"),  # the same day
        ("2024-01", "2024-01-17"),  # sometime that month: may be after the 17th
        ("2024-01-17", "2024-01"),
        ("2024-01-01T10:00:00+03:00", "2024-01-01"),
        ("2023-12-31T23:30:00-05:00", "2024-01-01T04:00:00Z"),  # the same moment's next half hour, in UTC
        ("2023-10/..", "2024-01-01"),  # going on since October
        ("2023-10/2024-01", "2024-01-31"),  # a range ending in the month the answered event happened
    ],
)
def test_dates_that_allow_the_answer_to_come_after_are_accepted(
    make_tree: MakeTree, answer: str, answered: str
) -> None:
    root = make_tree({**valid_records(), **events(event("a", answer, ("in-response-to", "b")), event("b", answered))})
    index, warnings = load_index(root)
    assert warnings == []
    assert [e.id for e in index.corpus.events] == ["2024-01-01-attack", "a", "b"]


def test_two_events_each_in_response_to_the_other_are_a_circle(make_tree: MakeTree) -> None:
    assert problems(
        make_tree,
        events(event("a", "2024-01-01", ("in-response-to", "b")), event("b", "2024-01-01", ("in-response-to", "a"))),
    ) == [
        "content/events/a.yml:15:39: error: relations go round in a circle, each event following from the next: "
        "a → b → a (an event cannot follow from itself: remove or correct one of the relations)"
    ]


def test_a_longer_circle_through_led_to_is_found_once(make_tree: MakeTree) -> None:
    assert problems(
        make_tree,
        events(
            event("c", "2024-01", ("in-response-to", "a")),
            event("a", "2024-01", ("led-to", "d"), ("in-response-to", "b")),
            event("b", "2024-01", ("in-response-to", "c")),
            event("d", "2024-01"),
        ),
    ) == [
        "content/events/a.yml:16:39: error: relations go round in a circle, each event following from the next: "
        "a → b → c → a (an event cannot follow from itself: remove or correct one of the relations)"
    ]


def test_a_chain_and_a_fork_are_no_circle(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            **valid_records(),
            **events(
                event("a", "2024-01-03", ("in-response-to", "b"), ("in-response-to", "c")),
                event("b", "2024-01-02", ("in-response-to", "c"), ("related-to", "a")),
                event("c", "2024-01-01", ("led-to", "a")),
            ),
        }
    )
    _, warnings = load_index(root)
    # The links written on both records are warned of as such (tests/test_index.py), never as a circle.
    assert [w.message.split(" (")[0] for w in warnings] == ["'a' already links to this event"] * 2


def test_a_relation_wrong_in_time_is_not_also_reported_as_a_circle(make_tree: MakeTree) -> None:
    found = problems(
        make_tree,
        events(event("a", "2024-01-01", ("in-response-to", "b")), event("b", "2024-01-02", ("in-response-to", "a"))),
    )
    assert [p.split(": error: ")[1][:40] for p in found] == ["relations[0] is in response to 'b', whic"]


def test_a_circle_closed_twice_by_a_relation_written_twice_is_reported_once(make_tree: MakeTree) -> None:
    found = problems(
        make_tree,
        events(
            event("a", "2024-01-01", ("in-response-to", "b")),
            event("b", "2024-01-01", ("in-response-to", "a"), ("in-response-to", "a")),
        ),
    )
    assert [p.split(": error: ")[1][:30] for p in found] == ["relations go round in a circle"]
