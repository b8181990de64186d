"""Build the fixture briefing with MkDocs (strict) and inspect the downloads, the Data page and the redirects."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from generator.checks.links import load_site
from tests.conftest import FIXTURE, FIXTURE_CONFIG, ROOT
from tests.test_e2e import BUILD_ENV

pytestmark = pytest.mark.e2e


def generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False, env=BUILD_ENV
    )


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture briefing, published at an address, built strictly (SOURCE_DATE_EPOCH set)."""
    folder = tmp_path_factory.mktemp("data-e2e")
    shutil.copytree(FIXTURE, folder / "content")
    config = FIXTURE_CONFIG.read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("site_name:", "site_url: https://x.example/\nsite_name:"))
    result = generator("build", "-f", "mkdocs.yml", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_the_site_holds_every_download(briefing: Path) -> None:
    site, docs = briefing / "site", briefing / "build" / "docs"
    names = ["events.json", "actors.json", "places.json", "sources.json", "campaigns.json", "briefing.json"]
    names += ["events.csv", "claims.csv", "participants.csv", "sources.csv", "sources.csl.json", "feed.xml"]
    for name in names:
        assert (site / "data" / name).read_bytes() == (docs / "data" / name).read_bytes(), name
    for record in sorted(FIXTURE.glob("*/*.yml")):
        stem = f"{record.parent.name}/{record.stem}"
        assert json.loads((site / f"{stem}.json").read_text(encoding="utf-8"))["id"] == record.stem
        assert (site / f"{stem}.csl.json").is_file()
    rows = list(csv.DictReader(io.StringIO((site / "data" / "events.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(list(FIXTURE.glob("events/*.yml")))


def test_the_data_page_links_each_download_and_documents_each_column(briefing: Path) -> None:
    page = html.unescape((briefing / "site" / "data" / "index.html").read_text(encoding="utf-8"))
    for name in ("events.csv", "claims.csv", "participants.csv", "sources.csv", "sources.csl.json", "feed.xml"):
        assert f'href="../{name}"' not in page  # MkDocs rewrote the links to the files beside the page
        assert f'href="{name}"' in page, name
    assert "<code>source_ids</code>" in page and "<code>claimed_by</code>" in page
    assert "Version <strong>1.0</strong> · built 14 November 2023." in page


def test_the_home_page_shows_the_version_and_build_date_and_links_the_data(briefing: Path) -> None:
    home = html.unescape((briefing / "site" / "index.html").read_text(encoding="utf-8"))
    assert "Version 1.0 · built 14 November 2023" in home
    assert 'href="data/"' in home and 'href="data/feed.xml"' in home


def test_a_card_links_its_citation_and_record(briefing: Path) -> None:
    card = (briefing / "site" / "events" / "2024-01-strike-month-only" / "index.html").read_text(encoding="utf-8")
    assert 'href="../2024-01-strike-month-only.csl.json"' in card
    assert 'href="../2024-01-strike-month-only.json"' in card
    assert "https://x.example/events/2024-01-strike-month-only/" in card


def test_the_feed_in_the_site_is_valid_atom(briefing: Path) -> None:
    feed = feedparser.parse((briefing / "site" / "data" / "feed.xml").read_bytes())
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.entries[0].link == "https://x.example/events/2024-01-24-strikes-on-site-t/"


def test_a_former_id_redirects_and_the_gate_accepts_it(briefing: Path) -> None:
    redirect = (briefing / "site" / "actors" / "militia-kay" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../militia-k/">' in redirect
    assert '<link rel="canonical" href="https://x.example/actors/militia-k/">' in redirect
    assert "actors/militia-kay/index.html" in load_site(briefing / "site")
    result = generator("check", "-f", "mkdocs.yml", "--min-coverage", "0", cwd=briefing)
    assert "militia-kay" not in result.stdout + result.stderr
    assert "redirect" not in result.stdout


def test_the_shipped_mkdocs_yml_has_the_data_page_in_its_nav() -> None:
    assert "  - Data: data/index.md\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
