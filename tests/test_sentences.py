"""Where sentences end: the linear scan agrees with the plain definition it replaced (slices of the text)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from generator.records.sentences import _END, ABBREVIATIONS, _ends


def _ends_by_slicing(text: str, known: frozenset[str]) -> list[int]:
    """The definition, as first written: the text after each stop and the word before it, by slicing."""
    found = []
    for match in _END.finditer(text):
        after = text[match.end() :]
        ideographic = match[0][:1] in "。！？"
        if not ideographic and after and not after[:1].isspace():
            continue
        if not after.strip():
            continue
        before = re.search(r"(\S+)$", text[: match.start()])
        word = before[1].lstrip("(“\"'") if before else ""
        if not ideographic and match[0][:1] == "." and (word in known or re.fullmatch(r"[A-Z]", word)):
            continue
        found.append(match.end())
    return found


PIECES = st.sampled_from(
    [" ", "\n", "\u00a0", ".", "!", "?", "…", "。", "”", ")", "\x00", "U.S", "Adm", "J", "(“Gen", "3.5", "word", "x"]
)


@given(st.lists(PIECES, max_size=40).map("".join))
@example("J. Smith. U.S. forces.")  # words at the very start of the text
@example("It fell。Then (“Gen. X”). Then.")
@example("They cited “U.S.” Forces left.")  # a stop inside closing quotes, after an abbreviation
@example("Malcolm X. Smith spoke. Then X. Y left.")  # an initial X
def test_sentence_ends_are_those_the_plain_definition_gives(text: str) -> None:
    assert list(_ends(text, ABBREVIATIONS)) == _ends_by_slicing(text, ABBREVIATIONS)


@given(st.text(max_size=80))
def test_sentence_ends_agree_on_any_text(text: str) -> None:
    assert list(_ends(text, ABBREVIATIONS)) == _ends_by_slicing(text, ABBREVIATIONS)
