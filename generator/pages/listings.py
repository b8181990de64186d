"""The pages that list records: chronology, event types, tags, indexes of actors, places,
sources and campaigns, and the home page; long lists split into dated parts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

from generator.pages.filters import label
from generator.pages.record_pages import PagePlan
from generator.pages.release import release
from generator.records.dates import MONTHS, Precision
from generator.records.index import Index
from generator.records.model import Actor, Campaign, Event, Place

LATEST_EVENTS = 10
UNSEARCHED = {"search": {"exclude": True}}
"""Listing pages repeat what record pages say; leaving them out keeps the search index small."""
PAGE_ROWS = 1000
"""No listing page holds more rows than this; longer lists are split into dated parts."""
Period = tuple[str, str]
"""A chronology page as a reader steps to it: (its path in the docs tree, its name)."""


def paginate(
    base: str,
    name: str,
    intro: str,
    events: list[Event],
    show_type: bool = True,
    around: tuple[Period | None, Period | None] = (None, None),
    tagged: dict[str, list[str]] | None = None,
) -> Iterator[PagePlan]:
    """A list of events as pages of at most PAGE_ROWS rows: base/index.md, base/part-2.md, …

    `around` is the period before and after this one, for a chronology's month pages; `tagged`, on a
    tag's page, the ids of the other records with the tag by kind, listed on its first page.
    """
    chunks = [events[i : i + PAGE_ROWS] for i in range(0, len(events), PAGE_ROWS)] or [[]]
    paths = [f"{base}/index.md" if n == 0 else f"{base}/part-{n + 1}.md" for n in range(len(chunks))]
    periods = [_period(chunk) for chunk in chunks]
    parts = list(zip(paths, periods, strict=True))
    for n, chunk in enumerate(chunks):
        title = name if len(chunks) == 1 else f"{name}, part {n + 1} of {len(chunks)}"
        context = {
            "title": title,
            "intro": intro,
            "events": chunk,
            "parts": parts,
            "part": n,
            "show_type": show_type,
            "around": around,
            "tagged": (tagged or {}) if n == 0 else {},
            "meta": UNSEARCHED,
        }
        yield paths[n], "event_list.md.j2", context


def _period(events: list[Event]) -> str:
    if not events:
        return ""
    first, last = events[0].date.start.display_local(), events[-1].date.start.display_local()
    return first if first == last else f"{first} – {last}"


def plan_listings(index: Index) -> Iterator[PagePlan]:
    groups = _Groups(index)
    yield from _chronology(index, groups)
    types = index.corpus.vocabulary.of("event-type")
    for term, events in groups.by_type.items():
        known = types.get(term)
        title = known.label if known else label(term)
        yield from paginate(f"types/{term}", title, known.definition if known else "", events, show_type=False)
    for tag, events in groups.by_tag.items():
        yield from paginate(f"tags/{tag}", f"Tag: {tag}", "", events, tagged=groups.tagged.get(tag))
    yield from _indexes(index, groups)
    # No front-matter title: Material then titles the home page with site_name alone, not "X - X".
    yield "index.md", "home.md.j2", {**_home_context(index, groups), "meta": {"hide": ["navigation"]}}


def _chronology(index: Index, groups: _Groups) -> Iterator[PagePlan]:
    years = groups.by_year
    yield (
        "chronology/index.md",
        "chronology_index.md.j2",
        {"years": years, "chronology": index.chronology, "campaigns": index.corpus.campaigns, "meta": UNSEARCHED},
    )
    split = {year: sum(len(e) for e in months.values()) > PAGE_ROWS for year, months in years.items()}
    steps = list(_periods(years, split))
    for year, months in years.items():
        yield (
            f"chronology/{year}.md",
            "chronology_year.md.j2",
            {"year": year, "months": months, "split": split[year], "meta": UNSEARCHED, **_around(steps, str(year))},
        )
        for month, events in months.items() if split[year] else ():
            name = _month_name(year, month)
            neighbours = _around(steps, f"{year}-{month}")["around"]
            yield from paginate(f"chronology/{year}-{month}", name, "", events, around=neighbours)


def _month_name(year: int, month: str) -> str:
    return f"{MONTHS[int(month) - 1]} {year}" if month != "00" else f"{year}, month not known"


def _periods(years: dict[int, dict[str, list[Event]]], split: dict[int, bool]) -> Iterator[tuple[str, Period]]:
    """Every chronology page a reader can step through, in order: a year, or the months of a long year."""
    for year, months in years.items():
        if not split[year]:
            yield str(year), (f"chronology/{year}.md", str(year))
            continue
        for month in months:
            yield f"{year}-{month}", (f"chronology/{year}-{month}/index.md", _month_name(year, month))


def _around(steps: list[tuple[str, Period]], key: str) -> dict[str, tuple[Period | None, Period | None]]:
    """The pages before and after `key`; a long year's own page steps to its neighbouring years' pages."""
    keys = [k for k, _ in steps]
    if key in keys:
        at = keys.index(key)
        before, after = (steps[at - 1][1] if at else None), (steps[at + 1][1] if at + 1 < len(steps) else None)
        return {"around": (before, after)}
    inside = [n for n, k in enumerate(keys) if k.startswith(f"{key}-")]  # a long year, stepping over its months
    before = steps[inside[0] - 1][1] if inside[0] else None
    after = steps[inside[-1] + 1][1] if inside[-1] + 1 < len(steps) else None
    return {"around": (before, after)}


def _indexes(index: Index, groups: _Groups) -> Iterator[PagePlan]:
    corpus = index.corpus
    actor_kinds, place_kinds = list(corpus.vocabulary.of("actor-kind")), list(corpus.vocabulary.of("place-kind"))
    yield "actors/index.md", "actors_index.md.j2", {"meta": UNSEARCHED, "groups": _by_kind(corpus.actors, actor_kinds)}
    yield "places/index.md", "places_index.md.j2", {"meta": UNSEARCHED, "groups": _by_kind(corpus.places, place_kinds)}
    cited = [(s, len(index.backlinks.get(s.id, ()))) for s in corpus.sources]
    yield "sources/index.md", "sources_index.md.j2", {"sources": cited, "meta": UNSEARCHED}
    counts = [(c, len(index.campaign_events.get(c.id, ()))) for c in corpus.campaigns]
    yield "campaigns/index.md", "campaigns_index.md.j2", {"campaigns": counts, "meta": UNSEARCHED}
    yield "types/index.md", "types_index.md.j2", {"groups": groups.by_type, "meta": UNSEARCHED}
    tagged = groups.tagged
    yield "tags/index.md", "tags_index.md.j2", {"groups": groups.by_tag, "tagged": tagged, "meta": UNSEARCHED}


def _by_kind(records: Iterable[Actor | Place], kinds: list[str]) -> dict[str, list[Any]]:
    """Records grouped by kind in the vocabulary's order, each group sorted by name."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.name.casefold(), r.id)):
        groups[record.kind].append(record)
    return {kind: groups[kind] for kind in kinds if kind in groups}


class _Groups:
    """The chronology grouped three ways; each grouping feeds several pages, so each is made once a run."""

    def __init__(self, index: Index) -> None:
        self.chronology = index.chronology
        self.corpus = index.corpus
        self.types = list(index.corpus.vocabulary.of("event-type"))

    @cached_property
    def by_type(self) -> dict[str, list[Event]]:
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            groups[event.type].append(event)
        return {key: groups[key] for key in self.types if key in groups}

    @cached_property
    def by_tag(self) -> dict[str, list[Event]]:
        """Every tag's events; a tag only actors, places or campaigns carry has none but has its page."""
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            for tag in event.tags:
                groups[tag].append(event)
        return {key: groups[key] for key in sorted(groups.keys() | self.tagged.keys())}

    @cached_property
    def tagged(self) -> dict[str, dict[str, list[str]]]:
        """Tag → 'actors', 'places' or 'campaigns' → the ids of those records carrying it, by name."""
        found: dict[str, dict[str, list[str]]] = defaultdict(dict)
        corpus = self.corpus
        kinds: tuple[tuple[str, Iterable[Actor | Place | Campaign]], ...] = (
            ("actors", corpus.actors),
            ("places", corpus.places),
            ("campaigns", corpus.campaigns),
        )
        for kind, records in kinds:
            for record in sorted(records, key=lambda r: (r.name.casefold(), r.id)):
                for tag in record.tags:
                    found[tag].setdefault(kind, []).append(record.id)
        return dict(sorted(found.items()))

    @cached_property
    def by_year(self) -> dict[int, dict[str, list[Event]]]:
        """Year → month heading → events; year-only events come first in their year."""
        years: dict[int, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
        for event in self.chronology:
            start = event.date.start
            month = f"{start.month:02d}" if start.month is not None else "00"
            years[start.year][month].append(event)
        return {year: dict(sorted(months.items())) for year, months in sorted(years.items())}


def _home_context(index: Index, groups: _Groups) -> dict[str, Any]:
    chronology = index.chronology
    corpus = index.corpus
    return {
        "briefing": corpus.briefing,
        "site": index.site,
        "latest": list(reversed(chronology[-LATEST_EVENTS:])),
        "chronology": chronology,
        "headline": [c for c in corpus.campaigns if c.claims],
        "first": chronology[0] if chronology else None,
        "last": chronology[-1] if chronology else None,
        "claims": sum(len(e.claims) for e in corpus.events) + sum(len(c.claims) for c in corpus.campaigns),
        "types": groups.by_type,
        "counts": {
            "events": len(corpus.events),
            "actors": len(corpus.actors),
            "places": len(corpus.places),
            "sources": len(corpus.sources),
        },
        "pages": corpus.pages,
        "precise": sum(1 for e in corpus.events if e.date.precision >= Precision.DAY and e.date.end is None),
        "release": release(index),
    }
