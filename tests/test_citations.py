"""Citation checks: how narrative splits into sentences, what counts as cited, and what is reported where."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.checks.citations import citation_problems, coverage, sentences
from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.records.index import Index
from generator.records.markup import parse_narrative
from tests.conftest import MakeTree, valid_records


def split(text: str) -> list[tuple[str, bool]]:
    narrative, problems = parse_narrative(text)
    assert problems == []
    return sentences(narrative)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. struck.[@a] Then more.",
            [("The U.S. struck.", True), ("Then more.", False)],
            id="U.S.",
        ),
        pytest.param(
            "Maj. Gen. Ryder spoke.[@a] Next one.",
            [("Maj. Gen. Ryder spoke.", True), ("Next one.", False)],
            id="Maj. Gen.",
        ),
        pytest.param(
            "It hit at 9 a.m. Iraq time.[@a] Later.",
            [("It hit at 9 a.m. Iraq time.", True), ("Later.", False)],
            id="a.m.",
        ),
        pytest.param(
            "Groups, e.g. Kataib Hezbollah, fired.[@a] More.",
            [("Groups, e.g. Kataib Hezbollah, fired.", True), ("More.", False)],
            id="e.g.",
        ),
        pytest.param(
            "Tower No. 4 was hit.[@a] More.",
            [("Tower No. 4 was hit.", True), ("More.", False)],
            id="No.",
        ),
        pytest.param(
            "Was it? Yes![@a] He said “stop.”[@a][@b] Then (quietly.) Done.",
            [
                ("Was it?", False),
                ("Yes!", True),
                ("He said “stop.”", True),
                ("Then (quietly.)", False),
                ("Done.", False),
            ],
            id="question-exclamation-quote-bracket",
        ),
        pytest.param(
            "Cited in the middle [@a] of it. Not this one.",
            [("Cited in the middle of it.", True), ("Not this one.", False)],
            id="citation-inside",
        ),
        pytest.param(
            "One.[@a] Two\nwraps.[@b]\n\nThree.",
            [("One.", True), ("Two wraps.", True), ("Three.", False)],
            id="lines-and-paragraphs",
        ),
    ],
)
def test_sentences_end_at_full_stops_not_abbreviations(text: str, expected: list[tuple[str, bool]]) -> None:
    assert split(text) == expected


def test_a_citation_after_the_full_stop_and_a_space_counts_for_that_sentence_only() -> None:
    assert split("It happened. [@a] Then more.") == [("It happened.", True), ("Then more.", False)]
    assert split("It happened.\n[@a]\nThen more.[@b]") == [("It happened.", True), ("Then more.", True)]


@pytest.mark.parametrize("text", ["[@a]", "[@a] [@b]", "  "])
def test_a_narrative_without_words_has_no_sentence(text: str) -> None:
    assert split(text) == []


CAMPAIGN = (
    "id: campaign\nname: A campaign\nstart: '2024'\n"
    "description: Strikes went on.[@src] Nobody counted them. Who knows?\nsources: [src]\n"
)


def test_every_uncited_sentence_is_a_note_at_its_own_position(make_tree: MakeTree) -> None:
    records = {**valid_records(), "campaigns/campaign.yml": CAMPAIGN}
    records["places/town.yml"] = records["places/town.yml"].replace("A town.[@src]", "Uncited first. A town.[@src]")
    cover = coverage(load_index(make_tree(records))[0])
    assert [str(p) for p in cover.uncited] == [
        "content/places/town.yml:4:14: note: uncited sentence in description: “Uncited first.” "
        "(add [@source] after it)",
        "content/campaigns/campaign.yml:4:37: note: uncited sentence in description: “Nobody counted them.” "
        "(add [@source] after it)",
        "content/campaigns/campaign.yml:4:58: note: uncited sentence in description: “Who knows?” "
        "(add [@source] after it)",
    ]
    # 7 sentences, 4 of them cited; 1 fact (the participant), cited
    assert (cover.cited, cover.total) == (5, 8)


SUMMARIES = [
    pytest.param(
        "summary: >-\n  Rockets hit [[town]].[@src] Nobody\n  said why. It reopened\n  at noon.[@src]\n  A last one.\n",
        ["13:31 “Nobody said why.”", "16:3 “A last one.”"],
        id="folded",
    ),
    pytest.param(
        "summary: |\n    Rockets hit [[town]].[@src]\n\n    Nobody said why.\n",
        ["15:5 “Nobody said why.”"],
        id="literal-with-a-blank-line",
    ),
    pytest.param(
        'summary: "Rockets hit [[town|the \\"town\\"]].[@src] It\'s \\"unclear\\" why."\n',
        ['12:52 “It\'s "unclear" why.”'],
        id="double-quoted-with-escapes",
    ),
    pytest.param(
        "summary: 'Rockets hit [[town]].[@src] It''s unclear\n  why.'\n",
        ["12:39 “It's unclear why.”"],
        id="single-quoted-folded",
    ),
    pytest.param(
        "summary:\n  Rockets hit [[town]].[@src]\n  Nobody said why.\n",
        ["14:3 “Nobody said why.”"],
        id="plain-on-lines-of-its-own",
    ),
]


@pytest.mark.parametrize(("summary", "expected"), SUMMARIES)
def test_an_uncited_sentence_is_found_in_any_style_of_yaml_text(
    make_tree: MakeTree, summary: str, expected: list[str]
) -> None:
    records = valid_records()
    event = records["events/2024-01-01-attack.yml"]
    records["events/2024-01-01-attack.yml"] = event.replace("summary: Rockets hit [[town]].[@src]\n", summary)
    cover = coverage(load_index(make_tree(records))[0])
    found = [f"{p.position.line}:{p.position.col} {p.message.split(': ', 1)[1]}" for p in cover.uncited]
    assert found == expected


def test_a_file_changed_since_it_was_loaded_gives_the_fields_position(make_tree: MakeTree) -> None:
    records = {**valid_records(), "campaigns/campaign.yml": CAMPAIGN}
    index, _ = load_index(make_tree(records))
    cover = coverage(index, read=lambda path: "id: campaign\n")
    assert [str(p.position) for p in cover.uncited] == ["content/campaigns/campaign.yml:4:14"] * 2
    cover = coverage(index, read=lambda path: None)
    assert [str(p.position) for p in cover.uncited] == ["content/campaigns/campaign.yml:4:14"] * 2


def test_a_briefings_own_abbreviations_do_not_end_a_sentence(make_tree: MakeTree) -> None:
    narrative, _ = parse_narrative("Kpt. Ali held it.[@a] Then more.")
    assert sentences(narrative) == [("Kpt.", False), ("Ali held it.", True), ("Then more.", False)]
    assert sentences(narrative, ["Kpt"]) == [("Kpt. Ali held it.", True), ("Then more.", False)]
    records = valid_records()
    records["places/town.yml"] = records["places/town.yml"].replace("A town.[@src]", "Kpt. Ali held the town.[@src]")
    cover = coverage(load_index(make_tree(records))[0])
    assert [p.message for p in cover.uncited] == ["uncited sentence in description: “Kpt.”"]
    briefing = "scope: A briefing.[@src]\nabbreviations: [Kpt]\n"
    cover = coverage(load_index(make_tree({**records, "briefing.yml": briefing}))[0])
    assert (cover.cited, cover.total, cover.uncited) == (4, 4, ())


@pytest.mark.usefixtures("ascii_locale")
def test_an_uncited_sentence_is_found_in_a_file_read_as_utf8_whatever_the_locale(make_tree: MakeTree) -> None:
    records = valid_records()
    records["places/town.yml"] = records["places/town.yml"].replace("A town.[@src]", "Ḥalab’s town.[@src] Who knows?")
    cover = coverage(load_index(make_tree(records))[0])
    assert [str(p) for p in cover.uncited] == [
        "content/places/town.yml:4:34: note: uncited sentence in description: “Who knows?” (add [@source] after it)"
    ]


@pytest.mark.parametrize(
    ("length", "shown"),
    [(80, "S" + "x" * 78 + "."), (81, "S" + "x" * 78 + "…"), (120, "S" + "x" * 78 + "…")],
)
def test_a_long_uncited_sentence_is_cut_to_80_characters(make_tree: MakeTree, length: int, shown: str) -> None:
    records = valid_records()
    sentence = "S" + "x" * (length - 2) + "."
    records["places/town.yml"] = records["places/town.yml"].replace("A town.[@src]", f"A town.[@src] {sentence}")
    cover = coverage(load_index(make_tree(records))[0])
    assert [p.message for p in cover.uncited] == [f"uncited sentence in description: “{shown}”"]


def test_cited_facts_and_sentences_leave_no_note(make_tree: MakeTree) -> None:
    cover = coverage(load_index(make_tree(valid_records()))[0])
    assert (cover.cited, cover.total, cover.uncited, cover.share) == (4, 4, (), 1.0)


FACTS = {
    "events/2024-01-01-attack.yml": valid_records()["events/2024-01-01-attack.yml"].replace(
        "summary:",
        "claims:\n  - counts: killed\n    value: 2\n    sources: [src]\n"
        "statements:\n  - speaker: group\n    words: We did it.\n    sources: [src]\n"
        "date_reports:\n  - date: '2024-01-02'\n    source: src\n"
        "summary:",
    ),
    "actors/group.yml": valid_records()["actors/group.yml"]
    + "names:\n  - name: G\n    kind: abbreviation\n    sources: [src]\n"
    "affiliations:\n  - relation: member-of\n    actor: umbrella\n    sources: [src]\n",
    "actors/leader.yml": "id: leader\nname: Leader\nkind: person\nprofile: A leader.[@src]\nsources: [src]\n"
    "positions:\n  - title: Chief\n    organisation: group\n    sources: [src]\n",
    "actors/umbrella.yml": "id: umbrella\nname: Umbrella\nkind: armed-group\nprofile: An umbrella.[@src]\n"
    "sources: [src]\n",
    "places/town.yml": valid_records()["places/town.yml"]
    + "names:\n  - name: T\n    kind: alias\n    sources: [src]\n",
    "campaigns/campaign.yml": "id: campaign\nname: A campaign\nstart: '2024'\ndescription: Strikes.[@src]\n"
    "claims:\n  - counts: attacks\n    value: 9\n    sources: [src]\nsources: [src]\n",
}


def _unsourced(item: Any) -> Any:
    return dataclasses.replace(item, sources=())


def without_fact_sources(index: Index) -> Index:
    """The index with every structured fact's sources removed (validation never lets such a fact through)."""
    corpus = index.corpus
    events = tuple(
        dataclasses.replace(
            e,
            participants=tuple(map(_unsourced, e.participants)),
            claims=tuple(map(_unsourced, e.claims)),
            statements=tuple(map(_unsourced, e.statements)),
        )
        for e in corpus.events
    )
    actors = tuple(
        dataclasses.replace(
            a,
            names=tuple(map(_unsourced, a.names)),
            affiliations=tuple(map(_unsourced, a.affiliations)),
            positions=tuple(map(_unsourced, a.positions)),
        )
        for a in corpus.actors
    )
    places = tuple(dataclasses.replace(p, names=tuple(map(_unsourced, p.names))) for p in corpus.places)
    campaigns = tuple(dataclasses.replace(c, claims=tuple(map(_unsourced, c.claims))) for c in corpus.campaigns)
    new = dataclasses.replace(corpus, events=events, actors=actors, places=places, campaigns=campaigns)
    return dataclasses.replace(index, corpus=new)


def test_every_structured_fact_without_sources_is_a_note_naming_its_field(make_tree: MakeTree) -> None:
    index = load_index(make_tree({**valid_records(), **FACTS}))[0]
    assert coverage(index).uncited == ()
    cover = coverage(without_fact_sources(index))
    assert [str(p) for p in cover.uncited] == [
        f"content/{path}:1:1: note: {field} has no source (add sources: [...])"
        for path, field in [
            ("events/2024-01-01-attack.yml", "participants[0]"),
            ("events/2024-01-01-attack.yml", "claims[0]"),
            ("events/2024-01-01-attack.yml", "statements[0]"),
            ("actors/group.yml", "names[0]"),
            ("actors/group.yml", "affiliations[0]"),
            ("actors/leader.yml", "positions[0]"),
            ("places/town.yml", "names[0]"),
            ("campaigns/campaign.yml", "claims[0]"),
        ]
    ]
    # 6 sentences, all cited; 9 facts, of which only the date report keeps its source
    assert (cover.cited, cover.total) == (7, 15)


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ("publisher: P\npublished: '2024'\nurl: https://example.org/a\n", None),
        ("publisher: P\nupdated: '2024'\nurl: https://example.org/a\n", None),
        ("published: '2024'\n", "publisher, url"),
        ("updated: '2024-02'\nurl: https://example.org/a\n", "publisher"),
        ("publisher: P\nurl: https://example.org/a\n", "published"),
        ("", "publisher, published, url"),
    ],
)
def test_a_source_missing_what_a_reader_wants_is_a_warning(
    make_tree: MakeTree, fields: str, missing: str | None
) -> None:
    records = valid_records()
    records["sources/src.yml"] += fields
    lines = [str(p) for p in citation_problems(load_index(make_tree(records))[0])]
    assert lines == (
        []
        if missing is None
        else [
            f"content/sources/src.yml:1:1: warning: source 'src' has no {missing} "
            f"(fill them in if the document states them; if it does not, say so: not_stated: [{missing}])"
        ]
    )


@pytest.mark.parametrize(
    ("fields", "warning"),
    [
        ("not_stated: [publisher, published, url]\n", None),
        ("url: https://example.org/a\nnot_stated: [publisher, published]\n", None),
        (
            "not_stated: [published]\n",
            "content/sources/src.yml:1:1: warning: source 'src' has no publisher, url (fill them in if the document "
            "states them; if it does not, say so: not_stated: [published, publisher, url])",
        ),
    ],
)
def test_what_a_source_does_not_state_is_not_asked_for(make_tree: MakeTree, fields: str, warning: str | None) -> None:
    records = valid_records()
    records["sources/src.yml"] += fields
    lines = [str(p) for p in citation_problems(load_index(make_tree(records))[0])]
    assert lines == ([] if warning is None else [warning])


def test_a_field_given_and_marked_not_stated_is_an_error(make_tree: MakeTree) -> None:
    records = valid_records()
    records["sources/src.yml"] += "url: https://example.org/a\nnot_stated: [publisher, url]\n"
    with pytest.raises(ContentError) as caught:
        load_index(make_tree(records))
    assert [str(p) for p in caught.value.problems] == [
        "content/sources/src.yml:5:25: error: not_stated lists 'url', which the source gives "
        "(remove 'url' from not_stated, or the url if the document does not state it)"
    ]


def test_an_event_citing_no_source_is_an_error(make_tree: MakeTree) -> None:
    records = valid_records()
    records["sources/src.yml"] += "publisher: P\npublished: '2024'\nurl: https://example.org/a\n"
    index = load_index(make_tree(records))[0]
    events = tuple(dataclasses.replace(e, sources=()) for e in index.corpus.events)
    bare = dataclasses.replace(index, corpus=dataclasses.replace(index.corpus, events=events))
    assert [str(p) for p in citation_problems(bare)] == [
        "content/events/2024-01-01-attack.yml:1:1: error: event '2024-01-01-attack' cites no source (add sources)"
    ]
