from __future__ import annotations

import difflib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import generator
from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.records.suggest import SHORTLIST, Suggester, hint
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


def crowd(shape: str) -> list[str]:
    """As many ids as the shortlist holds, each sharing one letter run with the typo 'mnopqr' and far from it."""
    return [shape.format(i) for i in range(SHORTLIST)]


@pytest.mark.parametrize(
    "ids",
    [
        # shares the typo's first and last letter runs ('  m', 'qr '); the crowd shares the first only
        pytest.param([*crowd("m{:02d}zzzzzz"), "mxnxoxpxqr"], id="first-and-last-run"),
        # shares two runs and ends otherwise; the crowd shares one run and ends in the typo's last letter
        pytest.param([*crowd("m{:02d}zzzzzr"), "mnxoxpxqx"], id="crowd-ends-alike"),
    ],
)
def test_the_id_sharing_most_letter_runs_is_found_behind_a_crowd_sorting_first(ids: list[str]) -> None:
    assert Suggester(ids).closest("mnopqr") == ids[-1]
    assert difflib.get_close_matches("mnopqr", ids, n=1) == [ids[-1]]


def test_a_tie_for_the_shortlist_is_broken_by_id_order_whatever_the_hash_seed() -> None:
    """31 ids share one letter run each with the typo; the first in order is the close one, whatever the hash seed."""
    ids = ["mxnxoxpxqxr", *crowd("z{:02d}zzzzqr")]
    assert Suggester(ids).closest("mnopqr") == "mxnxoxpxqxr"
    code = "import sys; from generator.records.suggest import Suggester as S; print(S(sys.argv[1:]).closest('mnopqr'))"
    package_root = str(Path(generator.__file__).resolve().parent.parent)  # the copy under test, mutated or not
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": package_root}
        run = subprocess.run([sys.executable, "-c", code, *ids], env=env, capture_output=True, text=True, check=True)
        assert run.stdout == "mxnxoxpxqxr\n", f"PYTHONHASHSEED={seed}"


@pytest.mark.parametrize(("typo", "expected"), [("kataib-hezbolah", "did you mean 'kataib-hezbollah'?"), ("zzzz", "")])
def test_the_hint_names_the_close_id_or_says_nothing(typo: str, expected: str) -> None:
    assert hint(typo, Suggester(IDS)) == expected
