"""Golden tests: the Markdown rendered for the fixture briefing.

Refresh with `pytest tests/test_render.py --update-golden` and review the diff.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.pages.pipeline import load_index
from generator.pages.render import (
    RenderCache,
    Shares,
    Texts,
    front_matter,
    make_environment,
    page_paths,
    render_site,
)
from generator.records import schema
from generator.site.forked import in_children
from tests.conftest import FIXTURE, FIXTURE_CONFIG, GOLDEN, TEMPLATES, MakeTree, valid_records


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    return render_site(index, TEMPLATES)


def test_golden_pages(pages: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        for old in [*GOLDEN.rglob("*.md"), *GOLDEN.rglob("*.json")]:
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    files = [*GOLDEN.rglob("*.md"), *GOLDEN.rglob("*.json")]  # pages, and the event filter's index
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in files}
    assert sorted(pages) == sorted(expected), "pages added or removed: rerun with --update-golden and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file"


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    assert render_site(index, TEMPLATES) == pages


@pytest.mark.parametrize(("jobs", "shared"), [(1, 0), (2, 2), (3, 3), (17, 17), (18, 0), (34, 0)])
def test_pages_rendered_by_several_processes_are_the_pages_one_renders(
    pages: dict[str, str], jobs: int, shared: int
) -> None:
    """Split among `jobs` processes only when each gets at least two pages (the fixture has 34)."""
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    cache, started = RenderCache(), []

    def run(calls: Sequence[Callable[[], Texts]]) -> list[Texts]:
        started.append(len(calls))
        return in_children(calls)

    assert render_site(index, TEMPLATES, cache, shares=Shares(jobs, run)) == pages
    assert started == ([shared] if shared else []) and cache.rendered == len(pages) == 34
    assert render_site(index, TEMPLATES, cache) == pages and cache.rendered == 0  # the cache is whole


def test_every_record_has_a_page(pages: dict[str, str]) -> None:
    records = {p.relative_to(FIXTURE).with_suffix(".md").as_posix() for p in FIXTURE.glob("*/*.yml")}
    assert records <= set(pages)


def test_every_footnote_reference_has_one_definition(pages: dict[str, str]) -> None:
    import re

    for path, text in pages.items():
        refs = set(re.findall(r'href="#fn:(\d+)"', text))
        defs = re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE)
        assert sorted(defs) == sorted(set(defs)), f"{path}: footnote defined twice"
        assert refs == set(defs), f"{path}: references {refs} vs definitions {set(defs)}"
        # Each footnote's back-link returns to exactly one marker: the page's first for it.
        targets = re.findall(r'id="fnref:(\d+)"', text)
        assert sorted(targets) == sorted(set(defs)), f"{path}: back-link targets {targets}"


def test_hostile_title_is_escaped(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-24-strikes-on-site-t.md"]
    assert card.startswith(
        '---\ntitle: "Strikes on Site T &lt;b&gt;&amp; co&lt;/b&gt;"\nhide:\n  - "navigation"\n---\n'
    )
    assert "\n# Strikes on Site T &lt;b&gt;&amp; co&lt;/b&gt; { data-pagefind-body }\n" in card
    assert "[a fake](javascript" not in card


def test_conflicting_claims_stand_side_by_side(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-24-strikes-on-site-t.md"]
    assert "| **up to 7** | Killed |" in card
    assert "| **at least 1** | Killed |" in card


def test_month_precise_date_is_not_shown_as_a_day(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-strike-month-only.md"]
    assert "<dt>When</dt>\n<dd markdown>January 2024 *(month only)*</dd>" in card
    assert "1 January" not in card


def test_affiliations_show_in_both_directions(pages: dict[str, str]) -> None:
    assert "| Part of | [Umbrella U](umbrella-u.md) | from 2014 |" in pages["actors/militia-k.md"]
    assert "| Includes | [Militia K](militia-k.md) | from 2014 |" in pages["actors/umbrella-u.md"]


def test_chronology_puts_month_only_events_first(pages: dict[str, str]) -> None:
    year = pages["chronology/2024.md"]
    assert year.index("A strike known only to the month") < year.index("Missile attack on Base B")
    assert year.index("Missile attack on Base B") < year.index("Strikes on Site T")


def test_golden_folder_exists() -> None:
    assert Path(GOLDEN).is_dir()


def test_long_lists_are_split_into_dated_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pages import listings

    monkeypatch.setattr(listings, "PAGE_ROWS", 2)
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    pages = render_site(index, TEMPLATES)
    # Three January events exceed two rows: the year links to a month page in two parts.
    assert "[January 2024](2024-01/index.md) | 3 |" in pages["chronology/2024.md"]
    first, second = pages["chronology/2024-01/index.md"], pages["chronology/2024-01/part-2.md"]
    assert first.startswith('---\ntitle: "January 2024, part 1 of 2"\nsearch:\n  exclude: true\n---\n')
    assert "**Parts:** **1** (January 2024 – 20 January 2024, 18:30) · [2](part-2.md) (24 January 2024, 00:15)" in first
    assert first.count("](../../events/") == 2 and second.count("](../../events/") == 1
    assert all(text.count("\n| ") <= 2 + 2 for path, text in pages.items() if path.startswith("chronology/2024-"))


@pytest.mark.parametrize(
    ("meta", "text"),
    [
        ({}, ""),
        (
            {"title": "</title><script>alert(1)</script>"},
            '---\ntitle: "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"\n---\n\n',
        ),
        ({"title": "Say \"no\" & 'why'"}, '---\ntitle: "Say \\"no\\" &amp; \'why\'"\n---\n\n'),
        ({"title": "Kata'ib Ḥizb — Ğ"}, '---\ntitle: "Kata\'ib Ḥizb — Ğ"\n---\n\n'),
        (
            {"title": "T", "hide": ["navigation", "toc"], "search": {"exclude": True, "boost": 2}},
            '---\ntitle: "T"\nhide:\n  - "navigation"\n  - "toc"\nsearch:\n  exclude: true\n  boost: 2\n---\n\n',
        ),
    ],
)
def test_front_matter_is_yaml_with_an_html_escaped_title(meta: dict[str, Any], text: str) -> None:
    assert front_matter(meta) == text
    if meta:
        shown = {**meta, "title": html.escape(meta["title"], quote=False)}
        assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n\n")) == shown


def test_a_record_title_cannot_break_out_of_the_html_title(make_tree: MakeTree) -> None:
    files = valid_records()
    files["events/2024-01-01-attack.yml"] = files["events/2024-01-01-attack.yml"].replace(
        "title: An attack", 'title: "</title><script>alert(1)</script>"'
    )
    index, _ = load_index(make_tree(files))
    card = render_site(index, TEMPLATES)["events/2024-01-01-attack.md"]
    assert card.startswith('---\ntitle: "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"\nhide:\n')
    assert "<script>" not in card and "</title>" not in card


def _render_template(tmp_path: Path, templates: dict[str, str], **context: Any) -> str:
    for name, text in templates.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return make_environment(tmp_path).get_template("page.md.j2").render(**context)


def test_a_template_printing_none_is_an_error_saying_how_to_guard_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as raised:
        _render_template(tmp_path, {"page.md.j2": "**Note:** {{ note }}\n"}, note=None)
    assert str(raised.value) == "a template printed None; guard optional fields with {% if %}"


def test_a_misspelt_name_in_a_template_is_an_error_not_a_blank(tmp_path: Path) -> None:
    with pytest.raises(jinja2.UndefinedError, match="'evnet' is undefined"):
        _render_template(tmp_path, {"page.md.j2": "# {{ evnet }}\n"}, event="E")


def test_a_briefings_own_template_can_read_the_schema_and_the_month_names(tmp_path: Path) -> None:
    """A briefing overriding a template (README: 'A briefing may override any template') has the same globals."""
    template = "{{ schema.KIND_SINGULAR['events'] }} of {{ MONTHS[0] }}: {{ schema.VOCABULARIES['role'] | length }}\n"
    roles = len(schema.VOCABULARIES["role"])
    assert _render_template(tmp_path, {"page.md.j2": template}) == f"event of January: {roles}\n"


def test_indented_template_tags_leave_no_whitespace_in_the_markdown(tmp_path: Path) -> None:
    template = "{% for x in xs %}\n  {% if x %}\n- {{ x }}\n  {% endif %}\n{% endfor %}\nend\n"
    assert _render_template(tmp_path, {"page.md.j2": template}, xs=["a", "", "b*"]) == "- a\n- b&#42;\nend\n"


def test_an_included_part_keeps_its_last_newline(tmp_path: Path) -> None:
    templates = {"page.md.j2": "{% include 'part.md.j2' %}after\n", "part.md.j2": "part\n"}
    assert _render_template(tmp_path, templates) == "part\nafter\n"


def test_the_search_page_is_made_only_when_asked_for() -> None:
    index, _ = load_index(FIXTURE)
    with_search = render_site(index, TEMPLATES, search_page=True)
    without = render_site(index, TEMPLATES)
    assert set(with_search) - set(without) == {"search.md"}
    assert with_search["search.md"].startswith('---\ntitle: "Search"\nsearch:\n  exclude: true\n---\n\n# Search\n')
    assert page_paths(index) == set(without)
    assert page_paths(index, search_page=True) == set(with_search)


@pytest.mark.parametrize("character", ["\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufffe", "\uffff"])
def test_a_title_with_a_control_character_still_gives_front_matter_yaml_can_read(character: str) -> None:
    """Unreadable front matter is dropped by MkDocs, whose title from the H1 is then unescaped into <title>."""
    title = f"A{character}</title><script>"
    text = front_matter({"title": title})
    assert text == f'---\ntitle: "A\\u{ord(character):04x}&lt;/title&gt;&lt;script&gt;"\n---\n\n'
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n\n")) == {
        "title": html.escape(title, quote=False)
    }


@given(st.text())
def test_front_matter_reads_back_as_the_escaped_title_whatever_the_title(title: str) -> None:
    text = front_matter({"title": title, "hide": [title], "search": {"note": title}})
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n\n")) == {
        "title": html.escape(title, quote=False),
        "hide": [title],
        "search": {"note": title},
    }
