"""What templates print besides records: terms as labels, dates with their zone, figures as bounded."""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.records import schema
from generator.records.dates import PartialDate
from generator.records.model import Claim

_SLUG = re.compile(schema.SLUG_PATTERN)
_QUALIFIER_WORDS = {
    "exact": "",
    "at-least": "at least ",
    "up-to": "up to ",
    "more-than": "more than ",
    "about": "about ",
}


def label(term: str) -> str:
    """'ballistic-missile-attack' → 'Ballistic missile attack' style display."""
    text = term.replace("-", " ")
    return text[:1].upper() + text[1:]


def date_text(date: PartialDate, zone: str | None = None) -> str:
    """Local date as written, with the zone's name and UTC offset for exact times."""
    text = date.display()
    if zone and date.start.minute is not None:
        text = text.replace(" (UTC", f" {zone} (UTC", 1)
    return text


def figure(claim: Claim) -> str:
    """'up to 7', 'at least 25', '7–9': the value exactly as bounded by its claimant."""
    number = f"{claim.value:,}–{claim.value_max:,}" if claim.value_max is not None else f"{claim.value:,}"
    return _QUALIFIER_WORDS[claim.qualifier] + number


def anchor(slug: str) -> Markup:
    """An explicit heading id ({#slug}) for a vocabulary term or tag."""
    if not _SLUG.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(f"{{#{slug}}}")
