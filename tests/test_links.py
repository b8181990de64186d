"""Links of a built site: where each href leads, which anchors exist, and which pages the home page reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.links import BrokenLink, check_links, load_site, parse_page, reachable

PAGES = {
    "index.html": '<p id="top">home</p>',
    "about.html": '<h1 id="about">About</h1>',
    "events/index.html": "<p>events</p>",
    "events/x/index.html": '<h2 id="figures">Figures</h2><a name="legacy"></a><input name="query">',
    "café/index.html": '<p id="menu">menu</p>',
    "Xinjiang/index.html": "<p>a hand-written page</p>",
}


def write_site(site: Path, pages: dict[str, str]) -> None:
    for path, body in {**PAGES, **pages}.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<html><body>\n{body}\n</body></html>", encoding="utf-8")
    (site / "assets").mkdir(exist_ok=True)
    (site / "assets" / "style.css").write_text("p {}", encoding="utf-8")


def broken_from(tmp_path: Path, page: str, href: str) -> list[str]:
    site = tmp_path / "site"
    write_site(site, {page: PAGES.get(page, "") + f'<a href="{href}">link</a>'})
    return [b.reason for b in check_links(site)]


@pytest.mark.parametrize(
    "href",
    [
        "../../about.html",
        "/about.html",
        "../",
        "..",
        "/events/x/",
        "/",
        "../../",
        "../../index.html#top",
        "../../#top",
        "/#top",
        "#figures",
        "#legacy",
        "./#figures",
        "/events/x/#figures",
        "../../assets/style.css",
        "/assets/style.css",
        "/assets/style.css#anything",
        "../../caf%C3%A9/#menu",
        "/Xinjiang/",
        "?page=2",
    ],
)
def test_relative_and_site_root_links_reach_their_files_and_anchors(tmp_path: Path, href: str) -> None:
    assert broken_from(tmp_path, "events/x/index.html", href) == []


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("missing/", "no such file"),
        ("/missing.html", "no such file"),
        ("../../about.html/", "no such file"),
        ("../../../outside.html", "leaves the site"),
        ("../../../", "leaves the site"),
        ("#nowhere", "no element with id 'nowhere'"),
        ("#query", "no element with id 'query'"),
        ("../x#nowhere", "no element with id 'nowhere'"),
        ("/café/#no%20menu", "no element with id 'no menu'"),
    ],
)
def test_a_link_to_no_file_or_no_element_is_broken(tmp_path: Path, href: str, reason: str) -> None:
    assert broken_from(tmp_path, "events/x/index.html", href) == [reason]


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/missing",
        "http://example.org/#nowhere",
        "//cdn.example.org/missing.js",
        "mailto:editors@example.org",
        "tel:+15551234",
        "javascript:void(0)",
    ],
)
def test_links_leaving_for_other_sites_or_schemes_are_left_to_the_url_checks(tmp_path: Path, href: str) -> None:
    assert broken_from(tmp_path, "events/x/index.html", href) == []


def test_stylesheet_links_are_checked_and_each_broken_link_has_its_position(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        {
            "index.html": '<link rel="stylesheet" href="assets/missing.css">\n'
            '<link rel="stylesheet" href="assets/style.css"> <a href="gone/">gone</a>',
        },
    )
    assert check_links(site) == [
        BrokenLink("index.html", "assets/missing.css", "no such file", 2, 1),
        BrokenLink("index.html", "gone/", "no such file", 3, 49),
    ]


def test_links_are_checked_in_the_pages_given_without_reading_the_site_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, {})
    pages = {**{p: parse_page("") for p in PAGES}, "index.html": parse_page('<a href="events/x/#nowhere">x</a>')}
    assert [str(b) for b in check_links(site, pages)] == ["index.html: events/x/#nowhere: no element with id 'nowhere'"]


@pytest.mark.usefixtures("ascii_locale")
def test_pages_are_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, {"index.html": '<h2 id="الضربة">الضربة</h2><a href="#الضربة">↑</a>'})
    pages = load_site(site)
    assert pages["index.html"].ids == {"الضربة"}
    assert check_links(site, pages) == []


def test_the_pages_linked_from_home_are_reachable_and_no_others(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        {
            "index.html": '<a href="https://example.org/">out</a><a href="#top">top</a><a href="events/">events</a>',
            "events/index.html": '<a href="mailto:a@example.org">mail</a><a href="x">x</a><a href="x#figures">x</a>',
            "events/x/index.html": '<a href="../../about.html">about</a><a href="../../café/">café</a>',
            "café/index.html": '<a href="#menu">menu</a><a href="//example.org/tags/">elsewhere</a>',
            "tags/index.html": "<p>only linked from elsewhere</p>",
            "tags/a.html": '<a href="../index.html">home</a>',
        },
    )
    assert reachable(load_site(site)) == {
        "index.html",
        "events/index.html",
        "events/x/index.html",
        "about.html",
        "café/index.html",
    }


def test_an_anchor_on_a_page_does_not_reach_its_folders_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        {"index.html": '<a href="events/x/page.html">page</a>', "events/x/page.html": '<a href="#top">top</a>'},
    )
    assert reachable(load_site(site)) == {"index.html", "events/x/page.html"}


@pytest.mark.parametrize(
    ("page", "href", "reasons"),
    [
        ("events/x/index.html", "../../#top", []),
        ("events/x/index.html", "../../#nowhere", ["no element with id 'nowhere'"]),
        ("events/x/index.html", "/#nowhere", ["no element with id 'nowhere'"]),
        ("events/index.html", "..#nowhere", ["no element with id 'nowhere'"]),
        ("index.html", "./#nowhere", ["no element with id 'nowhere'"]),
    ],
)
def test_an_anchor_on_the_home_page_is_checked_from_any_folder(
    tmp_path: Path, page: str, href: str, reasons: list[str]
) -> None:
    assert broken_from(tmp_path, page, href) == reasons


def test_a_page_linked_from_the_site_root_is_reachable(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        {
            "index.html": '<a href="events/">events</a><a href="events/x/page.html/">not a folder</a>',
            "events/index.html": '<a href="/events/x/">x</a><a href="/about.html">about</a><a href="/Xinjiang/">X</a>',
            "events/x/page.html": "<p>only linked as a folder</p>",
            "events/x/index.html": '<a href="//example.org/café/">elsewhere</a>',
        },
    )
    reached = {"index.html", "events/index.html", "events/x/index.html", "about.html", "Xinjiang/index.html"}
    assert reachable(load_site(site)) == reached
