"""Golden tests: the Markdown rendered for the fixture briefing.

Refresh with `pytest tests/test_render.py --update-golden` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from tests.conftest import FIXTURE, FIXTURE_CONFIG, GOLDEN, TEMPLATES


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    return render_site(index, TEMPLATES)


def test_golden_pages(pages: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: rerun with --update-golden and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file"


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    assert render_site(index, TEMPLATES) == pages


def test_every_record_has_a_page(pages: dict[str, str]) -> None:
    records = {p.relative_to(FIXTURE).with_suffix(".md").as_posix() for p in FIXTURE.glob("*/*.yml")}
    assert records <= set(pages)


def test_every_footnote_reference_has_one_definition(pages: dict[str, str]) -> None:
    import re

    for path, text in pages.items():
        refs = set(re.findall(r"\[\^(\d+)\](?!:)", text))
        defs = re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE)
        assert sorted(defs) == sorted(set(defs)), f"{path}: footnote defined twice"
        assert refs == set(defs), f"{path}: references {refs} vs definitions {set(defs)}"


def test_hostile_title_is_escaped(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-24-strikes-on-site-t.md"]
    assert card.startswith('---\ntitle: "Strikes on Site T &lt;b&gt;&amp; co&lt;/b&gt;"\n---\n')
    assert "\n# Strikes on Site T &lt;b&gt;&amp; co&lt;/b&gt; { data-pagefind-body }\n" in card
    assert "[a fake](javascript" not in card


def test_conflicting_claims_stand_side_by_side(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-24-strikes-on-site-t.md"]
    assert "| **up to 7** | Killed |" in card
    assert "| **at least 1** | Killed |" in card


def test_month_precise_date_is_not_shown_as_a_day(pages: dict[str, str]) -> None:
    card = pages["events/2024-01-strike-month-only.md"]
    assert "**When:** January 2024 *(month only)*" in card
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
