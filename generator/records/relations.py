"""Relations between events held to their dates: an answer does not come before what it answers.

An event `in-response-to` another answers it, and one that `led-to` another caused it; either way
one is the cause and the other the effect. Each date is taken as the whole period it names, so
an effect that is over before its cause begins is an error; if either date is approximate or
uncertain, a warning, since the sources hedge. Dates that overlap ('2023-10' answering
'2023-10-17') allow the effect to come after, and are accepted. Causes that come round in a
circle (two events each in response to the other) are an error whatever the dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.errors import Position, Problem, Severity
from generator.records.convert import RefUse
from generator.records.model import Event
from generator.records.record_checks import latest_minute


@dataclass(frozen=True)
class _Link:
    """One relation read as cause and effect: `effect` follows from `cause`."""

    owner: Event
    index: int
    cause: Event
    effect: Event
    position: Position


def relation_problems(events: Iterable[Event], refs: Iterable[RefUse]) -> list[Problem]:
    """Relations whose dates put the effect first, and circles of causes."""
    by_id = {event.id: event for event in events}
    positions = {(r.owner, r.field): r.position for r in refs if r.field.startswith("relations[")}
    problems: list[Problem] = []
    sound: list[_Link] = []
    for link in _links(by_id, positions):
        problem = _order_problem(link)
        if problem is None:
            sound.append(link)
        else:
            problems.append(problem)
    problems += _circle_problems(sound)  # links already wrong in time are not counted twice
    return problems


def _links(by_id: dict[str, Event], positions: dict[tuple[str, str], Position]) -> Iterator[_Link]:
    for owner in sorted(by_id.values(), key=lambda e: e.id):
        for i, relation in enumerate(owner.relations):
            other = by_id.get(relation.event)
            if other is None or other is owner or relation.relation not in ("in-response-to", "led-to"):
                continue  # an unknown or broken event has its own error; 'related-to' has no direction
            cause, effect = (other, owner) if relation.relation == "in-response-to" else (owner, other)
            where = positions.get((owner.id, f"relations[{i}].event"), owner.position)
            yield _Link(owner, i, cause, effect, where)


def _order_problem(link: _Link) -> Problem | None:
    cause, effect = link.cause.date, link.effect.date
    if latest_minute(effect) > cause.start.start_minute():
        return None  # the effect may come after: '2023-10' may answer '2023-10-17', later that month
    vague = any(d.approximate or d.uncertain for d in (cause, effect))
    severity: Severity = "warning" if vague else "error"
    other = link.cause if link.owner is link.effect else link.effect
    verb = "is in response to" if link.owner is link.effect else "led to"
    when = "later" if link.owner is link.effect else "earlier"
    if severity == "warning":
        when = f"may have happened {when}"
        hint = "check both dates; where a source says so, keep them and say why in the relation's note"
    else:
        when = f"happened {when}"
        hint = f"correct a date, or turn the relation round and write it on '{other.id}'"
    return Problem(
        link.position,
        severity,
        f"relations[{link.index}] {verb} '{other.id}', which {when} ({other.date.text}; this event: "
        f"{link.owner.date.text})",
        hint,
    )


def _circle_problems(links: list[_Link]) -> list[Problem]:
    """Each circle of causes once, at the relation that leaves its first event (by id)."""
    causes: dict[str, list[_Link]] = {}
    for link in links:
        causes.setdefault(link.effect.id, []).append(link)
    problems: list[Problem] = []
    seen: set[frozenset[str]] = set()
    for circle in _circles(causes):
        members = frozenset(link.effect.id for link in circle)
        if members in seen:
            continue
        seen.add(members)
        first = min(range(len(circle)), key=lambda i: circle[i].effect.id)
        circle = circle[first:] + circle[:first]
        route = " → ".join([link.effect.id for link in circle] + [circle[0].effect.id])
        problems.append(
            Problem(
                circle[0].position,
                "error",
                f"relations go round in a circle, each event following from the next: {route}",
                "an event cannot follow from itself: remove or correct one of the relations",
            )
        )
    return problems


def _circles(causes: dict[str, list[_Link]]) -> Iterator[list[_Link]]:
    """Circles found by a depth-first walk from each event in turn: the links of each, effect to cause."""
    done: set[str] = set()
    for start in sorted(causes):
        if start in done:
            continue
        path: list[_Link] = []
        on_path = {start: 0}
        stack = [iter(causes.get(start, ()))]
        while stack:
            link = next(stack[-1], None)
            if link is None:
                stack.pop()
                gone = path.pop().cause.id if path else start
                on_path.pop(gone, None)
                done.add(gone)
                continue
            target = link.cause.id
            if target in on_path:
                yield [*path[on_path[target] :], link]
            elif target not in done:
                path.append(link)
                on_path[target] = len(path)
                stack.append(iter(causes.get(target, ())))
