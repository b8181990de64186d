"""What each record's own page shows."""

from __future__ import annotations

from generator.pages.pipeline import load_index
from generator.pages.record_pages import actor_context, place_context
from generator.pages.render import render_site
from tests.conftest import TEMPLATES, MakeTree, valid_records


def render(make_tree: MakeTree, files: dict[str, str]) -> dict[str, str]:
    index, _ = load_index(make_tree(files))
    return render_site(index, TEMPLATES)


def place(record_id: str, kind: str, located_in: str) -> str:
    return (
        f"id: {record_id}\nname: {record_id.title()}\nkind: {kind}\nlocated_in: {located_in}\n"
        "description: A place.[@src]\nsources: [src]\n"
    )


def test_a_place_names_every_place_it_lies_in_innermost_first(make_tree: MakeTree) -> None:
    files = valid_records()
    files["places/quarter.yml"] = place("quarter", "neighbourhood", "town")
    files["places/camp.yml"] = place("camp", "military-base", "quarter")
    pages = render(make_tree, files)
    assert "\n*Military base* in [Quarter](quarter.md), [Town](town.md)\n" in pages["places/camp.md"]
    assert "\n*Neighbourhood* in [Town](town.md)\n" in pages["places/quarter.md"]
    assert "\n*Town*\n" in pages["places/town.md"]


def test_templates_get_empty_lists_where_a_record_has_nothing_to_list(make_tree: MakeTree) -> None:
    """A template may count or loop over these (`{{ within | length }}`) without guarding each one."""
    index, _ = load_index(make_tree(valid_records()))
    assert place_context(index, index.corpus.places[0])["within"] == ()
    assert actor_context(index, index.corpus.actors[0])["statements"] == ()


def test_every_name_of_an_actor_is_a_search_tag_once(make_tree: MakeTree) -> None:
    files = valid_records()
    files["actors/group.yml"] = (
        "id: group\nname: Group\nkind: armed-group\nprofile: A group.[@src]\nsources: [src]\nnames:\n"
        "  - {name: GRP, kind: abbreviation, sources: [src]}\n"
        "  - {name: Group, kind: spelling, lang: fr, sources: [src]}\n"
        "  - {name: GRP, kind: abbreviation, lang: fr, sources: [src]}\n"
        "  - {name: 'Groupe \"armé\"', kind: alias, sources: [src]}\n"
    )
    pages = render(make_tree, files)
    assert pages["actors/group.md"].startswith(
        '---\ntitle: "Group"\nhide:\n  - "navigation"\ntags:\n  - "Group"\n  - "GRP"\n  - "Groupe \\"armé\\""\n---\n'
    )
    assert '\ntags:\n  - "Town"\n---\n' in pages["places/town.md"]
