"""The timeline and counts figures as a page prints them: inline SVG in a <figure> with its text alternative.

Templates call `timeline_figure` and `counts_figure` with the events already in their context, so a
page's render-cache entry still covers everything its figure shows. Colours are classes (k0…k7),
defined in briefing.css for the light and dark palettes and for print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup

from generator.pages.context import PageContext
from generator.pages.figures import (
    BAR_HEIGHT,
    LANE,
    MAX_LANES,
    MAX_MARKS,
    TOP,
    WIDTH,
    Domain,
    Mark,
    MonthCount,
    domain_of,
    marks,
    month_columns,
    month_start,
    monthly_counts,
    ticks,
    year_domain,
)
from generator.pages.svg import CardLinks, card_links, kind_class, num, site_href, text
from generator.records.dates import MONTHS
from generator.records.model import Event

YEAR_LABEL = 40.0
"""Room left of a year's row for its year."""
ROW_BAR = 36.0
"""The height of a year's row drawn as month columns."""
LONG = 24
"""Past this many months an actor's, campaign's or the whole chronology's timeline is drawn a row per year."""
MAX_SVG_BYTES = 180_000
"""A row-per-year timeline heavier than this with a mark per event is drawn with month columns instead: a
page's SVG stays under the 200 KB the figures are allowed. Each year may be under MAX_MARKS and the whole
still too heavy (2,000 synthetic events over six years made a 356 KB chronology)."""
_SVG = '<svg xmlns="http://www.w3.org/2000/svg" class="briefing-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'


def _types(page: PageContext) -> list[str]:
    return list(page.index.corpus.vocabulary.of("event-type"))


def _line(kind: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{kind}" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"/>'


def _rect(kind: str, x: float, y: float, width: float, height: float, extra: str = "") -> str:
    return f'<rect class="{kind}" x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"{extra}/>'


def _axis(domain: Domain, y: float, labels: bool = True) -> list[str]:
    parts = [_line("axis", domain.x(domain.start), y, domain.x(domain.end), y)]
    for tick in ticks(domain):
        parts.append(_line("tick", tick.x, y, tick.x, y + (7 if tick.major else 4)))
        if tick.label and labels:
            parts.append(f'<text x="{num(tick.x + 2)}" y="{num(y + 18)}">{text(tick.label)}</text>')
    return parts


def _mark(page: PageContext, mark: Mark, types: list[str], cards: CardLinks, top: float = TOP) -> str:
    event = mark.event
    name = f"{event.title} — {event.date.display()} ({page.label(event.type, 'event-type')})"
    style = kind_class(event.type, types) + (" approx" if mark.approximate else "")
    y = top + mark.lane * LANE + LANE / 2
    if mark.point:
        shape = f'<circle class="{style}" cx="{num(mark.x0)}" cy="{num(y)}" r="5"/>'
    else:
        shape = _rect(style, mark.x0, y - 5, mark.x1 - mark.x0, 10, ' rx="2"')
    return f'<a href="{text(cards.href(event.id))}"><title>{text(name)}</title>{shape}</a>'


def _legend(page: PageContext, events: Sequence[Event], types: list[str], density: bool) -> str:
    found = Counter(e.type for e in events)
    order = sorted(found, key=lambda t: (types.index(t) if t in types else len(types), t))
    swatch = '<li><span class="swatch {}"></span>{} ({:,})</li>'
    items = [swatch.format(kind_class(t, types), text(page.label(t, "event-type")), found[t]) for t in order]
    if not density:
        items += [
            '<li><span class="swatch dot"></span>day or time known</li>',
            '<li><span class="swatch bar"></span>month, year or range</li>',
            '<li><span class="swatch bar approx"></span>approximate</li>',
        ]
    return f'<ul class="briefing-legend">{"".join(items)}</ul>'


def _figure(kind: str, svg: str, caption: str, legend: str) -> Markup:
    return Markup(
        f'<figure class="briefing-figure {kind}" data-search-exclude>\n'
        f'<div class="briefing-figure-scroll">{svg}</div>\n'
        f"<figcaption>{caption}{legend}</figcaption>\n</figure>"
    )


def timeline_figure(page: PageContext, events: Sequence[Event], year: int | None = None) -> Markup:
    """Every event on a time axis (a year's axis when `year` is given), or month bands when too many to mark."""
    if not events:
        return Markup("")
    types = _types(page)
    domain = year_domain(year) if year is not None else domain_of(events)
    if year is None and domain.months > LONG:
        return _years_figure(page, events, types)
    placed = marks(events, domain) if len(events) <= MAX_MARKS else []
    lanes = 1 + max((m.lane for m in placed), default=-1)
    span = _when(domain)
    if not placed or lanes > MAX_LANES:
        counts, _ = monthly_counts(events, types)
        svg = _bars_svg(page, counts, domain, f"Events per month, {span}")
        caption = (
            f"Timeline of {len(events):,} events, {span}: too many to mark one by one, so each column is a month, "
            "stacked by event type; each column links to that month in the chronology. The events are listed below."
        )
        return _figure("timeline density", svg, caption, _legend(page, events, types, True))
    axis_y = TOP + lanes * LANE + 4
    height = axis_y + 26
    body = [_SVG.format(w=num(WIDTH), h=num(height)) + f' role="group" aria-label="Timeline, {text(span)}">']
    body += _axis(domain, axis_y)
    cards = card_links(page.path, page.directory_urls)
    body += [_mark(page, m, types, cards) for m in placed]
    body.append("</svg>")
    caption = (
        f"Timeline of {len(events):,} {'event' if len(events) == 1 else 'events'}, {span}. "
        "Each mark links to its incident card; the same events are listed below with their dates."
    )
    return _figure("timeline", "".join(body), caption, _legend(page, events, types, False))


def _years_figure(page: PageContext, events: Sequence[Event], types: list[str]) -> Markup:
    svg, dense = _years_svg(page, events, types)
    years = sorted({e.date.start.year for e in events})
    span = f"{years[0]} – {years[-1]}"
    if len(svg.encode("utf-8")) > MAX_SVG_BYTES:
        svg, _ = _years_svg(page, events, types, columns=True)
        caption = (
            f"Timeline of {len(events):,} events, {span}: too many to mark one by one, so each year's row shows a "
            "column per month, stacked by event type; each column links to that month in the chronology. "
            "The events are listed below."
        )
        return _figure("timeline years density", svg, caption, _legend(page, events, types, True))
    caption = (
        f"Timeline of {len(events):,} events, {span}: a row for each year with events, months across. "
        + (
            "Where a year holds too many events to mark one by one, its row shows a column per month, stacked "
            "by type and linked to that month in the chronology. "
            if dense
            else ""
        )
        + "Each mark links to its incident card; ranges running past the end of a year stop at its edge. "
        "The same events are listed below with their dates."
    )
    return _figure("timeline years", svg, caption, _legend(page, events, types, dense))


def _years_svg(
    page: PageContext, events: Sequence[Event], types: list[str], bars: bool = False, columns: bool = False
) -> tuple[str, bool]:
    """A long stretch of time as a row per year with events, months across: sparse years stay readable.

    With `bars` (the counts figure) or `columns` (a timeline too heavy marked), or where a year has too
    many events to mark, the year's row is its month columns (the second value says whether any row is).
    """
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.date.start.year, []).append(event)
    cards = card_links(page.path, page.directory_urls)
    rows: list[str] = []
    dense = False
    top = TOP + 14
    header = year_domain(min(by_year), YEAR_LABEL)
    for n in range(12):
        x = header.x(month_start(header_year(header), n + 1))
        rows.append(f'<text x="{num(x + 2)}" y="{num(TOP + 6)}">{MONTHS[n][:3]}</text>')
    most = max((c.total for y in by_year for c in monthly_counts(by_year[y], types)[0]), default=1)
    for year, found in sorted(by_year.items()):
        if bars and all(e.date.start.month is None for e in found):
            continue  # only year-only events: no month to count them in (the caption says how many)
        domain = year_domain(year, YEAR_LABEL)
        placed = marks(found, domain) if len(found) <= MAX_MARKS and not (bars or columns) else []
        lanes = 1 + max((m.lane for m in placed), default=-1)
        if placed and lanes <= MAX_LANES:
            rows += [_mark(page, m, types, cards, top) for m in placed]
            height = lanes * LANE + 6
        else:
            bar = ROW_BAR * 1.5 if bars else ROW_BAR  # a counts figure has only bars: let them stand taller
            dense, height = True, bar + 6
            rows += _columns(page, monthly_counts(found, types)[0], domain, top + bar, bar / most)
        rows.append(f'<text class="year" x="2" y="{num(top + height / 2 + 4)}">{year}</text>')
        rows += _axis(domain, top + height, labels=False)
        top += height + 4
    span = f"{min(by_year)} – {max(by_year)}"
    body = (
        _SVG.format(w=num(WIDTH), h=num(top + 6))
        + f' role="group" aria-label="{"Events per month" if bars else "Timeline"}, {span}">'
    )
    return body + "".join(rows) + "</svg>", dense


def header_year(domain: Domain) -> int:
    return date.fromordinal(domain.start // (24 * 60) + 1).year


def _when(domain: Domain) -> str:
    first, last = _month_name(domain.start), _month_name(domain.end - 1)
    return first if first == last else f"{first} – {last}"


def _month_name(minute: int) -> str:
    day = date.fromordinal(minute // (24 * 60) + 1)
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_target(year: int, month: int) -> str:
    """Where the chronology lists a month: its heading on the year's page.

    A year too long for one page lists its months there instead, each linked to its own page: the
    link still lands a step from the month. Deciding by the year's size would make every figure
    depend on every event of that year, which its page's render-cache entry does not cover.
    """
    return f"chronology/{year}.md#m{month:02d}"


def _bars_svg(page: PageContext, counts: Sequence[MonthCount], domain: Domain, label: str) -> str:
    """A stacked column per month, each a link to that month in the chronology."""
    most = max((c.total for c in counts), default=0) or 1
    base = TOP + 10 + BAR_HEIGHT
    body = [_SVG.format(w=num(WIDTH), h=num(base + 26)) + f' role="group" aria-label="{text(label)}">']
    body.append(_line("grid", domain.x(domain.start), TOP + 10, domain.x(domain.end), TOP + 10))
    body.append(f'<text x="{num(domain.x(domain.start))}" y="{num(TOP + 6)}">{most:,}</text>')
    body += _axis(domain, base)
    body += _columns(page, counts, domain, base, BAR_HEIGHT / most)
    body.append("</svg>")
    return "".join(body)


def _columns(page: PageContext, counts: Sequence[MonthCount], domain: Domain, base: float, scale: float) -> list[str]:
    """A column per month standing on `base`, `scale` units high per event, stacked by type, linked to the month."""
    types = _types(page)
    found = []
    for count, x, width in month_columns(counts, domain):
        if not count.total:
            continue
        parts, y = [], base
        for term, n in count.counts:
            y -= n * scale
            parts.append(_rect(kind_class(term, types), x, y, width, n * scale))
        detail = ", ".join(f"{n:,} {page.label(t, 'event-type')}" for t, n in count.counts)
        name = f"{count.name}: {count.total:,} {'event' if count.total == 1 else 'events'} ({detail})"
        href = site_href(page.path, month_target(count.year, count.month), page.directory_urls)
        found.append(f'<a href="{text(href)}"><title>{text(name)}</title>{"".join(parts)}</a>')
    return found


def counts_figure(page: PageContext, events: Sequence[Event]) -> Markup:
    """Events per month by type as stacked columns, with the same numbers as a table."""
    types = _types(page)
    counts, no_month = monthly_counts(events, types)
    if not counts:
        return Markup("")
    domain = domain_of(events)
    label = f"Events per month by type, {counts[0].name} – {counts[-1].name}"
    long = domain.months > LONG
    svg = _years_svg(page, events, types, bars=True)[0] if long else _bars_svg(page, counts, domain, label)
    caption = (
        f"{label}{', a row for each year with events' if long else ''}. The busiest month has "
        f"{max(c.total for c in counts):,}; each column links to its month in the chronology, and the numbers "
        "are in the table below (months without events left out)."
        + (f" {no_month:,} events dated only to the year are not counted." if no_month else "")
    )
    return _figure("counts", svg, caption, _legend(page, events, types, True)) + _counts_table(page, counts, types)


def _counts_table(page: PageContext, counts: Sequence[MonthCount], types: list[str]) -> Markup:
    present = [t for t in types if any(dict(c.counts).get(t) for c in counts)]
    present += sorted({t for c in counts for t, _ in c.counts} - set(present))
    head = "".join(f'<th scope="col">{text(page.label(t, "event-type"))}</th>' for t in present)
    rows = []
    for count in (c for c in counts if c.total):
        cells = "".join(f"<td>{dict(count.counts).get(t, 0):,}</td>" for t in present)
        rows.append(f'<tr><th scope="row">{text(count.name)}</th>{cells}<td>{count.total:,}</td></tr>')
    return Markup(
        '<details class="briefing-counts-table">\n<summary>The numbers: events per month by type</summary>\n'
        f'<table>\n<thead><tr><th scope="col">Month</th>{head}<th scope="col">All</th></tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody>\n</table>\n</details>"
    )
