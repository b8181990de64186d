"""The briefing's version and build date, as the home page, the Data page and citations show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.records.dates import MONTHS
from generator.records.index import Index


def day_text(day: date) -> str:
    """'4 December 2026': the day, unambiguous whatever the reader's convention."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Release:
    """Which briefing a reader holds: its version (briefing.yml) and the day it was built (never the clock's)."""

    version: str | None
    built: date | None

    @property
    def built_text(self) -> str | None:
        return day_text(self.built) if self.built else None


def release(index: Index) -> Release:
    briefing = index.corpus.briefing
    return Release(briefing.version if briefing else None, index.built)
