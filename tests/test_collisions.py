"""Every page address is claimed once: a record or page that would replace another is an error."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from tests.conftest import MakeTree, site_config, valid_records


def problems(make_tree: MakeTree, extra: dict[str, str], pages: tuple[str, ...] = ()) -> list[str]:
    content = make_tree({**valid_records(), **extra})
    with pytest.raises(ContentError) as caught:
        load_index(content, config=site_config(content.parent, pages))
    return [str(p) for p in caught.value.problems]


def test_a_record_whose_id_is_index_would_replace_the_listing(make_tree: MakeTree) -> None:
    actor = "id: index\nname: Index\nkind: other\nprofile: A record.[@src]\nsources: [src]\n"
    assert problems(make_tree, {"actors/index.yml": actor}) == [
        "content/actors/index.yml:1:1: error: the page of actor 'index' (actors/index.md) would be published at "
        "'actors/', the address of the generated page 'actors/index.md' too, so one would silently replace the other "
        "(rename the page or record: ids such as 'index' and page names such as 'actors.md' are taken)"
    ]


@pytest.mark.parametrize(
    ("page", "address", "taken"),
    [("actors.md", "actors/", "actors/index.md"), ("index.md", "/", "index.md"), ("tags.md", "tags/", "tags/index.md")],
)
def test_a_hand_written_page_named_like_a_generated_one_is_refused(
    make_tree: MakeTree, page: str, address: str, taken: str
) -> None:
    found = problems(make_tree, {f"pages/{page}": "# Mine\n"}, (page,))
    assert (
        f"content/pages/{page}:1:1: error: the page '{page}' would be published at '{address}', the address of "
        f"the generated page '{taken}' too, so one would silently replace the other (rename the page or record: ids "
        "such as 'index' and page names such as 'actors.md' are taken)"
    ) in found


def test_a_page_named_search_is_refused_where_pagefind_makes_the_search_page(make_tree: MakeTree) -> None:
    content = make_tree({**valid_records(), "pages/search.md": "# Find\n"})
    config = site_config(content.parent, ("about.md",))
    config.write_text(config.read_text(encoding="utf-8").replace("about.md", "search.md"), encoding="utf-8")
    load_index(content, config=config)  # with Material's search there is no search page: a name like any other
    with pytest.raises(ContentError) as caught:
        load_index(content, config=config, search_page=True)
    assert (
        "content/pages/search.md:1:1: error: the page 'search.md' would be published at 'search/', the address of "
        "the generated page 'search.md' too, so one would silently replace the other (rename the page or record: ids "
        "such as 'index' and page names such as 'actors.md' are taken)"
    ) in [str(p) for p in caught.value.problems]
