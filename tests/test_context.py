from __future__ import annotations

import posixpath
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.pages.context import LinkMemo, PageContext, relative_path, safe_url
from generator.pages.pipeline import load_index
from generator.records.index import Index
from tests.conftest import FIXTURE, MakeTree, valid_records

_FOLDER = st.sampled_from(["events", "types", "airstrike", "a", "2024-01"])
_FILE = st.sampled_from(["index.md", "b.md", "part-2.md"])


@given(st.lists(_FOLDER, max_size=3), _FILE, st.lists(_FOLDER, max_size=3), _FILE)
def test_relative_path_matches_relpath(target: list[str], name: str, page: list[str], page_name: str) -> None:
    # Links always point at a page file, never at a folder.
    target_path, page_path = "/".join([*target, name]), "/".join([*page, page_name])
    folder = tuple(p for p in posixpath.dirname(page_path).split("/") if p)
    assert relative_path(target_path, folder) == posixpath.relpath(target_path, posixpath.dirname(page_path) or ".")


def test_safe_url_keeps_markdown_link_syntax_intact() -> None:
    assert safe_url("https://example.org/a b(c)<d>") == "https://example.org/a%20b%28c%29%3Cd%3E"


def _fixture_index() -> Index:
    index, _ = load_index(FIXTURE)
    return index


def test_shared_links_still_record_each_pages_dependencies() -> None:
    """A link reused from another page of the folder is still a dependency of this page (render cache)."""
    index, memo = _fixture_index(), LinkMemo()
    first = PageContext("events/a.md", index, memo)
    second = PageContext("events/b.md", index, memo)
    assert first.link("militia-k") is second.link("militia-k")
    assert second.used == {"militia-k": index.by_id["militia-k"]}


def test_shared_links_differ_by_folder_and_text() -> None:
    index, memo = _fixture_index(), LinkMemo()
    assert PageContext("events/a.md", index, memo).link("base-b") == "[Base B](../places/base-b.md)"
    assert PageContext("index.md", index, memo).link("base-b") == "[Base B](places/base-b.md)"
    assert PageContext("events/a.md", index, memo).link("base-b", "the base") == "[the base](../places/base-b.md)"


def test_shared_citations_are_numbered_per_page() -> None:
    index, memo = _fixture_index(), LinkMemo()
    first, second = PageContext("events/a.md", index, memo), PageContext("events/b.md", index, memo)
    first.cite(["report-a", "report-b"])
    second.cite(["report-b"])
    assert first.footnotes().splitlines()[1].startswith("[^2]: [")
    assert second.footnotes().startswith("[^1]: [")
    assert second.footnotes().split(": ", 1)[1] == first.footnotes().splitlines()[1].split(": ", 1)[1]


CITED = {
    **valid_records(),
    "sources/dated.yml": (
        "id: dated\ntitle: Dated report\nkind: news-report\nauthors: [A. One, B. Two]\npublisher: Wire\n"
        'published: "2024-01-23"\nupdated: "2024-02-01"\nurl: https://example.org/a?q=(1)\n'
    ),
    "sources/updated.yml": 'id: updated\ntitle: Live page\nkind: other\nupdated: "2024-02-03"\n',
    "sources/undated.yml": "id: undated\ntitle: Undated note\nkind: other\n",
}


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "dated",
            "[Dated report](../sources/dated.md), A. One, B. Two, Wire, 23 January 2024."
            " [Original](https://example.org/a?q=%281%29)",
        ),
        ("updated", "[Live page](../sources/updated.md), updated 3 February 2024."),
        ("undated", "[Undated note](../sources/undated.md)."),
    ],
)
def test_a_citation_shows_the_publication_date_or_else_the_update(make_tree: MakeTree, source: str, shown: str) -> None:
    index, _ = load_index(make_tree(CITED))
    page = PageContext("events/a.md", index)
    assert page.cite([source]) == marker(1, first=True)
    assert page.footnotes() == f"[^1]: {shown}"


def marker(number: int, first: bool = False, locator: str = "") -> str:
    """A citation marker: a link to its footnote; the page's first for a footnote has the back-link's target."""
    anchor = f' id="fnref:{number}"' if first else ""
    where = f'<span class="citation-locator">, {locator}</span>' if locator else ""
    return (
        f'<sup{anchor} class="citation" data-search-exclude><a class="footnote-ref" href="#fn:{number}">{number}</a>'
        f"{where}</sup>"
    )


COMMA = '<sup class="citation-separator" data-search-exclude>,</sup>'


def test_footnotes_are_numbered_in_first_citation_order_and_defined_once(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree(CITED))
    page = PageContext("index.md", index)
    assert page.cite(["updated"]) == marker(1, first=True)
    # Numbers ascend within a cluster; each footnote's first marker is its back-link's target, once.
    assert page.cite(["dated", "updated", "undated"]) == COMMA.join([marker(1), marker(2, True), marker(3, True)])
    assert page.cite(["undated"]) == marker(3)
    assert page.cite(["updated, p. 4", "updated"]) == COMMA.join([marker(1), marker(1, locator="p. 4")])
    assert [line.split(" ", 2)[:2] for line in page.footnotes().splitlines()] == [
        ["[^1]:", "[Live"],
        ["[^2]:", "[Dated"],
        ["[^3]:", "[Undated"],
    ]


@pytest.mark.parametrize(
    ("page", "town", "types"),
    [
        ("index.md", "places/town.md", "types/index.md#airstrike"),
        ("events/a.md", "../places/town.md", "../types/index.md#airstrike"),
        ("places/b.md", "town.md", "../types/index.md#airstrike"),
        ("chronology/2024-01/part-2.md", "../../places/town.md", "../../types/index.md#airstrike"),
        ("types/airstrike/index.md", "../../places/town.md", "../index.md#airstrike"),
    ],
)
def test_links_between_pages_are_relative_from_any_folder(
    make_tree: MakeTree, page: str, town: str, types: str
) -> None:
    index, _ = load_index(make_tree(valid_records()))
    context = PageContext(page, index)
    assert context.link("town") == f"[Town]({town})"
    assert context.page_link("types/index.md#airstrike", "Airstrikes") == f"[Airstrikes]({types})"


def test_several_links_on_one_line_are_separated_by_a_dot_unless_told(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree(valid_records()))
    page = PageContext("events/a.md", index)
    assert page.links(["town", "group"]) == "[Town](../places/town.md) · [Group](../actors/group.md)"
    assert page.links(["town", "group"], ", ") == "[Town](../places/town.md), [Group](../actors/group.md)"


def test_an_event_row_labels_only_dates_less_exact_than_a_day_and_lists_every_place(make_tree: MakeTree) -> None:
    files = valid_records()
    files["places/village.yml"] = (
        "id: village\nname: Village\nkind: town\ndescription: A village.[@src]\nsources: [src]\n"
    )
    files["events/2024-01-01-attack.yml"] = files["events/2024-01-01-attack.yml"].replace(
        "  - place: town\n", "  - place: town\n  - place: village\n"
    )
    files["events/month.yml"] = (
        'id: month\ntitle: Month\ndate: "2024-02"\ntype: airstrike\nsummary: A strike.[@src]\nsources: [src]\n'
    )
    index, _ = load_index(make_tree(files))
    rows = PageContext("chronology/2024.md", index).event_rows(index.chronology, show_type=False, roles=None)
    assert rows == (
        "| 1 January 2024 | [An attack](../events/2024-01-01-attack.md)"
        " | [Town](../places/town.md), [Village](../places/village.md) |\n"
        "| February 2024 *(month only)* | [Month](../events/month.md) |  |\n"
    )


def test_a_handwritten_page_without_citations_has_no_footnotes(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree(valid_records()))
    page = PageContext("about.md", index)
    assert page.handwritten("# About\n\nSee [[town]].\n\n") == "# About\n\nSee [Town](places/town.md)."
    assert page.handwritten("Cited.[@src; @src, p. 2]\n") == (
        f"Cited.{COMMA.join([marker(1, True), marker(1, locator='p. 2')])}\n\n[^1]: [A source](sources/src.md)."
    )


def test_a_handwritten_pages_html_is_cleaned_unless_the_briefing_trusts_its_editors(make_tree: MakeTree) -> None:
    """extra.briefing.trusted_html is an explicit opt-in: without it, script never reaches the page."""
    index, _ = load_index(make_tree(valid_records()))
    hostile = "Text<script>alert(1)</script> <b onclick=x>bold</b>\n{: onclick=y }\n"
    assert PageContext("about.md", index).handwritten(hostile) == "Text <b>bold</b>"
    trusting = replace(index, site=replace(index.site, trusted_html=True))
    assert PageContext("about.md", trusting).handwritten(hostile) == hostile.strip()
