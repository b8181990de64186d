"""mkdocs.yml as the site's one source of settings, and what the generated pages need of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError, Position
from generator.pages.pipeline import load_index
from generator.records.settings import NavEntry, read_settings
from tests.conftest import ROOT, MakeTree, site_config, valid_records

MINIMAL = """\
site_name: "Attacks on shipping: a briefing"
site_description: Every incident at sea, cited.
docs_dir: build/docs
theme:
  name: material
  language: fr
  features: [content.footnote.tooltips]
extra_css: [assets/briefing.css]
extra_javascript: [assets/briefing.js, assets/event-filter.js]
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - Section:
      - Sources: ./sources/index.md
      - Upstream: https://example.org/
  - about.md
plugins:
  - search:
      pipeline: []
"""


def configured(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_title_description_language_and_nav_come_from_mkdocs_yml(tmp_path: Path) -> None:
    settings = read_settings(configured(tmp_path, MINIMAL))
    shown = str(tmp_path / "mkdocs.yml")
    assert (settings.title, settings.description, settings.language, settings.docs_dir) == (
        "Attacks on shipping: a briefing",
        "Every incident at sea, cited.",
        "fr",
        "build/docs",
    )
    assert settings.nav == (
        NavEntry("Home", "index.md", Position(shown, 21, 11)),
        NavEntry("Sources", "sources/index.md", Position(shown, 23, 18)),
        NavEntry(None, "about.md", Position(shown, 25, 5)),
    )
    assert settings.problems == ()


@pytest.mark.parametrize(
    ("setting", "trusted"), [("", False), ("trusted_html: yes-please", False), ("trusted_html: true", True)]
)
def test_raw_html_is_trusted_only_when_the_briefing_says_true(tmp_path: Path, setting: str, trusted: bool) -> None:
    text = MINIMAL + (f"extra:\n  briefing:\n    {setting}\n" if setting else "")
    assert read_settings(configured(tmp_path, text)).trusted_html is trusted


@pytest.mark.parametrize(
    ("setting", "directory_urls"),
    [("", True), ("use_directory_urls: true\n", True), ("use_directory_urls: false\n", False)],
)
def test_the_figures_know_whether_pages_are_published_as_folders(
    tmp_path: Path, setting: str, directory_urls: bool
) -> None:
    assert read_settings(configured(tmp_path, MINIMAL + setting)).directory_urls is directory_urls


def test_the_shipped_config_lacks_nothing() -> None:
    assert read_settings(ROOT / "mkdocs.yml").problems == ()


@pytest.mark.parametrize(
    ("script", "kept"),
    [("assets/briefing.js", "assets/event-filter.js"), ("assets/event-filter.js", "assets/briefing.js")],
)
def test_each_briefing_script_is_required_like_the_stylesheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, kept: str
) -> None:
    monkeypatch.chdir(tmp_path)
    config = MINIMAL.replace(
        "extra_javascript: [assets/briefing.js, assets/event-filter.js]", f"extra_javascript: [{kept}]"
    )
    settings = read_settings(configured(tmp_path, config))
    assert [str(p) for p in settings.problems] == [
        f"mkdocs.yml:9:1: error: the briefing's script '{script}' is not in extra_javascript "
        f"(add 'extra_javascript: [{script}]')"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - footnotes\n",
            "",
            "mkdocs.yml:10:1: error: Markdown extension 'footnotes' is not enabled: each page's sources would show "
            "as literal '[^1]:' lines and its citations would lead nowhere (add '- footnotes' under "
            "markdown_extensions)",
        ),
        (
            "  - md_in_html\n",
            "",
            "mkdocs.yml:10:1: error: Markdown extension 'md_in_html' is not enabled: the card's summary box and the "
            "tables would show their Markdown unrendered (add '- md_in_html' under markdown_extensions)",
        ),
        (
            "  - search:\n      pipeline: []\n",
            "  - search:\n      pipeline: []\n  - tags:\n      enabled: true\n",
            "mkdocs.yml:29:5: error: Material's tags plugin would show every record's other names as tags on its "
            "page (remove it: the briefing lists its own tags (the Tags page), and search finds records by every "
            "name)",
        ),
        (
            "extra_css: [assets/briefing.css]\n",
            "extra_css: [assets/mine.css]\n",
            "mkdocs.yml:8:1: error: the briefing's stylesheet 'assets/briefing.css' is not in extra_css "
            "(add 'extra_css: [assets/briefing.css]')",
        ),
        (
            "  name: material\n",
            "  name: readthedocs\n",
            "mkdocs.yml:5:3: error: the theme is 'readthedocs'; the generated pages are written for Material "
            "(set 'theme:' with 'name: material')",
        ),
        (
            'site_name: "Attacks on shipping: a briefing"\n',
            "",
            "mkdocs.yml:1:1: error: mkdocs.yml has no 'site_name' (add 'site_name: <the briefing's title>')",
        ),
    ],
    ids=["footnotes", "md-in-html", "tags-plugin", "stylesheet", "theme", "site-name"],
)
def test_what_the_pages_need_is_an_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert MINIMAL.count(old) == 1
    settings = read_settings(configured(tmp_path, MINIMAL.replace(old, new)))
    assert [str(p) for p in settings.problems] == [expected]


@pytest.mark.parametrize(
    ("plugins", "line"),
    [("  - search\n", "27:5"), ("  - material/search:\n      lang: en\n", "27:5"), ("  - tags\n  - search\n", "28:5")],
    ids=["default", "options-without-pipeline", "after-another"],
)
def test_search_that_drops_stop_words_by_default_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugins: str, line: str
) -> None:
    monkeypatch.chdir(tmp_path)
    text = MINIMAL.replace("  - search:\n      pipeline: []\n", plugins)
    problems = [str(p) for p in read_settings(configured(tmp_path, text)).problems if p.severity == "warning"]
    assert problems == [
        f"mkdocs.yml:{line}: warning: search leaves out common English words, so a record named 'US' or 'IS' is "
        "not found by it (set 'pipeline: []' under '- search:')"
    ]


def test_search_that_stems_or_trims_words_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = MINIMAL.replace("pipeline: []", "pipeline: [trimmer, stemmer]")
    assert [str(p) for p in read_settings(configured(tmp_path, text)).problems] == [
        "mkdocs.yml:27:5: warning: search cuts words to their stems, so a word typed whole ('strikes', 'Hamas') "
        "finds nothing (set 'pipeline: []' under '- search:')",
        "mkdocs.yml:27:5: warning: search trims punctuation from the pages' words but not from the reader's, so "
        "'U.S.' finds nothing (set 'pipeline: []' under '- search:')",
    ]


def test_a_hand_written_page_no_reader_can_reach_is_an_error(make_tree: MakeTree) -> None:
    content = make_tree({**valid_records(), "pages/annex.md": "# Annex of figures\n\nText.\n"})
    with pytest.raises(ContentError) as caught:
        load_index(content, config=site_config(content.parent))
    assert [str(p) for p in caught.value.problems] == [
        "content/pages/annex.md:1:1: error: page 'annex.md' is in no nav entry and no other page links to it, so "
        "no reader can reach it (add '- Annex of figures: annex.md' to nav in mkdocs.yml, or link it from another "
        "page)"
    ]


def test_a_page_linked_from_another_page_needs_no_nav_entry(make_tree: MakeTree) -> None:
    content = make_tree(
        {
            **valid_records(),
            "pages/about.md": "# About\n\nSee the [annex](annex.md#figures).\n",
            "pages/annex.md": "# Annex\n\n## Figures\n",
        }
    )
    index, warnings = load_index(content, config=site_config(content.parent, ("about.md",)))
    assert warnings == []
    assert [entry.target for entry in index.site.nav if entry.target.endswith(".md")][-1] == "about.md"


def test_a_nav_entry_naming_no_page_is_an_error_with_the_records(make_tree: MakeTree) -> None:
    content = make_tree(valid_records())
    config = site_config(content.parent, ("about.md",))
    line = config.read_text().splitlines().index("  - About: about.md") + 1
    with pytest.raises(ContentError) as caught:
        load_index(content, config=config)
    assert [str(p) for p in caught.value.problems] == [
        f"mkdocs.yml:{line}:12: error: nav entry 'About' names 'about.md', which is not a page of the site "
        "(write the page's path as build/docs has it, or remove the entry)"
    ]


def test_without_mkdocs_yml_the_index_has_default_settings(make_tree: MakeTree) -> None:
    index, _ = load_index(make_tree(valid_records()))
    assert (index.site.title, index.site.nav, index.site.problems) == ("Briefing", (), ())


def test_a_title_in_briefing_yml_is_sent_to_mkdocs_yml(make_tree: MakeTree) -> None:
    content = make_tree(
        {**valid_records(), "briefing.yml": "title: Old title\nsubtitle: Old line\nscope: Covered.[@src]\n"}
    )
    with pytest.raises(ContentError) as caught:
        load_index(content)
    assert [str(p) for p in caught.value.problems] == [
        "content/briefing.yml:1:1: error: the briefing's title is mkdocs.yml's 'site_name', so the site has it in "
        "one place (move it to 'site_name:' in mkdocs.yml and remove it here)",
        "content/briefing.yml:2:1: error: the briefing's subtitle is mkdocs.yml's 'site_description', so the site "
        "has it in one place (move it to 'site_description:' in mkdocs.yml and remove it here)",
    ]


def test_the_home_page_takes_its_title_and_description_from_mkdocs_yml(make_tree: MakeTree, tmp_path: Path) -> None:
    from generator.pages.render import render_site
    from tests.conftest import TEMPLATES

    content = make_tree(valid_records())
    config = configured(tmp_path, MINIMAL.replace("  - about.md\n", ""))
    index, _ = load_index(content, config=config)
    home = render_site(index, TEMPLATES)["index.md"]
    assert home.startswith('---\nhide:\n  - "navigation"\n---\n\n# Attacks on shipping: a briefing\n\n')
    assert "\n*Every incident at sea, cited.*\n" in home
