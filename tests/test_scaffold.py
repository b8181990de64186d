"""`new KIND ID`: record templates that speak of the briefing in hand, never of another one."""

from __future__ import annotations

import re

import pytest

from generator.records.dates import parse_date
from generator.records.vocabulary import load_vocabulary
from generator.tools.scaffold import scaffold
from tests.conftest import TEMPLATES, MakeTree, valid_records

KINDS = ("event", "actor", "place", "source", "campaign")
BRIEFING = """\
scope: A briefing.[@src]
vocabularies:
  event-type:
    add:
      seizure: {label: Seizure, definition: A vessel boarded and taken into custody.}
    retire: [rocket-attack]
  confidence:
    add:
      confirmed: {definition: Two or more independent sources agree.}
"""


def new_event(make_tree: MakeTree, briefing: str | None = None) -> str:
    content = make_tree({**valid_records(), **({"briefing.yml": briefing} if briefing else {})})
    path = scaffold(content, "event", "2024-03-01-new", (TEMPLATES,), load_vocabulary(content))
    return path.read_text(encoding="utf-8")


def comment_of(text: str, field: str) -> str:
    return next(line for line in text.splitlines() if re.match(rf"#?\s*{field}:", line)).rsplit("  # ", 1)[1]


def test_the_comments_offer_the_briefings_own_terms_first_and_not_its_retired_ones(make_tree: MakeTree) -> None:
    text = new_event(make_tree, BRIEFING)
    assert comment_of(text, "type") == (
        "seizure, drone-attack, ballistic-missile-attack, missile-strike, airstrike, drone-strike, embassy-attack, "
        "… (all: python -m generator schema-doc)"
    )
    assert comment_of(text, "# confidence") == "confirmed"
    assert comment_of(text, "#    qualifier") == "exact, at-least, up-to, more-than, about"


def test_a_scale_the_briefing_has_not_defined_says_where_to_define_it(make_tree: MakeTree) -> None:
    assert comment_of(new_event(make_tree), "# confidence") == (
        "none yet: the briefing defines them under vocabularies: confidence: add: in briefing.yml"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_example_dates_in_the_templates_are_valid_edtf(kind: str) -> None:
    text = (TEMPLATES / "new" / f"{kind}.yml").read_text(encoding="utf-8")
    dates = re.findall(r'"(\d[^"]*)"', text)
    assert dates or kind in ("actor", "place")
    for date in dates:
        parse_date(date)  # raises on the old forms ('~2024', times without seconds)


@pytest.mark.parametrize("kind", KINDS)
def test_the_templates_speak_of_no_particular_briefing(kind: str) -> None:
    text = (TEMPLATES / "new" / f"{kind}.yml").read_text(encoding="utf-8")
    shipped = ("Iraq", "Baghdad", "Kataib", "militia", "README.md", "make ")
    assert [word for word in shipped if word in text] == []


def test_every_placeholder_is_filled(make_tree: MakeTree) -> None:
    content = make_tree(valid_records())
    for kind in KINDS:
        text = scaffold(content, kind, f"new-{kind}", (TEMPLATES,)).read_text(encoding="utf-8")
        assert not re.search(r"\{(id|schema|terms:[a-z-]+)\}", text), kind
