from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.records.suggest import Suggester
from generator.tools.synthetic import write_synthetic

IDS = [
    f"{a}-{b}"
    for a in ("kataib", "harakat", "asaib", "popular", "islamic")
    for b in ("hezbollah", "nujaba", "ahl-al-haq", "mobilization-forces", "resistance-in-iraq", "state")
]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("kataib-hezbolah", "kataib-hezbollah"),
        ("harakat-nujabba", "harakat-nujaba"),
        ("popular-mobilisation-forces", "popular-mobilization-forces"),
        ("zzzz", ""),
    ],
)
def test_suggests_like_difflib(typo: str, expected: str) -> None:
    assert Suggester(IDS).closest(typo) == expected
    exhaustive = difflib.get_close_matches(typo, IDS, n=1, cutoff=0.6)
    assert (exhaustive[0] if exhaustive else "") == expected


@given(st.sampled_from(IDS), st.integers(min_value=0, max_value=30), st.sampled_from("abcdefghij-"))
def test_a_single_edit_finds_a_close_id(word: str, position: int, letter: str) -> None:
    position %= len(word)
    typo = word[:position] + letter + word[position + 1 :]
    found = Suggester(IDS).closest(typo)
    assert found == "" or difflib.SequenceMatcher(None, typo, found).ratio() >= 0.6
    if typo in IDS:
        assert found == typo


def test_thousands_of_errors_in_one_sorted_run(tmp_path: Path) -> None:
    root = tmp_path / "content"
    write_synthetic(root, 600)
    rng = random.Random(3)
    for path in sorted((root / "events").glob("*.yml")):
        text = path.read_text(encoding="utf-8").replace("actor: actor-", "actor: actr-", 1)
        if rng.random() < 0.5:
            text += "titel: typo\n"
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_index(root)
    problems = caught.value.problems
    assert len(problems) > 600 + 250
    assert problems == sorted(problems)
    unknown = [p for p in problems if "unknown actor 'actr-" in p.message]
    assert len(unknown) == 600
    assert all(p.hint.startswith("did you mean 'actor-") for p in unknown)
