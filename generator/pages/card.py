"""What an incident card shows at a glance, and its related events once each.

The summary at the top of a card fits one screen: the summary's first sentence
as its lead, when, where, what, who did it to whom with how that is known, and
the headline figures as each claimant gives them. The full tables follow the
narrative. Related events are listed once per pair, whichever record wrote the
relation.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.records.index import Index
from generator.records.markup import Narrative
from generator.records.model import Claim, Event, Participant
from generator.records.sentences import split

HEADLINE_ROLES = ("perpetrator", "claimed-responsibility", "ordered", "target")
"""The roles the summary names; the full table below has every other."""
INVERSE_LABELS = {
    "in-response-to": "followed by (in response)",
    "led-to": "resulted from",
    "related-to": "related to",
}


@dataclass(frozen=True)
class FigureLine:
    """One count term's figures: each claim, so each claimant and source stays visible."""

    counts: str
    claims: tuple[Claim, ...]

    @property
    def low(self) -> float:
        return min(c.value for c in self.claims)

    @property
    def high(self) -> float:
        return max(c.value_max if c.value_max is not None else c.value for c in self.claims)


@dataclass(frozen=True)
class Related:
    """Another event and how this one relates to it, as whichever record wrote it says."""

    event: Event
    label: str
    sources: tuple[str, ...]
    note: Narrative | None


@functools.lru_cache(maxsize=1 << 16)
def lead(summary: Narrative, abbreviations: tuple[str, ...] = ()) -> tuple[Narrative | None, Narrative | None]:
    """The summary's first sentence with its citations, and the rest (None when there is no more).

    The card shows the first in its summary and goes on with the rest under 'What happened'.
    Remembered: splitting every summary was most of what planning the site cost when one record
    changed. A narrative is hashed and compared by its segments, which are all a card prints.
    """
    sentences = split(summary, abbreviations)
    if not sentences:
        return None, None
    if len(sentences) == 1:
        return summary, None
    rest = tuple(segment for sentence in sentences[1:] for segment in (" ", *sentence.segments))
    return sentences[0], Narrative(rest)


def headline(event: Event) -> list[tuple[str, list[Participant]]]:
    """(role, participants) for the roles the summary names, in that order."""
    found: dict[str, list[Participant]] = {role: [] for role in HEADLINE_ROLES}
    for participant in event.participants:
        if participant.role in found:
            found[participant.role].append(participant)
    return [(role, people) for role, people in found.items() if people]


def figure_lines(event: Event, order: list[str]) -> list[FigureLine]:
    """The event's figures grouped by what they count, in the vocabulary's order."""
    groups: dict[str, list[Claim]] = {}
    for claim in event.claims:
        groups.setdefault(claim.counts, []).append(claim)
    ranked = sorted(groups, key=lambda term: order.index(term) if term in order else len(order))
    return [FigureLine(term, tuple(groups[term])) for term in ranked]


def related(index: Index, event: Event) -> list[Related]:
    """Each event this one relates to, once: a relation and its inverse written on the other record are one."""
    found: dict[str, Related] = {}
    vocabulary = index.corpus.vocabulary
    for relation in event.relations:
        other = index.by_id[relation.event]
        assert isinstance(other, Event)
        label = vocabulary.label(relation.relation, "event-relation")
        found.setdefault(other.id, Related(other, label, relation.sources, relation.note))
    for other, i in index.relations_in.get(event.id, ()):
        relation = other.relations[i]
        if other.id not in found:
            label = INVERSE_LABELS.get(relation.relation, f"{relation.relation} (from the other event)")
            found[other.id] = Related(other, label[:1].upper() + label[1:], relation.sources, relation.note)
    return list(found.values())
