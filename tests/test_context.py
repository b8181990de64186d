from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.pages.context import LinkMemo, PageContext, relative_path, safe_url
from generator.pages.pipeline import load_index
from generator.records.index import Index
from tests.conftest import FIXTURE

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
