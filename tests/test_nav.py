from __future__ import annotations

from pathlib import Path

from generator.checks.nav import NavEntry, missing_pages, names_missing_page, nav_entries
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
