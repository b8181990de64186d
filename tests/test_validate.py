"""One test per bad-input case, asserting the exact message and position."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.records.load import LoadCache, load_content
from generator.records.validate import ValidateCache, validate
from tests.conftest import MakeTree, valid_records

EVENT = "events/2024-01-01-attack.yml"


def problems(make_tree: MakeTree, changes: dict[str, str]) -> list[str]:
    root = make_tree({**valid_records(), **changes})
    with pytest.raises(ContentError) as caught:
        load_index(root)
    return [str(p) for p in caught.value.problems]


def edit_event(old: str, new: str) -> dict[str, str]:
    text = valid_records()[EVENT]
    assert text.count(old) == 1
    return {EVENT: text.replace(old, new)}


def test_valid_content_has_no_problems(make_tree: MakeTree) -> None:
    index, warnings = load_index(make_tree(valid_records()))
    assert warnings == []
    assert [e.id for e in index.chronology] == ["2024-01-01-attack"]


CASES = [
    pytest.param(
        edit_event("title: An attack\n", ""),
        "content/events/2024-01-01-attack.yml:1:1: error: missing required field 'title' (add 'title: …')",
        id="missing-required",
    ),
    pytest.param(
        edit_event("title:", "titel:"),
        "content/events/2024-01-01-attack.yml:2:1: error: unknown field 'titel' (did you mean 'title'?)",
        id="unknown-field",
    ),
    pytest.param(
        edit_event("    role: perpetrator\n", "    role: perpetrator\n    rol: x\n"),
        "content/events/2024-01-01-attack.yml:10:5: error: unknown field 'participants[0].rol' (did you mean 'role'?)",
        id="unknown-nested-field",
    ),
    pytest.param(
        edit_event("\nsources: [src]\n", "\nsources: src\n"),
        "content/events/2024-01-01-attack.yml:13:10: error: 'sources' must be a list, not text",
        id="wrong-type-list",
    ),
    pytest.param(
        edit_event("title: An attack", "title: [An, attack]"),
        "content/events/2024-01-01-attack.yml:2:8: error: 'title' must be text, not a list (put text in quotes)",
        id="wrong-type-text",
    ),
    pytest.param(
        edit_event('date: "2024-01-01"', 'date: "2024-02-30"'),
        "content/events/2024-01-01-attack.yml:3:7: error: invalid date in 'date': February 2024 has 29 days, "
        "not 30 (write it in EDTF: 2024, 2024-01, 2024-01-24, 199X, or 2024-01-24T00:15:00+03:00; ~ after it "
        "for approximate, ? for uncertain; 2024-01/2024-03 for a range, 2023-10-17/.. for one going on)",
        id="impossible-date",
    ),
    pytest.param(
        edit_event('date: "2024-01-01"', 'date: "2024-03/2024-01"'),
        "content/events/2024-01-01-attack.yml:3:7: error: invalid date in 'date': range ends (2024-01) before it "
        "starts (2024-03) (write it in EDTF: 2024, 2024-01, 2024-01-24, 199X, or 2024-01-24T00:15:00+03:00; ~ "
        "after it for approximate, ? for uncertain; 2024-01/2024-03 for a range, 2023-10-17/.. for one going on)",
        id="end-before-start",
    ),
    pytest.param(
        edit_event("type: rocket-attack", "type: rocket-atack"),
        "content/events/2024-01-01-attack.yml:4:7: error: unknown event-type 'rocket-atack' in 'type' "
        "(did you mean 'rocket-attack'?)",
        id="unknown-vocabulary",
    ),
    pytest.param(
        edit_event("attribution: claimed", "attribution: rumoured"),
        "content/events/2024-01-01-attack.yml:10:18: error: unknown attribution 'rumoured' in "
        "'participants[0].attribution' (the terms are: declared, claimed, alleged, assessed, reported; or add a "
        "term under vocabularies: attribution: add: in briefing.yml)",
        id="unknown-vocabulary-no-close-match",
    ),
    pytest.param(
        edit_event("  - actor: group", "  - actor: grop"),
        "content/events/2024-01-01-attack.yml:8:12: error: unknown actor 'grop' in participants[0].actor "
        "(did you mean 'group'?)",
        id="unknown-reference",
    ),
    pytest.param(
        edit_event("  - actor: group", "  - actor: town"),
        "content/events/2024-01-01-attack.yml:8:12: error: 'town' is a place, not an actor, in "
        "participants[0].actor (use the id of an actor)",
        id="reference-to-wrong-kind",
    ),
    pytest.param(
        edit_event("[[town]]", "[[twon]]"),
        "content/events/2024-01-01-attack.yml:12:10: error: unknown record 'twon' in summary [[twon]] "
        "(did you mean 'town'?)",
        id="unknown-cross-reference",
    ),
    pytest.param(
        edit_event("[@src]", "[@scr]"),
        "content/events/2024-01-01-attack.yml:12:10: error: unknown source 'scr' in summary [@scr] "
        "(did you mean 'src'?)",
        id="unknown-citation",
    ),
    pytest.param(
        edit_event("[[town]]", "[[Town Hall]]"),
        "content/events/2024-01-01-attack.yml:12:10: error: malformed cross-reference '[[Town Hall]]' in "
        "'summary' (write [[record-id]] or [[record-id|link text]])",
        id="malformed-cross-reference",
    ),
    pytest.param(
        {"actors/group2.yml": "id: group\nname: G\nkind: armed-group\nprofile: x\nsources: [src]\n"},
        "content/actors/group2.yml:1:5: error: id 'group' does not match the file name 'group2.yml' "
        "(rename the file to 'group.yml' or set 'id: group2')",
        id="file-name-mismatch",
    ),
    pytest.param(
        {"places/group.yml": "id: group\nname: G\nkind: town\ndescription: x\nsources: [src]\n"},
        "content/places/group.yml:1:5: error: duplicate id 'group' (first defined at content/actors/group.yml:1:5) "
        "(ids are unique across events, actors, places, sources and campaigns)",
        id="duplicate-id",
    ),
    pytest.param(
        {"actors/Big_Group.yml": "id: Big_Group\nname: G\nkind: armed-group\nprofile: x\nsources: [src]\n"},
        "content/actors/Big_Group.yml:1:5: error: id 'Big_Group' is not a lowercase slug "
        "(use lowercase letters, digits and single hyphens, e.g. 'big-group')",
        id="id-not-a-slug",
    ),
    pytest.param(
        {"sources/src.yml": "id: src\ntitle: A\nkind: news-report\nurl: javascript:alert(1)\n"},
        "content/sources/src.yml:4:6: error: 'url' must be an http(s) URL, not 'javascript:alert(1)' "
        "(write the full https://… address)",
        id="javascript-url",
    ),
    pytest.param(
        {"sources/src.yml": "id: src\ntitle: A\nkind: news-report\narchive_url: data:text/html,x\n"},
        "content/sources/src.yml:4:14: error: 'archive_url' must be an http(s) URL, not 'data:text/html,x' "
        "(write the full https://… address)",
        id="data-url",
    ),
    pytest.param(
        edit_event(
            "\nsources: [src]\n",
            "\nsources: [src]\nclaims:\n  - {counts: killed, value: 5, value_max: 2, sources: [src]}\n",
        ),
        "content/events/2024-01-01-attack.yml:15:5: error: claims[0].value_max 2 is smaller than value 5 "
        "(value..value_max is a range from low to high)",
        id="claim-range-reversed",
    ),
    pytest.param(
        edit_event(
            "\nsources: [src]\n", "\nsources: [src]\nclaims:\n  - {counts: killed, value: -1, sources: [src]}\n"
        ),
        "content/events/2024-01-01-attack.yml:15:29: error: 'claims[0].value' must be at least 0, not -1",
        id="negative-figure",
    ),
    pytest.param(
        edit_event("\nsources: [src]\n", "\nsources: []\n"),
        "content/events/2024-01-01-attack.yml:13:10: error: 'sources' needs at least 1 item (add one)",
        id="event-without-source",
    ),
    pytest.param(
        edit_event("title: An attack", "title: ''"),
        "content/events/2024-01-01-attack.yml:2:8: error: 'title' is empty (fill it in: it is required)",
        id="empty-required-text",
    ),
    pytest.param(
        edit_event("title: An attack", "title:"),
        "content/events/2024-01-01-attack.yml:2:1: error: 'title' is empty (fill it in: it is required)",
        id="required-field-left-blank",
    ),
    pytest.param(
        edit_event("    role: perpetrator", "    role:   # perpetrator, target, …"),
        "content/events/2024-01-01-attack.yml:9:5: error: 'participants[0].role' is empty (fill it in: it is required)",
        id="required-nested-field-left-blank",
    ),
    pytest.param(
        edit_event("title: An attack", "title: An attack\ntime_zone_name: ' '"),
        "content/events/2024-01-01-attack.yml:3:17: error: 'time_zone_name' is empty (fill it in or remove the field)",
        id="empty-optional-text",
    ),
    pytest.param(
        {
            "actors/group.yml": "id: group\nname: G\nkind: armed-group\nprofile: x\nsources: [src]\n"
            "positions:\n  - {title: Chief, sources: [src]}\n"
        },
        "content/actors/group.yml:6:1: error: 'positions' are for people only "
        "(set 'kind: person' or move the positions to the person's record)",
        id="positions-on-a-group",
    ),
    pytest.param(
        {"places/town.yml": "id: town\nname: T\nkind: town\ndescription: x\nsources: [src]\nlocated_in: town\n"},
        "content/places/town.yml:6:13: error: record refers to itself in located_in (point it at another record)",
        id="place-inside-itself",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_bad_input(make_tree: MakeTree, changes: dict[str, str], expected: str) -> None:
    assert expected in problems(make_tree, changes)


def test_every_problem_reported_in_one_run_sorted(make_tree: MakeTree) -> None:
    found = problems(
        make_tree,
        {
            **edit_event("type: rocket-attack", "type: rockets"),
            "actors/group.yml": "id: group\nnaem: G\nkind: armed-group\nprofile: x\nsources: [src]\n",
            "places/town.yml": "id: town\nname: T\nkind: twn\ndescription: x\nsources: [src]\n",
        },
    )
    assert found == sorted(found, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert len(found) == 4
    assert found[0].startswith("content/actors/group.yml:1:1: error: missing required field 'name'")
    assert found[1].startswith("content/actors/group.yml:2:1: error: unknown field 'naem'")


def test_two_records_of_a_kind_with_one_title_are_an_error_at_the_second(make_tree: MakeTree) -> None:
    second = valid_records()["events/2024-01-01-attack.yml"].replace("2024-01-01-attack", "2024-01-02-attack")
    second = second.replace("title: An attack", "title: '  an   ATTACK'").replace("type: rocket-attack", "type: x")
    found = problems(make_tree, {"events/2024-01-02-attack.yml": second})
    assert found[0] == (
        "content/events/2024-01-02-attack.yml:2:8: error: title '  an   ATTACK' is also the title of "
        "'2024-01-01-attack' (content/events/2024-01-01-attack.yml:2:8): readers could not tell their pages apart "
        "(make each title say what sets it apart: who, what, where or when)"
    )
    assert len(found) == 2, "the record's other mistake is reported in the same run"
    assert found[1].startswith("content/events/2024-01-02-attack.yml:4:7: error: unknown event-type 'x'")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("actors/group.yml", "id: zz-twin\nname: ' GROUP '\nkind: armed-group\nprofile: x[@src]\nsources: [src]\n"),
        ("places/town.yml", "id: zz-twin\nname: town\nkind: town\ndescription: x[@src]\nsources: [src]\n"),
        ("campaigns/strikes.yml", "id: zz-twin\nname: Strikes\nstart: '2024'\ndescription: x[@src]\nsources: [src]\n"),
    ],
)
def test_two_actors_places_or_campaigns_with_one_name_are_an_error_at_the_second(
    make_tree: MakeTree, first: str, second: str
) -> None:
    kind, stem = first.split("/")[0], first.split("/")[1].removesuffix(".yml")
    strikes = "id: strikes\nname: Strikes\nstart: '2024'\ndescription: x[@src]\nsources: [src]\n"
    files = {**valid_records(), "campaigns/strikes.yml": strikes, f"{kind}/zz-twin.yml": second}
    with pytest.raises(ContentError) as caught:
        load_index(make_tree(files))
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(f"content/{kind}/zz-twin.yml:2:7: error: name ")
    assert f"is also the name of '{stem}' (content/{first}:2:7)" in found[0]


def test_a_record_with_a_blank_name_does_not_hide_a_later_duplicate(make_tree: MakeTree) -> None:
    blank = "id: blank\nname: ''\nkind: armed-group\nprofile: x[@src]\nsources: [src]\n"
    twin = "id: zz-twin\nname: Group\nkind: armed-group\nprofile: x[@src]\nsources: [src]\n"
    with pytest.raises(ContentError) as caught:
        load_index(make_tree({**valid_records(), "actors/blank.yml": blank, "actors/zz-twin.yml": twin}))
    assert any("is also the name of 'group'" in str(p) for p in caught.value.problems)


def test_a_name_shared_by_records_of_different_kinds_is_no_problem(make_tree: MakeTree) -> None:
    actor = "id: town-council\nname: Town\nkind: armed-group\nprofile: x[@src]\nsources: [src]\n"
    _, warnings = load_index(make_tree({**valid_records(), "actors/town-council.yml": actor}))
    assert warnings == []


def test_references_to_a_broken_record_are_not_repeated(make_tree: MakeTree) -> None:
    found = problems(make_tree, {"actors/group.yml": "id: group\nkind: armed-group\nprofile: x\nsources: [src]\n"})
    assert found == ["content/actors/group.yml:1:1: error: missing required field 'name' (add 'name: …')"]


def test_place_cycle(make_tree: MakeTree) -> None:
    found = problems(
        make_tree,
        {
            "places/a.yml": "id: a\nname: A\nkind: town\ndescription: x\nsources: [src]\nlocated_in: b\n",
            "places/b.yml": "id: b\nname: B\nkind: town\ndescription: x\nsources: [src]\nlocated_in: a\n",
        },
    )
    assert found == [
        "content/places/a.yml:1:1: error: 'located_in' of 'a' loops back to itself (a place cannot lie within itself)",
        "content/places/b.yml:1:1: error: 'located_in' of 'b' loops back to itself (a place cannot lie within itself)",
    ]


def test_a_record_without_an_id_is_told_which_id_to_add(make_tree: MakeTree) -> None:
    found = problems(make_tree, {"actors/group.yml": "name: G\nkind: armed-group\nprofile: x\nsources: [src]\n"})
    assert found == [
        "content/actors/group.yml:1:1: error: missing required field 'id' (add 'id: group' as the first line)"
    ]


def test_briefing_fields_are_named_as_written(make_tree: MakeTree) -> None:
    found = problems(make_tree, {"briefing.yml": "scope: What it covers.[@src]\nscop: S\n"})
    assert found == ["content/briefing.yml:2:1: error: unknown field 'scop' (did you mean 'scope'?)"]


def test_a_record_with_the_id_briefing_is_not_the_briefing(make_tree: MakeTree) -> None:
    files = {
        **valid_records(),
        "sources/briefing.yml": "id: briefing\ntitle: A briefing paper\nkind: think-tank-analysis\n",
        "briefing.yml": "scope: What [[town]] saw.[@briefing]\n",
    }
    index, warnings = load_index(make_tree(files))
    assert warnings == []
    assert "briefing" not in index.backlinks.get("town", ())


def test_an_unchanged_record_is_not_converted_again(make_tree: MakeTree) -> None:
    root = make_tree({**valid_records(), "actors/other.yml": "id: other\nname: O\nkind: state\nprofil: x\n"})
    loaded: LoadCache = {}
    cache = ValidateCache()
    first = validate(load_content(root, loaded), cache)
    second = validate(load_content(root, loaded), cache)
    assert second.corpus.events[0] is first.corpus.events[0]
    assert second.refs == first.refs
    # A broken record is not converted again either, and its problems are still reported.
    assert [str(p) for p in first.problems] == [
        "content/actors/other.yml:4:1: error: unknown field 'profil' (did you mean 'profile'?)",
        "content/actors/other.yml:1:1: error: missing required field 'profile' (add 'profile: …')",
        "content/actors/other.yml:1:1: error: missing required field 'sources' (add 'sources: …')",
    ]
    assert second.problems == first.problems


def test_every_schema_object_and_record_has_a_model_with_exactly_its_fields() -> None:
    """The schema is the one definition: each of its mappings must build its dataclass, field for field."""
    import dataclasses

    from generator.records import schema
    from generator.records.convert import OBJECT_CLASSES
    from generator.records.validate import RECORD_CLASSES

    positions = {"position", "field_positions"}
    tables = [(OBJECT_CLASSES, schema.OBJECTS, set()), (RECORD_CLASSES, schema.RECORDS, positions)]
    for classes, definitions, extra in tables:
        assert set(classes) == set(definitions)
        for name, fields in definitions.items():
            built = {f.name for f in dataclasses.fields(classes[name])} - extra
            assert built == {f.name for f in fields}, name
