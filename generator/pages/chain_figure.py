"""An escalation chain as a page prints it: an SVG graph, each event a link to its card, then the same chain
as a text list (for screen readers, print and a chain too large to draw)."""

from __future__ import annotations

from markupsafe import Markup

from generator.pages.chains import CAUSAL, MAX_DRAWN, Chain, Placed, layout
from generator.pages.context import PageContext
from generator.pages.svg import CardLinks, card_links, kind_class, num, text
from generator.records.dates import MONTHS, DatePoint, PartialDate

NODE_W, NODE_H = 142.0, 52.0
PITCH_X, PITCH_Y = 166.0, 64.0
MARGIN = 6.0
LINE_CHARS = 23
MAX_LISTED = 1000
"""Like a listing page's rows: a longer chain is left to its cards' neighbourhoods."""


def _short_point(point: DatePoint) -> str:
    day = f"{point.day} " if point.day is not None else ""
    month = f"{MONTHS[point.month - 1][:3]} " if point.month is not None else ""
    return f"{day}{month}{point.year}"


def _short_date(event_date: PartialDate) -> str:
    """'29 Dec 2019', 'c. Jan 2024', 'Oct 2023 – Feb 2024', '17 Oct 2023 – ongoing': the node's first line."""
    prefix = "c. " if event_date.approximate else ""
    end = _short_point(event_date.end) if event_date.end else "ongoing" if event_date.ongoing else None
    return prefix + _short_point(event_date.start) + (f" – {end}" if end else "")


def _lines(title: str) -> list[str]:
    """The title in two lines at most, the second cut with an ellipsis (the full title is the link's name)."""
    words, lines, current = title.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > LINE_CHARS:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2 or len(lines[-1]) > LINE_CHARS:
        second = " ".join(lines[1:])
        lines = [lines[0][: LINE_CHARS + 5], second[: LINE_CHARS - 1].rstrip() + "…"]
    return lines


def _node(spot: Placed, focus: str | None, types: list[str], cards: CardLinks) -> str:
    event = spot.event
    x, y = MARGIN + spot.column * PITCH_X, MARGIN + spot.row * PITCH_Y
    style = "node " + kind_class(event.type, types) + (" focus" if event.id == focus else "")
    label = [f'<text class="date" x="{num(x + 8)}" y="{num(y + 15)}">{text(_short_date(event.date))}</text>']
    for n, line in enumerate(_lines(event.title)):
        label.append(f'<text x="{num(x + 8)}" y="{num(y + 30 + n * 13)}">{text(line)}</text>')
    box = f'<rect class="{style}" x="{num(x)}" y="{num(y)}" width="{num(NODE_W)}" height="{num(NODE_H)}" rx="4"/>'
    name = f"{event.title} — {event.date.display()}"
    if event.id == focus:
        return f'<g aria-current="page"><title>{text(name)} (this event)</title>{box}{"".join(label)}</g>'
    return f'<a href="{text(cards.href(event.id))}"><title>{text(name)}</title>{box}{"".join(label)}</a>'


def _edge(source: Placed, target: Placed, between: bool) -> str:
    """An arrow from an act to what answered it: straight along a row when nothing stands between them,
    else around the boxes, down (or up) the gap after the act's column, along the gap between rows and
    into the gap before the answer's column, where no box stands."""
    x1 = MARGIN + source.column * PITCH_X + NODE_W
    y1 = MARGIN + source.row * PITCH_Y + NODE_H / 2
    x2 = MARGIN + target.column * PITCH_X - 2
    y2 = MARGIN + target.row * PITCH_Y + NODE_H / 2
    if source.row == target.row and not between:
        path = f"M{num(x1)} {num(y1)}H{num(x2)}"
    else:
        below = target.row >= source.row
        gap = MARGIN + source.row * PITCH_Y + (NODE_H + (PITCH_Y - NODE_H) / 2 if below else -(PITCH_Y - NODE_H) / 2)
        turn_out, turn_in = x1 + (PITCH_X - NODE_W) / 2, x2 - (PITCH_X - NODE_W) / 2 + 2
        path = f"M{num(x1)} {num(y1)}H{num(turn_out)}V{num(gap)}H{num(turn_in)}V{num(y2)}H{num(x2)}"
    head = f"{num(x2)},{num(y2)} {num(x2 - 7)},{num(y2 - 4)} {num(x2 - 7)},{num(y2 + 4)}"
    return f'<path class="edge" d="{path}"/><polygon class="arrow" points="{head}"/>'


def _blocked(placed: list[Placed], source: Placed, target: Placed) -> bool:
    """Whether a box stands in the source's row between the two (a straight arrow would pass behind it)."""
    return any(p.row == source.row and source.column < p.column < target.column for p in placed)


def chain_svg(page: PageContext, chain: Chain) -> str:
    placed = layout(chain)
    where = {p.event.id: p for p in placed}
    types = list(page.index.corpus.vocabulary.of("event-type"))
    width = 2 * MARGIN + (len(placed) - 1) * PITCH_X + NODE_W
    height = 2 * MARGIN + max(p.row for p in placed) * PITCH_Y + NODE_H + (PITCH_Y - NODE_H) / 2
    first, last = chain.events[0].date.start.display_local(), chain.events[-1].date.start.display_local()
    label = f"Escalation chain of {len(chain.events)} events, {first} to {last}"
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-svg chain-svg" viewBox="0 0 {num(width)} '
        f'{num(height)}" width="{num(width)}" height="{num(height)}" role="group" aria-label="{text(label)}">'
    ]
    body += [
        _edge(where[e.cause], where[e.effect], _blocked(placed, where[e.cause], where[e.effect])) for e in chain.edges
    ]
    cards = card_links(page.path, page.directory_urls)
    body += [_node(p, chain.focus, types, cards) for p in placed]
    body.append("</svg>")
    return "".join(body)


def chain_figure(page: PageContext, chain: Chain | None) -> Markup:
    """The chain drawn (when small enough) and listed; empty for an event with no causal relation."""
    if chain is None:
        return Markup("")
    size = len(chain.events)
    drawn = size <= MAX_DRAWN
    svg = f'<div class="briefing-figure-scroll">{chain_svg(page, chain)}</div>\n' if drawn else ""
    if drawn:
        caption = "Each arrow runs from an act to what answered it or followed from it; each box links to its card."
    elif size <= MAX_LISTED:
        caption = f"This chain has {size:,} events, too many to draw legibly; it is listed in date order."
    else:
        caption = (
            f"This chain has {size:,} events, too many to draw or list on one page; each event's card shows "
            "what it answered and what answered it, two steps each way."
        )
    listed = _text_list(page, chain) if size <= MAX_LISTED else ""
    return Markup(
        f'<figure class="briefing-figure chain" data-search-exclude>\n{svg}<figcaption>{caption}</figcaption>\n'
        f"{listed}\n</figure>"
    )


def _text_list(page: PageContext, chain: Chain) -> str:
    by_id = {e.id: e for e in chain.events}
    cards = card_links(page.path, page.directory_urls)
    incoming: dict[str, list[str]] = {}
    for edge in chain.edges:
        incoming.setdefault(edge.effect, []).append(CAUSAL[edge.relation].format(text(by_id[edge.cause].title)))
    items = []
    for event in chain.events:
        if event.id == chain.focus:
            name = f"<strong>{text(event.title)}</strong> (this event)"
        else:
            name = f'<a href="{text(cards.href(event.id))}">{text(event.title)}</a>'
        answered = incoming.get(event.id)
        after = f": {'; '.join(answered)}" if answered else ""
        items.append(f"<li>{text(event.date.display())} — {name}{after}</li>")
    return f'<ol class="briefing-chain-list">{"".join(items)}</ol>'
