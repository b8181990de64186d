"""The index: chronology order, what each actor did, and who links to whom."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import ContentError, Position
from generator.pages.pipeline import load_index
from generator.records.index import Index, _backlinks, build_index
from generator.records.load import load_content
from generator.records.validate import RefUse, validate
from tests.conftest import FIXTURE, MakeTree, valid_records

EVENT = "events/2024-01-01-attack.yml"


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
        ("2024-01-24-strikes-on-site-t", ("perpetrator", "quoted", "gave figures")),
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


def problems_with(make_tree: MakeTree, old: str, new: str, extra: dict[str, str] | None = None) -> list[str]:
    records = {**valid_records(), **(extra or {})}
    assert records[EVENT].count(old) == 1
    records[EVENT] = records[EVENT].replace(old, new)
    with pytest.raises(ContentError) as caught:
        load_index(make_tree(records))
    return [str(p) for p in caught.value.problems]


def test_an_unknown_id_with_nothing_close_says_which_file_to_create(make_tree: MakeTree) -> None:
    assert problems_with(make_tree, "  - actor: group", "  - actor: unheard-of") == [
        "content/events/2024-01-01-attack.yml:8:12: error: unknown actor 'unheard-of' in participants[0].actor "
        "(create content/actors/unheard-of.yml)"
    ]


def test_the_file_to_create_is_in_the_content_folder_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for relative, text in valid_records().items():
        path = tmp_path / "shipping" / "records" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("  - actor: group", "  - actor: unheard-of"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_index(tmp_path / "shipping" / "records")
    assert [str(p) for p in caught.value.problems] == [
        "shipping/records/events/2024-01-01-attack.yml:8:12: error: unknown actor 'unheard-of' in "
        "participants[0].actor (create shipping/records/actors/unheard-of.yml)"
    ]


def test_an_unknown_cross_reference_with_nothing_close_asks_to_check_the_id(make_tree: MakeTree) -> None:
    assert problems_with(make_tree, "[[town]]", "[[unheard-of]]") == [
        "content/events/2024-01-01-attack.yml:12:10: error: unknown record 'unheard-of' in summary [[unheard-of]] "
        "(check the id)"
    ]


def test_did_you_mean_names_only_ids_of_the_kind_the_field_allows(make_tree: MakeTree) -> None:
    # 'grouping' is a place one letter from the typo; the only actor, 'group', is further away
    place = "id: grouping\nname: Grouping\nkind: town\ndescription: A town.[@src]\nsources: [src]\n"
    assert problems_with(make_tree, "  - actor: group", "  - actor: groupings", {"places/grouping.yml": place}) == [
        "content/events/2024-01-01-attack.yml:8:12: error: unknown actor 'groupings' in participants[0].actor "
        "(did you mean 'group'?)"
    ]
    assert problems_with(make_tree, "  - actor: group", "  - actor: grouping", {"places/grouping.yml": place}) == [
        "content/events/2024-01-01-attack.yml:8:12: error: 'grouping' is a place, not an actor, in "
        "participants[0].actor (use the id of an actor)"
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "nobody",
            "x.yml:3:4: error: unknown actor or place 'nobody' in located_near (check the id)",
        ),
        (
            "2024-01-01-attack",
            "x.yml:3:4: error: '2024-01-01-attack' is an event, not an actor or place, in located_near "
            "(use the id of an actor or place)",
        ),
    ],
)
def test_a_field_allowing_several_kinds_names_them_all(make_tree: MakeTree, target: str, expected: str) -> None:
    validated = validate(load_content(make_tree(valid_records())))
    use = RefUse("town", target, ("actors", "places"), "located_near", Position("x.yml", 3, 4))
    _, found = build_index(dataclasses.replace(validated, refs=(*validated.refs, use)))
    assert [str(p) for p in found] == [expected]


def test_an_actors_roles_in_one_event_are_kept_once_in_the_order_first_given(make_tree: MakeTree) -> None:
    records = valid_records()
    records[EVENT] = records[EVENT].replace(
        "summary:",
        "  - actor: group\n    role: claimed-responsibility\n    attribution: declared\n    sources: [src]\n"
        "  - actor: group\n    role: perpetrator\n    attribution: reported\n    sources: [src]\n"
        "statements:\n"
        "  - speaker: group\n    words: We did it.\n    sources: [src]\n"
        "  - speaker: group\n    words: Again.\n    sources: [src]\n"
        "claims:\n"
        "  - counts: killed\n    value: 2\n    claimed_by: group\n    sources: [src]\n"
        "  - counts: injured\n    value: 3\n    claimed_by: group\n    sources: [src]\n"
        "summary:",
    )
    index, _ = load_index(make_tree(records))
    assert [(e.event.id, e.roles) for e in index.actor_events["group"]] == [
        ("2024-01-01-attack", ("perpetrator", "claimed-responsibility", "quoted", "gave figures"))
    ]


def related_pair(relation: str, back: str) -> dict[str, str]:
    """Two events, each linking to the other."""
    files = valid_records()
    first = files[EVENT]
    second = first.replace("2024-01-01-attack", "2024-01-02-reply").replace("An attack", "A reply")
    files[EVENT] = first + f"relations:\n  - {{relation: {relation}, event: 2024-01-02-reply, sources: [src]}}\n"
    files["events/2024-01-02-reply.yml"] = (
        second + f"relations:\n  - {{relation: {back}, event: 2024-01-01-attack, sources: [src]}}\n"
    )
    return files


@pytest.mark.parametrize(("relation", "back"), [("related-to", "related-to"), ("led-to", "in-response-to")])
def test_a_link_written_on_both_events_is_a_warning_at_the_second(
    make_tree: MakeTree, relation: str, back: str
) -> None:
    _, warnings = load_index(make_tree(related_pair(relation, back)))
    column = len("  - {relation: , event: ") + len(back) + 1  # the second record's `event:` value
    first_column = len("  - {relation: , event: ") + len(relation) + 1
    assert [str(w) for w in warnings] == [
        f"content/events/2024-01-02-reply.yml:15:{column}: warning: '2024-01-01-attack' already links to this event "
        f"({relation} at content/events/2024-01-01-attack.yml:15:{first_column}); "
        "each card shows it anyway (keep it on one of the two records, with all its sources)"
    ]


def test_a_link_written_once_is_no_warning(make_tree: MakeTree) -> None:
    files = related_pair("led-to", "in-response-to")
    files["events/2024-01-02-reply.yml"] = files["events/2024-01-02-reply.yml"].split("relations:")[0]
    assert load_index(make_tree(files))[1] == []
