"""The figures' data on the fixture briefing and small trees: where each mark goes, how wide a month-precise
or ranged date is drawn, the chains and their layout, monthly counts; and the SVG kept
byte for byte in tests/golden/figures (refreshed with --update-golden, reviewed as a diff)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pages.chains import chains, columns, escalation_graph, layout, neighbourhood
from generator.pages.context import PageContext
from generator.pages.drawing import MAX_SVG_BYTES, counts_figure, timeline_figure
from generator.pages.event_filter import first_day, last_day
from generator.pages.figures import (
    MAX_MARKS,
    Domain,
    MonthCount,
    domain_of,
    marks,
    month_start,
    monthly_counts,
    ticks,
    year_domain,
)
from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from generator.pages.svg import card_links, kind_class, num, site_href, text
from generator.records.dates import parse_date
from generator.records.index import Index
from tests.conftest import FIXTURE, FIXTURE_CONFIG, GOLDEN, TEMPLATES, MakeTree, valid_records

FIGURES = GOLDEN.parent / "figures"
BASE_B, SITE_T, MONTH_ONLY = "2024-01-20-attack-on-base-b", "2024-01-24-strikes-on-site-t", "2024-01-strike-month-only"


@pytest.fixture(scope="module")
def fixture_index() -> Index:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    return index


def event(id_: str, date: str, type_: str = "rocket-attack", relations: str = "") -> dict[str, str]:
    return {
        f"events/{id_}.yml": f'id: {id_}\ntitle: Event {id_}\ndate: "{date}"\ntype: {type_}\n'
        f"summary: Something happened.[@src]\nsources: [src]\n{relations}"
    }


def tree_index(make_tree: MakeTree, *events: dict[str, str]) -> Index:
    files = {k: v for k, v in valid_records().items() if not k.startswith("events/")}
    for found in events:
        files.update(found)
    index, problems = load_index(make_tree(files))
    assert [p for p in problems if p.severity == "error"] == []
    return index


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (10.0, "10"), (504.2903, "504.3"), (-0.04, "0"), (2.25, "2.2"), (1e-9, "0")]
)
def test_coordinates_are_rounded_to_one_decimal_without_a_trailing_zero(value: float, shown: str) -> None:
    assert num(value) == shown


@pytest.mark.parametrize(
    ("page", "target", "href", "without"),
    [
        ("index.md", "events/a.md", "events/a/", "events/a.html"),
        ("chronology/index.md", "events/a.md", "../events/a/", "../events/a.html"),
        ("chronology/2024.md", "events/a.md", "../../events/a/", "../events/a.html"),
        ("chronology/2024.md", "chronology/2024.md#m01", "./#m01", "2024.html#m01"),
        ("events/b.md", "events/a.md", "../a/", "a.html"),
        ("chronology/2024-01/part-2.md", "index.md", "../../../", "../../index.html"),
        ("chronology/index.md", "chronology/2024.md#m01", "2024/#m01", "2024.html#m01"),
    ],
)
def test_figure_links_are_written_as_the_built_site_serves_the_pages(
    page: str, target: str, href: str, without: str
) -> None:
    """With directory URLs (MkDocs' default) and without them (use_directory_urls: false)."""
    assert site_href(page, target) == href
    assert site_href(page, target, directory_urls=False) == without


@pytest.mark.parametrize(
    "page", ["index.md", "chronology/2024.md", "events/b.md", "actors/a.md", "all-events/part-2.md"]
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_cards_link_from_its_figure_prefix_is_the_same_as_worked_out_alone(page: str, directory_urls: bool) -> None:
    cards = card_links(page, directory_urls)
    assert cards.href("some-event") == site_href(page, "events/some-event.md", directory_urls)


def test_a_title_is_text_in_svg_never_markup() -> None:
    assert text('</title></svg><script>alert("x")</script>&') == (
        "&lt;/title&gt;&lt;/svg&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;"
    )


def test_each_event_type_keeps_its_colour_by_its_place_in_the_vocabulary() -> None:
    order = ["rocket-attack", "airstrike", "other"]
    assert [kind_class(t, order) for t in ["airstrike", "rocket-attack", "unknown"]] == ["k1", "k0", "k3"]
    assert kind_class("t14", [f"t{n}" for n in range(15)]) == "k0"  # past the classes, colours repeat


def test_on_the_fixture_a_month_precise_event_spans_its_month_and_days_are_dots(fixture_index: Index) -> None:
    events = fixture_index.chronology
    domain = domain_of(events)
    assert (domain.start, domain.end) == (month_start(2024, 1), month_start(2024, 2))
    placed = {m.event.id: m for m in marks(events, domain)}
    month = placed[MONTH_ONLY]
    assert (month.point, month.x0, month.x1, month.lane) == (False, 10.0, 790.0, 0)
    # 20 January 18:30 at UTC+03:00 is 15:30 UTC, 19 days and 930 minutes into a 31-day month of 780 units.
    assert (placed[BASE_B].point, placed[BASE_B].x0, placed[BASE_B].lane) == (True, 504.3, 1)
    assert placed[BASE_B].approximate  # "about 18:30"
    assert (placed[SITE_T].x0, placed[SITE_T].approximate, placed[SITE_T].lane) == (585.8, False, 1)


def test_a_range_is_a_bar_to_the_end_of_its_end_and_a_year_spans_its_year(make_tree: MakeTree) -> None:
    index = tree_index(
        make_tree,
        event("a-range", "2024-03-10/2024-04"),
        event("a-year", "2024"),
        event("about-a-day", "2024-06-15~"),
    )
    placed = {m.event.id: m for m in marks(index.chronology, year_domain(2024))}
    days = 366  # 2024 is a leap year
    start, end = 31 + 29 + 9, 31 + 29 + 31 + 30  # 10 March 00:00 to 1 May 00:00
    assert placed["a-range"].x0 == round(10 + start / days * 780, 1)
    assert placed["a-range"].x1 == round(10 + end / days * 780, 1)
    assert not placed["a-range"].point
    assert (placed["a-year"].x0, placed["a-year"].x1) == (10.0, 790.0)
    assert placed["about-a-day"].point and placed["about-a-day"].approximate
    assert len({m.lane for m in placed.values()}) == 2  # the year's bar is under everything else


def test_marks_that_would_overlap_take_separate_lanes_and_far_ones_share_the_first(make_tree: MakeTree) -> None:
    index = tree_index(make_tree, event("one", "2024-01-01"), event("two", "2024-01-01"), event("three", "2024-12-31"))
    lanes = {m.event.id: m.lane for m in marks(index.chronology, year_domain(2024))}
    assert lanes == {"one": 0, "two": 1, "three": 0}


def test_a_year_axis_has_a_tick_per_month_and_labels_them() -> None:
    found = ticks(year_domain(2023))
    assert len(found) == 13
    assert [t.label for t in found] == [
        "Jan 2023",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "",
    ]
    assert (found[0].x, found[-1].x) == (10.0, 790.0)
    long = ticks(Domain(month_start(2015, 1), month_start(2025, 1)))
    assert [t.label for t in long if t.label] == [str(y) for y in range(2015, 2025)]


def test_monthly_counts_by_type_fill_the_months_between_and_set_year_only_dates_aside(make_tree: MakeTree) -> None:
    index = tree_index(
        make_tree,
        event("a", "2024-01-05", "airstrike"),
        event("b", "2024-01", "rocket-attack"),
        event("c", "2024-01-20", "airstrike"),
        event("d", "2024-03-02", "rocket-attack"),
        event("e", "2024", "rocket-attack"),
    )
    counts, no_month = monthly_counts(index.chronology, ["rocket-attack", "airstrike"])
    assert counts == [
        MonthCount(2024, 1, (("rocket-attack", 1), ("airstrike", 2))),
        MonthCount(2024, 2, ()),
        MonthCount(2024, 3, (("rocket-attack", 1),)),
    ]
    assert no_month == 1
    assert [c.total for c in counts] == [3, 0, 1]


def test_the_fixtures_monthly_counts(fixture_index: Index) -> None:
    types = list(fixture_index.corpus.vocabulary.of("event-type"))
    counts, no_month = monthly_counts(fixture_index.chronology, types)
    assert counts == [MonthCount(2024, 1, (("ballistic-missile-attack", 1), ("airstrike", 1), ("drone-strike", 1)))]
    assert no_month == 0


def test_the_fixtures_chain_answer_follows_the_attack(fixture_index: Index) -> None:
    graph = escalation_graph(fixture_index)
    assert [(e.cause, e.effect, e.relation) for e in graph.edges] == [(BASE_B, SITE_T, "in-response-to")]
    assert neighbourhood(graph, MONTH_ONLY) is None
    around = neighbourhood(graph, SITE_T)
    assert around is not None and around.focus == SITE_T
    assert [e.id for e in around.events] == [BASE_B, SITE_T]
    [whole] = chains(graph)
    assert [(p.event.id, p.column, p.row) for p in layout(whole)] == [(BASE_B, 0, 0), (SITE_T, 1, 0)]


def chain_tree(make_tree: MakeTree) -> Index:
    """b answers a, c answers b, d answers c, f answers d, e led to f, g answers a; lone stands alone."""
    answers = "relations:\n  - {{relation: in-response-to, event: {}, sources: [src]}}\n"
    return tree_index(
        make_tree,
        event("a", "2024-01-01"),
        event("b", "2024-01-02", relations=answers.format("a")),
        event("c", "2024-01-03", relations=answers.format("b")),
        event("d", "2024-01-04", relations=answers.format("c")),
        event("e", "2024-01-05", relations="relations:\n  - {relation: led-to, event: f, sources: [src]}\n"),
        event("f", "2024-01-06", relations=answers.format("d")),
        event("g", "2024-01-07", relations=answers.format("a")),
        event("lone", "2024-01-08"),
    )


def test_a_cards_neighbourhood_reaches_two_steps_each_way(make_tree: MakeTree) -> None:
    graph = escalation_graph(chain_tree(make_tree))
    around = neighbourhood(graph, "c")
    assert around is not None
    assert [e.id for e in around.events] == ["a", "b", "c", "d", "f"]
    assert {(e.cause, e.effect) for e in around.edges} == {("a", "b"), ("b", "c"), ("c", "d"), ("d", "f")}
    assert neighbourhood(graph, "lone") is None


def test_every_chain_once_and_a_led_to_edge_runs_from_the_record_that_wrote_it(make_tree: MakeTree) -> None:
    graph = escalation_graph(chain_tree(make_tree))
    assert ("e", "f", "led-to") in {(e.cause, e.effect, e.relation) for e in graph.edges}
    assert [[e.id for e in c.events] for c in chains(graph)] == [["a", "b", "c", "d", "e", "f", "g"]]


def test_a_chain_is_laid_out_in_time_each_answer_continuing_the_row_of_what_it_answered(make_tree: MakeTree) -> None:
    [whole] = chains(escalation_graph(chain_tree(make_tree)))
    rows = {p.event.id: (p.column, p.row) for p in layout(whole)}
    # g answers a, whose row now holds b to f: it takes the first free row without a, not the row behind them
    assert rows == {"a": (0, 0), "b": (1, 0), "c": (2, 0), "d": (3, 0), "e": (4, 1), "f": (5, 0), "g": (6, 1)}


def test_a_month_precise_answer_is_drawn_after_the_day_it_answered(make_tree: MakeTree) -> None:
    index = tree_index(
        make_tree,
        event("attacks-begin", "2023-10-17"),
        event(
            "strikes",
            "2023-10",
            relations="relations:\n  - {relation: in-response-to, event: attacks-begin, sources: [src]}\n",
        ),
    )
    [whole] = chains(escalation_graph(index))
    assert [e.id for e in whole.events] == ["strikes", "attacks-begin"]  # date order
    assert [e.id for e in columns(whole)] == ["attacks-begin", "strikes"]  # but never before what it answered


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("199X", "1990-01-01", "1999-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
    ],
)
def test_a_date_means_every_day_of_its_period(written: str, first: str, last: str) -> None:
    point = parse_date(written).start
    assert (first_day(point).isoformat(), last_day(point).isoformat()) == (first, last)


def test_many_events_become_month_columns_each_linked_to_its_month(make_tree: MakeTree) -> None:
    many = [event(f"e{n:04d}", f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}") for n in range(MAX_MARKS + 1)]
    index = tree_index(make_tree, *many)
    figure = timeline_figure(PageContext("chronology/2024.md", index), index.chronology, 2024)
    assert "too many to mark one by one" in figure
    assert figure.count("<a ") == 12 and 'href="./#m01"' in figure
    assert "<circle" not in figure


def test_a_timeline_too_heavy_to_mark_one_by_one_becomes_month_columns_though_each_year_is_small(
    make_tree: MakeTree,
) -> None:
    """Each year under MAX_MARKS, the whole over MAX_SVG_BYTES: every year's row as month columns."""
    years = 2020, 2022, 2024, 2026  # any two of them more than LONG months apart: a row per year
    per_year = MAX_MARKS - 10
    assert per_year * len(years) * 150 > MAX_SVG_BYTES  # a mark is more than 150 bytes of SVG
    many = [event(f"e{y}-{n:03d}", f"{y}-{1 + n % 12:02d}-{1 + n % 28:02d}") for y in years for n in range(per_year)]
    index = tree_index(make_tree, *many)
    figure = timeline_figure(PageContext("chronology/index.md", index), index.chronology)
    assert "too many to mark one by one" in figure and "<circle" not in figure
    assert len(figure.encode("utf-8")) < MAX_SVG_BYTES
    few = timeline_figure(PageContext("chronology/index.md", index), index.chronology[: per_year * 2])
    assert "<circle" in few  # two years' worth is light enough to mark


def test_figures_escape_titles_from_the_records(make_tree: MakeTree) -> None:
    hostile = event("x", "2024-01-02")
    hostile["events/x.yml"] = hostile["events/x.yml"].replace(
        "title: Event x", "title: '</title></svg><script>x</script>'"
    )
    index = tree_index(make_tree, hostile)
    page = PageContext("index.md", index)
    for figure in (timeline_figure(page, index.chronology), counts_figure(page, index.chronology)):
        assert "<script>" not in figure and "</title></svg>" not in figure.replace("</title><", "")


def _svgs(pages: dict[str, str]) -> dict[str, str]:
    wanted = {
        "timeline.svg": "chronology/index.md",
        "timeline-year.svg": "chronology/2024.md",
        "counts.svg": "index.md",
        "chain-card.svg": f"events/{SITE_T}.md",
        "chains.svg": "chains.md",
    }
    return {name: re.search(r"<svg.*?</svg>", pages[path], re.S).group(0) + "\n" for name, path in wanted.items()}  # type: ignore[union-attr]


def test_golden_svg_of_the_fixture(fixture_index: Index, update_golden: bool) -> None:
    found = _svgs(render_site(fixture_index, TEMPLATES))
    if update_golden:
        FIGURES.mkdir(exist_ok=True)
        for name, svg in found.items():
            (FIGURES / name).write_text(svg, encoding="utf-8")
    for name, svg in found.items():
        assert svg == (FIGURES / name).read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_figures_are_byte_identical_from_the_same_records(fixture_index: Index) -> None:
    again, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    assert _svgs(render_site(fixture_index, TEMPLATES)) == _svgs(render_site(again, TEMPLATES))


def test_the_events_list_of_the_fixture_has_the_filters_on_its_first_part(fixture_index: Index) -> None:
    page = render_site(fixture_index, TEMPLATES)["all-events/index.md"]
    assert (
        '<form class="briefing-finder" data-index="events.json" data-events="../events/" data-card-suffix="/" hidden>'
        in page
    )
    assert "3 events, in date order." in page
    assert Path(TEMPLATES / "assets" / "event-filter.js").is_file()
