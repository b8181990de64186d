"""The index: chronology order, what each actor did, and who links to whom."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import Position
from generator.records.index import Index, _backlinks, build_index
from generator.records.load import load_content
from generator.records.validate import RefUse, validate
from tests.conftest import FIXTURE


@pytest.fixture(scope="module")
def index() -> Index:
    built, problems = build_index(validate(load_content(FIXTURE)))
    assert problems == []
    return built


def test_chronology_puts_coarse_dates_first(index: Index) -> None:
    assert [e.id for e in index.chronology] == [
        "2024-01-strike-month-only",
        "2024-01-20-attack-on-base-b",
        "2024-01-24-strikes-on-site-t",
    ]


def test_actor_events_keep_every_role_once_in_order(index: Index) -> None:
    did = {a: [(e.event.id, e.roles) for e in events] for a, events in index.actor_events.items()}
    assert did["state-s"] == [
        ("2024-01-20-attack-on-base-b", ("target", "gave figures")),
        ("2024-01-24-strikes-on-site-t", ("perpetrator", "gave figures")),
    ]
    assert did["leader-l"] == [("2024-01-24-strikes-on-site-t", ("quoted",))]
    assert did["umbrella-u"] == [("2024-01-24-strikes-on-site-t", ("gave figures",))]


def test_backlinks_are_sorted_and_never_self(index: Index) -> None:
    assert index.backlinks["country-c"] == ("base-b", "site-t")
    assert index.backlinks["2024-01-20-attack-on-base-b"] == ("2024-01-24-strikes-on-site-t",)
    assert all(target not in owners for target, owners in index.backlinks.items())
    assert all(list(owners) == sorted(owners) for owners in index.backlinks.values())


def test_every_record_has_its_kind(index: Index) -> None:
    assert index.kind_of == {r.id: index.kind(r.id) for r in index.corpus.records()}
    assert index.kind("report-b") == "sources" and index.kind("strikes-2024") == "campaigns"


IDS = ["a", "b", "c", "d", "briefing"]


@given(
    st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)), max_size=40),
    st.sets(st.sampled_from(IDS)),
)
def test_backlinks_match_the_plain_definition(pairs: list[tuple[str, str]], known: set[str]) -> None:
    refs = [RefUse(owner, target, ("events",), "summary", Position("x.yml", 1, 1)) for owner, target in pairs]
    by_id: dict[str, Any] = {i: object() for i in known}
    expected: dict[str, tuple[str, ...]] = {}
    for target in sorted(known):
        owners = sorted({o for o, t in pairs if t == target and o in known and o != target})
        if owners:
            expected[target] = tuple(owners)
    assert _backlinks(refs, by_id) == expected
