"""Index → {path: markdown}. Pure: reads templates, writes nothing.

Templates are Jinja2 with StrictUndefined and autoescaping on, but the
escaping is Markdown's: `finalize` turns every plain string into escaped
Markdown (`Markup`) before Jinja's HTML escape sees it, so only `Markup` built
by pages.py/markup.py (links, footnotes, escaped narrative) or by a macro
passes through unchanged.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import schema
from generator.dates import MONTHS, Precision
from generator.index import Index
from generator.markup import escape_plain
from generator.model import Actor, Campaign, Claim, Event, Place, Record, Source
from generator.pages import LinkMemo, PageContext, date_text, label, record_path

LATEST_EVENTS = 10
UNSEARCHED = {"search": {"exclude": True}}
"""Listing pages repeat what record pages say; leaving them out keeps the search index small."""
PAGE_ROWS = 1000
"""No listing page holds more rows than this; longer lists are split into dated parts."""
_SLUG = re.compile(schema.SLUG_PATTERN)
AFFILIATION_INVERSE = {
    "member-of": "has member",
    "part-of": "includes",
    "backed-by": "backs",
    "commands": "commanded by",
    "leads": "led by",
    "successor-of": "succeeded by",
    "allied-with": "allied with",
    "subordinate-to": "has subordinate",
}
RELATION_INVERSE = {
    "in-response-to": "followed by (in response)",
    "led-to": "resulted from",
    "related-to": "related to",
}


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_plain(value)
    if value is None:
        raise ValueError("a template printed None; guard optional fields with {% if %}")
    return value


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A template edit makes a new environment (see pipeline._stamp), so
        # Jinja need not stat every template file on every page.
        auto_reload=False,
    )
    env.filters["label"] = label
    env.filters["date"] = date_text
    env.filters["figure"] = figure
    env.globals["schema"] = schema
    env.globals["MONTHS"] = MONTHS
    # trim_blocks eats the newline after a line that ends in a block tag;
    # templates end such lines with {{ eol }} to keep it.
    env.globals["eol"] = Markup("")
    env.globals["anchor"] = anchor
    # Search indexes only what a reader looks for (titles, names, narrative);
    # sections marked with this are left out, keeping the index small at scale.
    env.globals["unsearched"] = Markup(" { data-search-exclude }")
    # With Pagefind, only regions marked so are indexed (the same titles, names
    # and narrative), and pages without one (the listing pages) are skipped.
    env.globals["indexed"] = Markup(" { data-pagefind-body }")
    return env


def paginate(
    base: str, name: str, intro: str, events: list[Event], show_type: bool = True
) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """A list of events as pages of at most PAGE_ROWS rows: base/index.md, base/part-2.md, …"""
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
            "meta": UNSEARCHED,
        }
        yield paths[n], "event_list.md.j2", context


def _period(events: list[Event]) -> str:
    if not events:
        return ""
    first, last = events[0].date.start.display_local(), events[-1].date.start.display_local()
    return first if first == last else f"{first} – {last}"


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter; the title is HTML-escaped text.

    Without it MkDocs takes the title from the H1 and Material prints it
    through `striptags`, which *unescapes* entities: a record named
    '</title><script>…' would then break out of <title>. Material prints a
    front-matter title verbatim, and a browser decodes the escapes for display.
    """
    if not meta:
        return ""
    lines = ["---"]
    for key, value in meta.items():
        shown = html.escape(value, quote=False) if key == "title" else value
        if isinstance(shown, list):
            lines += [f"{key}:", *(f"  - {json.dumps(v)}" for v in shown)]
        elif isinstance(shown, dict):
            lines += [f"{key}:", *(f"  {k}: {json.dumps(v)}" for k, v in shown.items())]
        else:
            lines.append(f"{key}: {json.dumps(shown, ensure_ascii=False)}")
    return "\n".join([*lines, "---", "", ""])


def anchor(slug: str) -> Markup:
    """An explicit heading id ({#slug}) for a vocabulary term or tag."""
    if not _SLUG.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(f"{{#{slug}}}")


def figure(claim: Claim) -> str:
    """'up to 7', 'at least 25', '7–9': the value exactly as bounded by its claimant."""
    number = f"{claim.value:,}–{claim.value_max:,}" if claim.value_max is not None else f"{claim.value:,}"
    prefix = {"exact": "", "at-least": "at least ", "up-to": "up to ", "more-than": "more than ", "about": "about "}[
        claim.qualifier
    ]
    return prefix + number


@dataclass
class _Rendered:
    template: str
    context: dict[str, Any]
    used: frozenset[str]
    text: str


@dataclass
class RenderCache:
    """Pages rendered last time, reused when nothing they show has changed.

    A page's text is a function of its template, its context and the records
    it linked to or cited (PageContext.used). If the context is equal and
    each used record is the same (the validate cache hands back the very same
    object for an unchanged file), the old text is the new text. Templates
    must not reach into the index except through those two channels.

    A page whose used record changes is re-rendered in that same run, so a
    kept page's records are always those of the last run (`records`): one
    comparison per record per run finds what changed, and each page then
    needs only a set-disjointness test rather than a comparison per link.
    """

    templates: Path | None = None
    env: jinja2.Environment | None = None
    pages: dict[str, _Rendered] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    rendered: int = 0


def render_site(
    index: Index, templates: Path, cache: RenderCache | None = None, search_page: bool = False
) -> dict[str, str]:
    """Every page of the site, keyed by its path in the docs tree (plus search.md for Pagefind)."""
    cache = RenderCache() if cache is None else cache
    if cache.env is None or cache.templates != templates:
        cache.templates, cache.env, cache.pages = templates, make_environment(templates), {}
    renderer = _Renderer(index, cache.env)
    fresh: dict[str, _Rendered] = {}
    changed = _changed_ids(cache.records, index.by_id) if cache.pages else set()
    rendered = 0
    extra = [("search.md", "search.md.j2", {"title": "Search", "meta": UNSEARCHED})] if search_page else []
    for path, template, context in [*renderer.plan(), *extra]:
        old = cache.pages.get(path)
        if old is None or not _still_valid(old, template, context, changed):
            old = renderer.render(path, template, context)
            rendered += 1
        fresh[path] = old
    # Only a complete run updates the cache: a template error leaves the last one whole.
    cache.pages, cache.records, cache.rendered = fresh, index.by_id, rendered
    return {path: fresh[path].text for path in sorted(fresh)}


def page_paths(index: Index, search_page: bool = False) -> set[str]:
    """The path of every page `render_site` makes, without rendering one: what a nav entry may name."""
    planned = {path for path, _, _ in _Renderer(index, jinja2.Environment()).plan()}
    return planned | {"search.md"} if search_page else planned


def _changed_ids(before: dict[str, Record], after: dict[str, Record]) -> set[str]:
    """Ids whose record was removed or is no longer the same (or an equal) object."""
    changed = set(before.keys() - after.keys())
    for record_id, record in after.items():
        old = before.get(record_id)
        if old is not record and old != record:
            changed.add(record_id)
    return changed


def _still_valid(old: _Rendered, template: str, context: dict[str, Any], changed: set[str]) -> bool:
    return old.template == template and old.context == context and old.used.isdisjoint(changed)


class _Renderer:
    def __init__(self, index: Index, env: jinja2.Environment) -> None:
        self.index = index
        self.env = env
        self.links = LinkMemo()

    def render(self, path: str, template: str, context: dict[str, Any]) -> _Rendered:
        page = PageContext(path, self.index, self.links)
        text = self.env.get_template(template).render(page=page, **context)
        title = context.get("title")
        meta = {"title": title, **context.get("meta", {})} if title else context.get("meta", {})
        return _Rendered(template, context, frozenset(page.used), front_matter(meta) + text.rstrip() + "\n")

    def plan(self) -> Iterable[tuple[str, str, dict[str, Any]]]:
        corpus = self.index.corpus
        for event in corpus.events:
            yield record_path("events", event.id), "event.md.j2", self.event_context(event)
        for actor in corpus.actors:
            yield record_path("actors", actor.id), "actor.md.j2", self.actor_context(actor)
        for place in corpus.places:
            yield record_path("places", place.id), "place.md.j2", self.place_context(place)
        for source in corpus.sources:
            yield record_path("sources", source.id), "source.md.j2", self.source_context(source)
        for campaign in corpus.campaigns:
            yield record_path("campaigns", campaign.id), "campaign.md.j2", self.campaign_context(campaign)
        yield from self.listing_pages()
        for page in corpus.pages:
            yield page.name, "handwritten.md.j2", {"text": page.text}

    def listing_pages(self) -> Iterable[tuple[str, str, dict[str, Any]]]:
        years = self.events_by_year()
        corpus = self.index.corpus
        yield (
            "chronology/index.md",
            "chronology_index.md.j2",
            {"years": years, "campaigns": corpus.campaigns, "meta": UNSEARCHED},
        )
        for year, months in years.items():
            split = sum(len(events) for events in months.values()) > PAGE_ROWS
            yield (
                f"chronology/{year}.md",
                "chronology_year.md.j2",
                {"year": year, "months": months, "split": split, "meta": UNSEARCHED},
            )
            for month, events in months.items() if split else ():
                name = f"{MONTHS[int(month) - 1]} {year}" if month != "00" else f"{year}, month not known"
                yield from paginate(f"chronology/{year}-{month}", name, "", events)
        for term, events in self.events_by_type.items():
            intro = schema.VOCABULARIES["event-type"][term]
            yield from paginate(f"types/{term}", label(term), intro, events, show_type=False)
        for tag, events in self.events_by_tag.items():
            yield from paginate(f"tags/{tag}", f"Tag: {tag}", "", events)
        yield (
            "actors/index.md",
            "actors_index.md.j2",
            {"meta": UNSEARCHED, "groups": self.grouped(self.index.corpus.actors, "actor-kind")},
        )
        yield (
            "places/index.md",
            "places_index.md.j2",
            {"meta": UNSEARCHED, "groups": self.grouped(self.index.corpus.places, "place-kind")},
        )
        cited = [(s, len(self.index.backlinks.get(s.id, ()))) for s in corpus.sources]
        yield "sources/index.md", "sources_index.md.j2", {"sources": cited, "meta": UNSEARCHED}
        counts = [(c, len(self.index.campaign_events.get(c.id, ()))) for c in corpus.campaigns]
        yield "campaigns/index.md", "campaigns_index.md.j2", {"campaigns": counts, "meta": UNSEARCHED}
        yield (
            "types/index.md",
            "types_index.md.j2",
            {"groups": self.events_by_type, "meta": UNSEARCHED},
        )
        yield (
            "tags/index.md",
            "tags_index.md.j2",
            {"groups": self.events_by_tag, "meta": UNSEARCHED},
        )
        briefing = self.index.corpus.briefing
        home = {**self.home_context(), "meta": {"hide": ["navigation"]}}
        yield "index.md", "home.md.j2", {**home, "title": briefing.title} if briefing else home

    def event_context(self, event: Event) -> dict[str, Any]:
        incoming = self.index.relations_in.get(event.id, ())
        return {
            "title": event.display_name,
            "event": event,
            "incoming": [(other, other.relations[i]) for other, i in incoming],
            "targets": {r.event: self.index.by_id[r.event] for r in event.relations},
            "inverse": RELATION_INVERSE,
            "backlinks": self.backlinks(event.id, exclude={other.id for other, _ in incoming}),
        }

    def actor_context(self, actor: Actor) -> dict[str, Any]:
        incoming = self.index.affiliations_in.get(actor.id, ())
        return {
            "title": actor.display_name,
            "actor": actor,
            "incoming": [(other, other.affiliations[i]) for other, i in incoming],
            "inverse": AFFILIATION_INVERSE,
            "events": self.index.actor_events.get(actor.id, ()),
            "statements": self.index.actor_statements.get(actor.id, ()),
            "backlinks": self.backlinks(
                actor.id, exclude={e.event.id for e in self.index.actor_events.get(actor.id, ())}
            ),
        }

    def place_context(self, place: Place) -> dict[str, Any]:
        chain = []
        current = place.located_in
        while current is not None and current not in chain and current in self.index.by_id:
            chain.append(current)
            parent = self.index.by_id[current]
            current = parent.located_in if isinstance(parent, Place) else None
        events = self.index.place_events.get(place.id, ())
        return {
            "title": place.display_name,
            "place": place,
            "chain": chain,
            "within": self.index.places_within.get(place.id, ()),
            "events": events,
            "backlinks": self.backlinks(place.id, exclude={e.id for e in events}),
        }

    def source_context(self, source: Source) -> dict[str, Any]:
        return {
            "title": source.display_name,
            "source": source,
            "cited_by": self.grouped_ids(self.index.backlinks.get(source.id, ())),
        }

    def campaign_context(self, campaign: Campaign) -> dict[str, Any]:
        events = self.index.campaign_events.get(campaign.id, ())
        return {
            "title": campaign.display_name,
            "campaign": campaign,
            "events": events,
            "backlinks": self.backlinks(campaign.id, exclude={e.id for e in events}),
        }

    def backlinks(self, record_id: str, exclude: set[str]) -> dict[str, list[str]]:
        ids = [i for i in self.index.backlinks.get(record_id, ()) if i not in exclude]
        return self.grouped_ids(ids)

    def grouped_ids(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Record ids grouped by kind, in a fixed kind order."""
        groups: dict[str, list[str]] = defaultdict(list)
        kind_of = self.index.kind_of
        for record_id in ids:
            groups[kind_of[record_id]].append(record_id)
        return {kind: groups[kind] for kind in ("events", "campaigns", "actors", "places", "sources") if kind in groups}

    def grouped(self, records: Iterable[Actor | Place], vocabulary: str) -> dict[str, list[Any]]:
        groups: dict[str, list[Any]] = defaultdict(list)
        for record in sorted(records, key=lambda r: (r.name.casefold(), r.id)):
            groups[record.kind].append(record)
        return {kind: groups[kind] for kind in schema.VOCABULARIES[vocabulary] if kind in groups}

    # Each grouping feeds several pages; group once per run.
    @cached_property
    def events_by_type(self) -> dict[str, list[Event]]:
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.index.chronology:
            groups[event.type].append(event)
        return {key: groups[key] for key in schema.VOCABULARIES["event-type"] if key in groups}

    @cached_property
    def events_by_tag(self) -> dict[str, list[Event]]:
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.index.chronology:
            for tag in event.tags:
                groups[tag].append(event)
        return {key: groups[key] for key in sorted(groups)}

    def events_by_year(self) -> dict[int, dict[str, list[Event]]]:
        """Year → month heading → events; year-only events come first in their year."""
        years: dict[int, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
        for event in self.index.chronology:
            start = event.date.start
            month = f"{start.month:02d}" if start.month is not None else "00"
            years[start.year][month].append(event)
        return {year: dict(sorted(months.items())) for year, months in sorted(years.items())}

    def home_context(self) -> dict[str, Any]:
        chronology = self.index.chronology
        corpus = self.index.corpus
        return {
            "briefing": corpus.briefing,
            "latest": list(reversed(chronology[-LATEST_EVENTS:])),
            "first": chronology[0] if chronology else None,
            "last": chronology[-1] if chronology else None,
            "claims": sum(len(e.claims) for e in corpus.events) + sum(len(c.claims) for c in corpus.campaigns),
            "types": self.events_by_type,
            "counts": {
                "events": len(corpus.events),
                "actors": len(corpus.actors),
                "places": len(corpus.places),
                "sources": len(corpus.sources),
            },
            "pages": corpus.pages,
            "precise": sum(1 for e in corpus.events if e.date.precision >= Precision.DAY and e.date.end is None),
        }
