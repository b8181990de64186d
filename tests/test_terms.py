"""The vocabulary page: every term a reader meets, as the briefing defines its vocabulary."""

from __future__ import annotations

from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from tests.conftest import TEMPLATES, MakeTree, valid_records

BRIEFING = """\
scope: A briefing.[@src]
vocabularies:
  event-type:
    add:
      seizure: {label: Seizure of a vessel, definition: A vessel boarded and taken into custody.}
    retire: [embassy-attack]
  confidence:
    add:
      confirmed: {definition: Two or more independent sources agree.}
"""


def vocabulary_page(make_tree: MakeTree, briefing: str | None = None) -> str:
    files = valid_records() | ({"briefing.yml": briefing} if briefing else {})
    index, _ = load_index(make_tree(files))
    return render_site(index, TEMPLATES)["vocabulary.md"]


def section(page: str, heading: str) -> str:
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_page_lists_the_briefings_terms_with_their_labels_and_meanings(make_tree: MakeTree) -> None:
    page = vocabulary_page(make_tree, BRIEFING)
    types = section(page, "Event types {#event-type}")
    assert types.startswith("\n| Term | Meaning |\n|---|---|\n| Rocket attack | Rockets fired at a target. |\n")
    assert types.endswith("| Seizure of a vessel | A vessel boarded and taken into custody. |\n")
    assert "Embassy attack" not in page
    assert section(page, "Confidence {#confidence}") == (
        "\n| Term | Meaning |\n|---|---|\n| Confirmed | Two or more independent sources agree. |\n"
    )


def test_every_vocabulary_has_its_section_in_the_readers_order(make_tree: MakeTree) -> None:
    page = vocabulary_page(make_tree)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Event types {#event-type}",
        "## Roles in an event {#role}",
        "## How a role is known {#attribution}",
        "## What a figure counts {#claim-counts}",
        "## How a figure is bounded {#qualifier}",
        "## Kinds of actor {#actor-kind}",
        "## Relations between actors {#affiliation}",
        "## Kinds of place {#place-kind}",
        "## How an event is placed {#place-relation}",
        "## Relations between events {#event-relation}",
        "## Kinds of name {#name-kind}",
        "## Kinds of statement {#statement-kind}",
        "## Kinds of source {#source-kind}",
        "## What a source may not state {#stated-field}",
    ], "a scale the briefing has not defined (confidence) has no section"


def test_the_home_page_links_the_vocabulary(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree(valid_records()))
    home = render_site(index, TEMPLATES)["index.md"]
    assert "- [Vocabulary](vocabulary.md): what each event type, role and figure means\n" in home
