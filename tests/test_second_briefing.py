"""A second briefing on another subject (tests/fixtures/shipping) validates, builds strictly and passes the gate.

It is built from a copy of its own folder, as an editor outside this repository would: nothing of the
shipped briefing may reach its pages, and what it defines (its title, its vocabulary, names in other
scripts) must.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
FIXTURE = ROOT / "tests" / "fixtures" / "shipping"


def generator(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("second") / "shipping"
    shutil.copytree(FIXTURE, folder)
    # Its editors' schemas are written first, as after upgrading the generator (they follow its fields).
    for step in (["json-schema"], ["validate"], ["build"], ["check", "--strict", "--min-coverage", "100"]):
        result = generator(folder, *step)
        assert result.returncode == 0, f"{step}: {result.stdout}{result.stderr}"
        assert ": warning:" not in result.stdout + result.stderr, f"{step}: {result.stdout}{result.stderr}"
    return folder


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_every_page_carries_this_briefings_title_and_nothing_of_the_shipped_one(briefing: Path) -> None:
    title = yaml.safe_load((briefing / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    pages = html_pages(briefing / "site")
    assert len(pages) > 60
    for path, page in pages.items():
        assert f"{title}</title>" in page or f"<title>{title}" in page, path
        for word in ("Iraq", "Kataib", "Hezbollah", "CENTCOM"):
            assert word not in page, f"{path} mentions {word}"


def test_every_record_has_its_page(briefing: Path) -> None:
    site = briefing / "site"
    for record in sorted((briefing / "content").glob("*/*.yml")):
        assert (site / record.parent.name / record.stem / "index.html").is_file(), record


def test_the_briefings_own_terms_are_defined_and_used(briefing: Path) -> None:
    vocabulary = yaml.safe_load((briefing / "content" / "briefing.yml").read_text(encoding="utf-8"))["vocabularies"]
    page = (briefing / "site" / "vocabulary" / "index.html").read_text(encoding="utf-8")
    for kind in vocabulary.values():
        for term in kind.get("add", {}).values():
            assert term["label"] in page and term["definition"] in page
    for retired in vocabulary["event-type"].get("retire", []):
        assert retired not in page
    assert (briefing / "site" / "types" / "hijacking" / "index.html").is_file()


def test_names_in_other_scripts_are_searchable(briefing: Path) -> None:
    index = json.loads((briefing / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    for record in sorted((briefing / "content" / "actors").glob("*.yml")):
        for name in yaml.safe_load(record.read_text(encoding="utf-8")).get("names", []):
            assert name["name"] in text, f"{record.name}: {name['name']}"
