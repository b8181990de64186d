from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.nav import NavEntry, missing_pages, names_missing_page, nav_entries, nav_problems
from generator.errors import Position

CONFIG = """\
site_name: x
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - index.md
  - Chronology: chronology/index.md
  - Section:
      - About: ./about.md
      - Upstream: https://example.org/
      - Rooted: /absolute.md
  - Missing: gone.md
"""


def test_nav_entries_are_read_with_their_positions(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    shown = str(config)
    assert nav_entries(config) == [
        NavEntry(None, "index.md", Position(shown, 6, 5)),
        NavEntry("Chronology", "chronology/index.md", Position(shown, 7, 17)),
        NavEntry("About", "about.md", Position(shown, 9, 16)),
        NavEntry("Missing", "gone.md", Position(shown, 12, 14)),
    ]
    assert [e.target for e in missing_pages(config, {"index.md", "chronology/index.md", "about.md"})] == ["gone.md"]


def test_a_config_without_a_nav_has_no_entries(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert nav_entries(config) == []


def test_links_to_a_missing_nav_page_are_recognised_from_any_folder() -> None:
    missing = [NavEntry("Gone", "gone.md", Position("mkdocs.yml"))]
    assert names_missing_page("events/x/index.html", "../../gone.md", missing)
    assert names_missing_page("404.html", "/gone.md", missing)
    assert names_missing_page("index.html", "gone/", missing)
    assert not names_missing_page("events/x/index.html", "../../here.md", missing)
    assert not names_missing_page("events/x/index.html", "gone.md", missing)


def test_links_to_other_sites_and_schemes_are_no_nav_pages(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "nav:\n"
        "  - Write to us: mailto:editors@example.org\n"
        "  - Mirror: //mirror.example.org/\n"
        "  - Upstream: https://example.org/\n"
        "  - Home: index.md\n",
        encoding="utf-8",
    )
    assert [e.target for e in nav_entries(config)] == ["index.md"]


def test_a_missing_nav_page_is_an_error_at_its_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    missing = [
        NavEntry("Gone", "gone.md", Position("mkdocs.yml", 12, 14)),
        NavEntry(None, "lost/index.md", Position("mkdocs.yml", 13, 5)),
    ]
    assert [str(p) for p in nav_problems(missing, tmp_path / "build" / "docs")] == [
        "mkdocs.yml:12:14: error: nav entry 'Gone' names 'gone.md', which is not a page of the site "
        "(write the page's path as build/docs has it, or remove the entry)",
        "mkdocs.yml:13:5: error: nav entry names 'lost/index.md', which is not a page of the site "
        "(write the page's path as build/docs has it, or remove the entry)",
    ]


def test_site_root_links_to_a_missing_nav_page_are_recognised_from_nested_pages() -> None:
    missing = [NavEntry("Gone", "gone.md", Position("mkdocs.yml")), NavEntry("XML", "XML.md", Position("mkdocs.yml"))]
    assert names_missing_page("events/x/index.html", "/gone/", missing)
    assert names_missing_page("events/x/index.html", "/XML/", missing)
    assert not names_missing_page("events/x/index.html", "/events/x/gone/", missing)
