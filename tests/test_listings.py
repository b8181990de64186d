"""The listing pages a reader browses: the home page, the indexes of actors and places, the chronology."""

from __future__ import annotations

import re

import pytest

from generator.pages import listings
from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from tests.conftest import TEMPLATES, MakeTree, valid_records


def render(make_tree: MakeTree, files: dict[str, str]) -> dict[str, str]:
    index, _ = load_index(make_tree(files))
    return render_site(index, TEMPLATES)


def event(record_id: str, date: str, title: str | None = None) -> str:
    return (
        f"id: {record_id}\ntitle: {title or record_id}\ndate: {date!r}\ntype: rocket-attack\n"
        "summary: Rockets.[@src]\nsources: [src]\n"
    )


def with_events(make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch, dates: dict[str, str]) -> dict[str, str]:
    """The pages of the smallest content plus an event per id → date, with listing pages of two rows."""
    monkeypatch.setattr(listings, "PAGE_ROWS", 2)
    files = valid_records()
    files.update({f"events/{record_id}.yml": event(record_id, date) for record_id, date in dates.items()})
    return render(make_tree, files)


def section(page: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading."""
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_latest_events_are_the_last_ten_newest_first(make_tree: MakeTree) -> None:
    files = valid_records()
    del files["events/2024-01-01-attack.yml"]
    for day in range(1, 13):
        files[f"events/e{day:02d}.yml"] = event(f"e{day:02d}", f"2024-03-{day:02d}")
    home = render(make_tree, files)["index.md"]
    rows = [line for line in section(home, "Latest events").splitlines() if line.startswith("| ")][1:]
    assert rows == [
        f"| {day} March 2024 | [e{day:02d}](events/e{day:02d}.md) | [Rocket attack](types/rocket-attack/index.md) |  |"
        for day in range(12, 2, -1)
    ]
    assert "| Events | 12 (2024) |" in home


def test_events_dated_to_the_day_or_minute_are_counted_but_not_months_years_or_ranges(
    make_tree: MakeTree,
) -> None:
    files = valid_records()  # one event, dated to the day
    files["events/minute.yml"] = event("minute", "2024-02-01T10:00:00+03:00")
    files["events/month.yml"] = event("month", "2024-03")
    files["events/year.yml"] = event("year", "2023")
    files["events/range.yml"] = event("range", "2024-04-01/2024-04-03")
    home = render(make_tree, files)["index.md"]
    assert "| Events dated to the day or the minute | 2 |" in home
    assert "| Events | 5 (2023–2024) |" in home


def test_a_briefing_without_events_still_has_a_home_page(make_tree: MakeTree) -> None:
    files = valid_records()
    del files["events/2024-01-01-attack.yml"]
    pages = render(make_tree, files)
    assert "| Events | 0 |" in pages["index.md"]
    assert "| Events dated to the day or the minute | 0 |" in pages["index.md"]
    assert pages["chronology/index.md"].startswith("---\nsearch:\n  exclude: true\n---\n")


def test_actor_and_place_indexes_sort_each_kind_by_name_ignoring_case(make_tree: MakeTree) -> None:
    files = valid_records()
    for record_id, name in [("a-zulu", "zulu Front"), ("b-alpha", "alpha Brigade"), ("c-mike", "mike Group")]:
        files[f"actors/{record_id}.yml"] = (
            f"id: {record_id}\nname: {name}\nkind: armed-group\nprofile: A group.[@src]\nsources: [src]\n"
        )
    for record_id, name in [("a-york", "York"), ("b-aden", "aden"), ("c-kent", "Kent")]:
        files[f"places/{record_id}.yml"] = (
            f"id: {record_id}\nname: {name}\nkind: town\ndescription: A town.[@src]\nsources: [src]\n"
        )
    pages = render(make_tree, files)
    assert section(pages["actors/index.md"], "Armed group {#armed-group}") == (
        "\n- [alpha Brigade](b-alpha.md)\n- [Group](group.md)\n- [mike Group](c-mike.md)\n- [zulu Front](a-zulu.md)\n"
    )
    assert section(pages["places/index.md"], "Town {#town}") == (
        "\n- [aden](b-aden.md)\n- [Kent](c-kent.md)\n- [Town](town.md)\n- [York](a-york.md)\n"
    )


def test_a_year_of_exactly_page_rows_events_stays_on_one_page(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = with_events(make_tree, monkeypatch, {"second": "2024-01-02"})
    assert "## January 2024 {#m01}" in pages["chronology/2024.md"]
    assert not any(path.startswith("chronology/2024-") for path in pages)


def test_a_split_year_gives_events_without_a_month_their_own_page(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = with_events(make_tree, monkeypatch, {"second": "2024-01-02", "year": "2024"})
    assert "| [2024, month not known](2024-00/index.md) | 1 |" in pages["chronology/2024.md"]
    assert pages["chronology/2024-00/index.md"] == (
        '---\ntitle: "2024, month not known"\nsearch:\n  exclude: true\n---\n\n'
        "# 2024, month not known\n\n"
        '<nav class="briefing-around" aria-label="Neighbouring periods" markdown>\n'
        '<span class="briefing-after">[January 2024](../2024-01/index.md) →</span></nav>\n\n'
        "1 event, in date order.\n\n"
        '<div class="briefing-table events" markdown>\n\n'
        "| Date | Event | Type | Where |\n|---|---|---|---|\n"
        "| 2024 *(year only)* | [year](../../events/year.md)"
        " | [Rocket attack](../../types/rocket-attack/index.md) |  |\n\n</div>\n\n"
        '<nav class="briefing-around" aria-label="Neighbouring periods" markdown>\n'
        '<span class="briefing-after">[January 2024](../2024-01/index.md) →</span></nav>\n'
    )
    assert pages["chronology/2024-01/index.md"].startswith(
        '---\ntitle: "January 2024"\nsearch:\n  exclude: true\n---\n\n# January 2024\n\n'
        '<nav class="briefing-around" aria-label="Neighbouring periods" markdown>\n'
        "<span>← [2024, month not known](../2024-00/index.md)</span></nav>\n\n2 events, in date order.\n"
    )


def test_chronology_pages_step_to_the_period_before_and_after_across_long_and_short_years(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    dates = {"a": "2023-05-01", "b": "2024-01-02", "c": "2024-03-02", "d": "2026-07"}
    pages = with_events(make_tree, monkeypatch, dates)

    def around(path: str) -> list[str]:
        nav = pages[path].split('<nav class="briefing-around"', 1)[1].split("</nav>", 1)[0]
        return [f"{text}={target}" for text, target in re.findall(r"\[([^]]+)\]\(([^)]+)\)", nav)]

    assert around("chronology/2023.md") == ["January 2024=2024-01/index.md"]
    assert around("chronology/2024.md") == ["2023=2023.md", "2026=2026.md"]
    assert around("chronology/2024-01/index.md") == ["2023=../2023.md", "March 2024=../2024-03/index.md"]
    assert around("chronology/2024-03/index.md") == ["January 2024=../2024-01/index.md", "2026=../2026.md"]
    assert around("chronology/2026.md") == ["March 2024=2024-03/index.md"]
    assert pages["chronology/2024.md"].count('class="briefing-around"') == 2, "above and below the list"


def test_tags_on_actors_places_and_campaigns_have_their_pages(make_tree: MakeTree) -> None:
    """A tag only other records carry gets its page, which lists them; no link to a tag page is left dangling."""
    files = valid_records()
    files["actors/group.yml"] = files["actors/group.yml"].replace("sources:", "tags: [harbour, navy]\nsources:")
    files["places/town.yml"] = files["places/town.yml"].replace("sources:", "tags: [harbour]\nsources:")
    files["events/2024-01-01-attack.yml"] += "tags: [navy]\n"
    pages = render(make_tree, files)
    assert pages["tags/harbour/index.md"] == (
        '---\ntitle: "Tag: harbour"\nsearch:\n  exclude: true\n---\n\n# Tag: harbour\n\n\n'
        "**Actors:** [Group](../../actors/group.md)\n\n**Places:** [Town](../../places/town.md)\n"
    )
    navy = pages["tags/navy/index.md"]
    assert "**Actors:** [Group](../../actors/group.md)\n\n1 event, in date order.\n" in navy
    assert "| [An attack](../../events/2024-01-01-attack.md) |" in navy
    assert "| Tag | Events | Actors, places and campaigns |\n|---|---|---|\n" in pages["tags/index.md"]
    assert "| [harbour](harbour/index.md) | 0 | 2 |\n| [navy](navy/index.md) | 1 | 1 |\n" in pages["tags/index.md"]


def test_the_tags_index_has_no_column_for_other_records_when_only_events_are_tagged(make_tree: MakeTree) -> None:
    files = valid_records()
    files["events/2024-01-01-attack.yml"] += "tags: [navy]\n"
    pages = render(make_tree, files)
    assert "| Tag | Events |\n|---|---|\n| [navy](navy/index.md) | 1 |\n" in pages["tags/index.md"]
    assert "**Actors:**" not in pages["tags/navy/index.md"]
