"""The vocabulary page: every term the pages use, with its label and what it means.

A reader meets the terms on every card (an event's type, a participant's role and
how it is known, what a figure counts) and on the indexes; this page defines each
one. It is made from the briefing's own vocabulary, the one validation reads: the
terms a briefing adds are listed, the ones it retires are not.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.pages.filters import label
from generator.pages.record_pages import PagePlan
from generator.records.index import Index

PATH = "vocabulary.md"
HEADINGS = {
    "event-type": "Event types",
    "role": "Roles in an event",
    "attribution": "How a role is known",
    "claim-counts": "What a figure counts",
    "qualifier": "How a figure is bounded",
    "confidence": "Confidence",
    "actor-kind": "Kinds of actor",
    "affiliation": "Relations between actors",
    "place-kind": "Kinds of place",
    "place-relation": "How an event is placed",
    "event-relation": "Relations between events",
    "name-kind": "Kinds of name",
    "statement-kind": "Kinds of statement",
    "source-kind": "Kinds of source",
    "stated-field": "What a source may not state",
}
"""Each vocabulary's heading, in the order a reader needs them: what happened and who did it first."""


def plan_terms(index: Index) -> Iterator[PagePlan]:
    vocabulary = index.corpus.vocabulary
    names = [*HEADINGS, *sorted(vocabulary.terms.keys() - HEADINGS.keys())]
    sections = [
        (name, HEADINGS.get(name) or label(name), list(vocabulary.of(name).values()))
        for name in names
        if vocabulary.of(name)  # a scale the briefing has not defined (confidence, by default) is left out
    ]
    yield PATH, "vocabulary.md.j2", {"sections": sections}
