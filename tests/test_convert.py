"""Field by field conversion: the exact message and position an editor gets for each bad value."""

from __future__ import annotations

import pytest

from generator.pages.pipeline import load_index
from generator.records.model import Coordinates
from tests.conftest import MakeTree, valid_records
from tests.test_validate import EVENT, edit_event, problems

SOURCE = "sources/src.yml"
PLACE = "places/town.yml"
URL_HINT = "write the full https://… address"


def source(extra: str) -> dict[str, str]:
    return {SOURCE: f"id: src\ntitle: A source\nkind: news-report\n{extra}"}


def place(extra: str) -> dict[str, str]:
    return {PLACE: f"{valid_records()[PLACE]}{extra}"}


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/report.pdf",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "www.example.org/report",
        "//example.org/report",
        "https://",
        "https://example.org/a report",
        "mailto:desk@example.org",
    ],
)
def test_only_http_and_https_urls_are_accepted(make_tree: MakeTree, url: str) -> None:
    assert problems(make_tree, source(f"url: '{url}'\n")) == [
        f"content/sources/src.yml:4:6: error: 'url' must be an http(s) URL, not '{url}' ({URL_HINT})"
    ]


@pytest.mark.parametrize("url", ["https://example.org/report", "http://example.org/a?b=c#d"])
def test_an_http_or_https_url_is_kept(make_tree: MakeTree, url: str) -> None:
    index, _ = load_index(make_tree({**valid_records(), **source(f"url: '  {url} '\narchive_url: {url}\n")}))
    assert [(s.url, s.archive_url) for s in index.corpus.sources] == [(url, url)]


def test_a_source_without_a_kind_is_refused_at_its_record(make_tree: MakeTree) -> None:
    assert problems(make_tree, {SOURCE: "id: src\ntitle: A source\n"}) == [
        "content/sources/src.yml:1:1: error: missing required field 'kind' (add 'kind: …')"
    ]


def test_an_empty_optional_field_is_treated_as_absent(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree({**valid_records(), **source("publisher:\nauthors:\nurl:\n")}))
    assert [(s.publisher, s.authors, s.url) for s in index.corpus.sources] == [(None, (), None)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {SOURCE: "id: src\ntitle:\nkind: news-report\n"},
            "content/sources/src.yml:2:1: error: 'title' is empty (fill it in: it is required)",
        ),
        (
            edit_event("    role: perpetrator\n", "    role:\n"),
            "content/events/2024-01-01-attack.yml:9:5: error: 'participants[0].role' is empty "
            "(fill it in: it is required)",
        ),
    ],
    ids=["record-field", "nested-field"],
)
def test_an_empty_required_field_is_pointed_at_and_never_said_to_be_removable(
    make_tree: MakeTree, changes: dict[str, str], expected: str
) -> None:
    assert problems(make_tree, changes) == [expected]


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ("{lat: 33.3, lon: 44, sources: [src]}", Coordinates(33.3, 44.0, None, ("src",))),
        ("{lat: -90, lon: 180, sources: [src]}", Coordinates(-90.0, 180.0, None, ("src",))),
        ("{lat: 90, lon: -180, sources: [src]}", Coordinates(90.0, -180.0, None, ("src",))),
    ],
)
def test_coordinates_within_range_are_read_as_numbers(
    make_tree: MakeTree, coordinates: str, expected: Coordinates
) -> None:
    index, _ = load_index(make_tree({**valid_records(), **place(f"coordinates: {coordinates}\n")}))
    [town] = index.corpus.places
    assert town.coordinates == expected
    assert town.coordinates is not None and isinstance(town.coordinates.lon, float)


@pytest.mark.parametrize(
    ("coordinates", "message"),
    [
        ("{lat: 90.5, lon: 44, sources: [src]}", "6:20: error: 'coordinates.lat' must be between -90 and 90, not 90.5"),
        (
            "{lat: 33, lon: -180.1, sources: [src]}",
            "6:29: error: 'coordinates.lon' must be between -180 and 180, not -180.1",
        ),
        ("{lat: north, lon: 44, sources: [src]}", "6:20: error: 'coordinates.lat' must be a number, not text"),
        ("{lat: true, lon: 44, sources: [src]}", "6:20: error: 'coordinates.lat' must be a number, not true/false"),
        (
            "{lat: 33, lon: 44, height: 3, sources: [src]}",
            "6:33: error: unknown field 'coordinates.height' (known fields: lat, lon, precision, sources)",
        ),
        ("[33, 44]", "6:14: error: 'coordinates' must be a mapping of field: value, not a list"),
    ],
)
def test_bad_coordinates_say_why(make_tree: MakeTree, coordinates: str, message: str) -> None:
    assert problems(make_tree, place(f"coordinates: {coordinates}\n")) == [f"content/places/town.yml:{message}"]


CLAIM = "\nsources: [src]\nclaims:\n  - {counts: killed, value: VALUE, sources: [src]}\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("five", "'claims[0].value' must be a number, not text"),
        ("-2.5", "'claims[0].value' must be at least 0, not -2.5"),
        ("true", "'claims[0].value' must be a number, not true/false"),
        ("[5]", "'claims[0].value' must be a number, not a list"),
    ],
)
def test_a_figure_must_be_a_number_not_below_zero(make_tree: MakeTree, value: str, message: str) -> None:
    changes = edit_event("\nsources: [src]\n", CLAIM.replace("VALUE", value))
    assert problems(make_tree, changes) == [f"content/events/2024-01-01-attack.yml:15:29: error: {message}"]


def test_a_figure_of_zero_is_accepted(make_tree: MakeTree) -> None:
    index, _ = load_index(
        make_tree({**valid_records(), **edit_event("\nsources: [src]\n", CLAIM.replace("VALUE", "0"))})
    )
    assert [c.value for c in index.chronology[0].claims] == [0]


def test_a_figure_may_be_a_fraction_with_its_unit(make_tree: MakeTree) -> None:
    claim = "\nsources: [src]\nclaims:\n  - {counts: other, value: 2.5, unit: million barrels, sources: [src]}\n"
    index, _ = load_index(make_tree({**valid_records(), **edit_event("\nsources: [src]\n", claim)}))
    (found,) = index.chronology[0].claims
    assert (found.value, found.unit, type(found.value)) == (2.5, "million barrels", float)


def test_a_number_written_as_text_is_read_as_text(make_tree: MakeTree) -> None:
    event = (
        valid_records()[EVENT].replace("title: An attack", "title: 1991").replace('date: "2024-01-01"', "date: 2024")
    )
    index, _ = load_index(make_tree({**valid_records(), EVENT: event}))
    [event] = index.chronology
    assert (event.title, event.date.display()) == ("1991", "2024")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            edit_event("title: An attack", "title: yes"),
            "content/events/2024-01-01-attack.yml:2:8: error: 'title' must be text, not true/false "
            "(put text in quotes)",
        ),
        (
            edit_event(
                "  - actor: group\n    role: perpetrator\n    attribution: claimed\n    sources: [src]\n", "  - group\n"
            ),
            "content/events/2024-01-01-attack.yml:8:5: error: 'participants[0]' must be a mapping of field: value, "
            "not text",
        ),
        (
            edit_event("\nsources: [src]\n", "\nsources: [src]\ntags: [Big Tag!]\n"),
            "content/events/2024-01-01-attack.yml:14:8: error: 'tags[0]' value 'Big Tag!' is not a lowercase slug "
            "(write 'big-tag')",
        ),
        (
            edit_event("\nsources: [src]\n", "\nsources: [src]\ntags: ['?']\n"),
            "content/events/2024-01-01-attack.yml:14:8: error: 'tags[0]' value '?' is not a lowercase slug "
            "(write 'record')",
        ),
        (
            edit_event("\nsources: [src]\n", "\nsources: [src]\nhappened: yes\n"),
            "content/events/2024-01-01-attack.yml:14:1: error: unknown field 'happened' (known fields: campaigns, "
            "claims, confidence, date, date_reports, described_as, former_ids, id, identifiers, participants, places, "
            "published, relations, sources, statements, summary, tags, time_approximate, time_zone_name, title, "
            "type, updated)",
        ),
        (
            edit_event("[@src]", "[@src; @src x]"),
            "content/events/2024-01-01-attack.yml:12:10: error: malformed citation '[@src; @src x]' in 'summary' "
            "(write [@source-id], [@source-a; @source-b] or, with a locator, [@source-id, para. 3])",
        ),
        (
            edit_event("[@src]", "[@src"),
            "content/events/2024-01-01-attack.yml:12:10: error: unclosed cross-reference or citation in 'summary' "
            "(close [[id]] with ']]' and [@id] with ']')",
        ),
    ],
    ids=[
        "bool-for-text",
        "text-for-mapping",
        "not-a-slug",
        "nothing-to-slugify",
        "unknown-field",
        "bad-citation-id",
        "unclosed-citation",
    ],
)
def test_bad_values_say_why(make_tree: MakeTree, changes: dict[str, str], expected: str) -> None:
    assert problems(make_tree, changes) == [expected]
