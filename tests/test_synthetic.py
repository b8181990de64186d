from __future__ import annotations

from pathlib import Path

from generator.pages.pipeline import load_index
from generator.tools.synthetic import synthetic_files, write_synthetic


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert synthetic_files(60, seed=7) == synthetic_files(60, seed=7)
    assert synthetic_files(60, seed=7) != synthetic_files(60, seed=8)


def test_synthetic_briefing_is_valid_and_shaped_like_a_real_one(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "content", 100)
    index, warnings = load_index(tmp_path / "content")
    corpus = index.corpus
    assert (len(corpus.events), len(corpus.actors), len(corpus.places), len(corpus.sources)) == (100, 20, 10, 50)
    assert warnings == []
    assert all(len(e.claims) == 2 and e.participants and e.statements for e in corpus.events)
    assert sum(len(e.relations) for e in corpus.events) == 99
    assert all(e.summary.xrefs() and e.summary.cites() for e in corpus.events)


def test_cli_writes_a_new_folder_and_refuses_an_existing_one(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["synthetic", "20", str(tmp_path / "content"), "--seed", "2"]) == 0
    assert len(list((tmp_path / "content" / "events").glob("*.yml"))) == 20
    assert main(["synthetic", "20", str(tmp_path / "content")]) == 2
