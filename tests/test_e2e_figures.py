"""Links in a strict build of the shipped briefing, with MkDocs' directory URLs and without them.

MkDocs rewrites the Markdown links of a page for `use_directory_urls` but leaves raw HTML alone, and the
figures are raw SVG: every link in one, and every card link the Find events script will make, must
reach a file (and its anchor) however the site publishes its pages.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.checks.links import HtmlPage, load_site
from tests.conftest import ROOT, shipped_config_text

pytestmark = pytest.mark.e2e

FIGURE = re.compile(r'<figure class="briefing-figure.*?</figure>', re.DOTALL)
HREF = re.compile(r'href="([^"]*)"')
FINDER = re.compile(r'<form class="briefing-finder"[^>]* data-events="([^"]*)" data-card-suffix="([^"]*)"')


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "file-urls"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    directory_urls: bool = request.param
    folder = tmp_path_factory.mktemp("figures")
    config = shipped_config_text() + ("" if directory_urls else "use_directory_urls: false\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-f", "mkdocs.yml", "--content", str(ROOT / "content")],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr  # strict: MkDocs warns of no broken link
    return folder / "site", directory_urls


def resolved(site: Path, pages: dict[str, HtmlPage], page: str, href: str) -> str:
    """Why an href from `page` leads nowhere, or "": a file must be there (not only a folder), and its anchor."""
    parts = urlsplit(unescape(href))
    target = page
    if parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if parts.path.endswith("/"):
            target = posixpath.normpath(posixpath.join(target, "index.html"))
    if not (site / target).is_file():
        return f"{page}: {href} reaches no file ({target})"
    if parts.fragment and parts.fragment not in pages[target].ids:
        return f"{page}: {href} reaches no element #{parts.fragment} in {target}"
    return ""


def test_every_figure_link_reaches_a_file_and_its_anchor(built: tuple[Path, bool]) -> None:
    site, directory_urls = built
    pages = load_site(site)
    links = {
        (page, href)
        for page in pages
        for figure in FIGURE.findall((site / page).read_text(encoding="utf-8"))
        for href in HREF.findall(figure)
    }
    assert len({page for page, _ in links}) > 50  # cards with chains, chronology, years, profiles, home…
    paths = {urlsplit(href).path for _, href in links} - {""}
    assert all(path.endswith("/" if directory_urls else ".html") for path in paths), sorted(paths)[:5]
    assert [problem for page, href in sorted(links) if (problem := resolved(site, pages, page, href))] == []


def test_the_find_events_script_links_each_event_to_its_card(built: tuple[Path, bool]) -> None:
    site, _ = built
    pages = load_site(site)
    found = FINDER.search((site / "all-events" / "index.html").read_text(encoding="utf-8"))
    assert found is not None
    prefix, suffix = found.groups()
    events = sorted((ROOT / "content" / "events").glob("*.yml"))
    assert [p for e in events if (p := resolved(site, pages, "all-events/index.html", prefix + e.stem + suffix))] == []


def test_check_finds_every_records_page_and_no_broken_link(built: tuple[Path, bool]) -> None:
    """`check` looks for each record's page where MkDocs wrote it, and follows every link of the site."""
    site, _ = built
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "-f", "mkdocs.yml", "--content", str(ROOT / "content")],
        cwd=site.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout + result.stderr, result.stderr
