"""Build the shipped briefing with MkDocs (strict, pages shared by two workers; and Zensical) and inspect the HTML."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.checks.links import HtmlPage, check_links, load_site, reachable
from generator.site.on_demand import OnDemandSite
from tests.conftest import ROOT, snapshot

pytestmark = pytest.mark.e2e
CONTENT = ROOT / "content"


# One build date for every build here, so sitemap.xml.gz is the same across midnight.
BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def run_build(site: Path, engine: str, jobs: int = 2) -> subprocess.CompletedProcess[str]:
    """Two jobs by default, whatever this machine has, so the shared-pages build is what is inspected."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site), "--engine", engine, "--jobs", str(jobs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=BUILD_ENV,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "site"
    result = run_build(out, "mkdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, HtmlPage]:
    return load_site(site)


def records() -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in sorted(CONTENT.glob("*/*.yml")):
        found.append((f"{path.parent.name}/{path.stem}", yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


def test_every_record_has_a_page(site: Path) -> None:
    missing = [name for name, _ in records() if not (site / name / "index.html").exists()]
    assert missing == []


def test_the_on_demand_preview_renders_every_page_as_the_build_does(site: Path, tmp_path: Path) -> None:
    preview = OnDemandSite(ROOT / "mkdocs.yml", tmp_path / "preview")
    different = []
    for dest in sorted(preview.by_dest):
        preview.prepare(f"/{dest}")
        if (preview.root / dest).read_bytes() != (site / dest).read_bytes():
            different.append(dest)
    assert len(preview.by_dest) > 200
    assert different == []


def test_every_internal_link_and_anchor_resolves(site: Path, pages: dict[str, HtmlPage]) -> None:
    assert [str(b) for b in check_links(site, pages)] == []


def test_every_footnote_reference_has_its_footnote(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        refs = set(re.findall(r'href="#fn:([^"]+)"', html))
        notes = set(re.findall(r'<li id="fn:([^"]+)"', html))
        assert refs == notes, f"{path}: references {refs - notes} have no footnote"


def test_every_page_is_reachable_from_home(pages: dict[str, HtmlPage]) -> None:
    reached = reachable(pages)
    orphans = sorted(p for p in pages if p not in reached and p != "404.html")
    assert orphans == []


def test_search_index_contains_every_alias(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = html.unescape(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))
    names = [n["name"] for _, data in records() for n in data.get("names", []) or []]  # type: ignore[union-attr]
    assert names, "the shipped content should have aliases"
    missing = [name for name in names if name not in text]
    assert missing == []


def test_every_other_name_is_searchable_on_its_own_records_page(site: Path) -> None:
    """A reader searching any spelling or abbreviation a record lists finds that record's page."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        by_page[page] = by_page.get(page, "") + " " + html.unescape(doc["title"] + " " + doc["text"])
    missing = [
        (name, entry["name"])
        for name, data in records()
        for entry in data.get("names", []) or []  # type: ignore[union-attr]
        if entry["name"] not in by_page.get(f"{name}/", "")
    ]
    assert missing == []


def test_text_from_yaml_is_escaped_in_html(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "javascript:" not in html.lower(), path


def test_the_shared_build_is_byte_identical_to_mkdocs_build(site: Path, tmp_path: Path) -> None:
    result = run_build(tmp_path / "site", "mkdocs", jobs=1)  # `mkdocs build --strict` itself
    assert result.returncode == 0, result.stdout + result.stderr
    alone, shared = snapshot(tmp_path / "site"), snapshot(site)
    assert sorted(shared) == sorted(alone)
    assert [path for path in sorted(shared) if shared[path] != alone[path]] == []


def test_zensical_builds_the_same_tree(tmp_path: Path) -> None:
    pytest.importorskip("zensical")
    out = tmp_path / "site"
    result = run_build(out, "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    missing = [name for name, _ in records() if not (out / name / "index.html").exists()]
    assert missing == []


def test_search_index_holds_titles_names_and_narrative_only(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not any(loc.startswith(("chronology/", "types/", "tags/")) for loc in locations)
    assert not any(
        loc.startswith(f"{kind}/#") or loc == f"{kind}/"
        for kind in ("actors", "places", "sources")
        for loc in locations
    ), "index pages repeat record pages and stay out of search"
    card = [doc for doc in index["docs"] if doc["location"].startswith("events/2024-01-24-us-strikes")]
    assert {doc["title"] for doc in card} >= {"What happened"}
    assert not {"Statements", "Related events", "Sources", "Referenced by"} & {doc["title"] for doc in card}
    text = " ".join(doc["text"] for doc in card)
    assert "At a glance" not in text and "Claimed by" not in text
