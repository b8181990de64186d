from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.pages import relative_path, safe_url

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
