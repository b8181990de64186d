"""What a reader sees, in Chromium: on the shipped briefing and the small fixture briefing, at desktop and
phone sizes, in light and dark, on screen and in print.

Each page visited is also written to build/screenshots/ (ignored by git), to be looked at before a change
to what readers see is merged.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from generator.pages.event_filter import last_day
from generator.pages.pipeline import load_index
from generator.records.model import Event
from tests.browser import DESKTOP, PHONE, SCREENSHOTS, build_site, launch, screenshot, serious_violations, served, visit
from tests.conftest import FIXTURE, FIXTURE_CONFIG, ROOT

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Briefing:
    """A briefing as the tests read it: its content folder, its built site and the pages to look at."""

    name: str
    content: Path
    site: Path
    pages: dict[str, str]
    """What each page is (home, card, …) → its path in the site."""


BRIEFINGS = {
    "shipped": {
        "home": "",
        "card": "events/2024-01-24-us-strikes-kataib-hezbollah-facilities/",
        "card-2019": "events/2019-12-29-us-airstrikes-kataib-hezbollah-iraq-syria/",
        "profile": "actors/kataib-hezbollah/",
        "place": "places/erbil/",
        "source": "sources/cnn-2024-01-24-us-airstrikes-iraq/",
        "chronology": "chronology/",
        "year": "chronology/2024/",
        "actors": "actors/",
        "data": "data/",
        "campaign": "campaigns/attacks-on-us-forces-2023-2024/",
        "chains": "chains/",
        "finder": "all-events/",
    },
    "fixture": {
        "home": "",
        "card": "events/2024-01-20-attack-on-base-b/",
        "profile": "actors/militia-k/",
        "place": "places/base-b/",
        "source": "sources/report-a/",
        "chronology": "chronology/",
        "actors": "actors/",
        "chains": "chains/",
        "finder": "all-events/",
    },
}
VIEWS = [(page, briefing) for briefing, pages in BRIEFINGS.items() for page in pages]
SUMMARY_BOTTOM_MAX = DESKTOP["height"]
"""A card's summary ends within the first screen at 1280×900."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Briefing]:
    root = tmp_path_factory.mktemp("browser")
    build_site(ROOT / "content", ROOT / "mkdocs.yml", root / "shipped")
    fixture = root / "fixture-briefing"
    shutil.copytree(FIXTURE, fixture / "content")
    shutil.copy(FIXTURE_CONFIG, fixture / "mkdocs.yml")
    build_site(fixture / "content", fixture / "mkdocs.yml", root / "fixture")
    contents = {"shipped": ROOT / "content", "fixture": fixture / "content"}
    return {name: Briefing(name, contents[name], root / name, pages) for name, pages in BRIEFINGS.items()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def bases(built: dict[str, Briefing]) -> Iterator[dict[str, str]]:
    with served(built["shipped"].site) as shipped, served(built["fixture"].site) as fixture:
        yield {"shipped": shipped, "fixture": fixture}


def url(bases: dict[str, str], briefing: str, page: str) -> str:
    return f"{bases[briefing]}/{BRIEFINGS[briefing][page]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("page", "briefing"), VIEWS)
def test_a_page_loads_cleanly_and_has_no_serious_accessibility_fault(
    browser: Browser, bases: dict[str, str], page: str, briefing: str, scheme: str
) -> None:
    with visit(browser, url(bases, briefing, page), DESKTOP, scheme) as seen:
        screenshot(seen.page, f"{briefing}-{page}-desktop-{scheme}")
        assert seen.errors == []
        assert seen.foreign == [], "a reader's visit told another host"
        assert serious_violations(seen.page) == []


@pytest.mark.parametrize(("page", "briefing"), VIEWS)
def test_on_a_phone_nothing_runs_off_the_side_and_every_claimant_shows(
    browser: Browser, bases: dict[str, str], page: str, briefing: str
) -> None:
    with visit(browser, url(bases, briefing, page), PHONE) as seen:
        screenshot(seen.page, f"{briefing}-{page}-phone")
        assert seen.errors == []
        overflow = seen.page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the phone"
        hidden = seen.page.evaluate(
            """() => [...document.querySelectorAll('.claims tbody tr')].map(row => row.cells[3])
                 .filter(cell => { const box = cell.getBoundingClientRect();
                                   return !cell.textContent.trim() || box.width === 0 || box.right > innerWidth; })
                 .map(cell => cell.closest('tr').textContent.trim().slice(0, 80))"""
        )
        assert hidden == [], "a figure shown without who claims it"


def event_paths(content: Path) -> list[str]:
    return [f"events/{path.stem}/" for path in sorted((content / "events").glob("*.yml"))]


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_every_cards_summary_ends_within_the_first_screen(
    browser: Browser, bases: dict[str, str], built: dict[str, Briefing], briefing: str
) -> None:
    heights = {}
    with visit(browser, f"{bases[briefing]}/", DESKTOP) as seen:
        for path in event_paths(built[briefing].content):
            seen.page.goto(f"{bases[briefing]}/{path}")
            box = seen.page.locator(".briefing-summary").bounding_box()
            assert box is not None, path
            heights[path] = round(box["y"] + box["height"])
    tallest = max(heights, key=lambda path: heights[path])
    print(f"{briefing}: {len(heights)} cards, summary ends at {heights[tallest]} px at most ({tallest})")
    assert heights[tallest] <= SUMMARY_BOTTOM_MAX, tallest


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_footnotes_have_one_back_link_each_and_ascending_clusters_and_related_events_once(
    browser: Browser, bases: dict[str, str], briefing: str
) -> None:
    with visit(browser, url(bases, briefing, "card"), DESKTOP) as seen:
        backlinks = seen.page.eval_on_selector_all(
            ".footnote li", "notes => notes.map(n => n.querySelectorAll('.footnote-backref').length)"
        )
        assert backlinks and set(backlinks) == {1}
        clusters = seen.page.evaluate(
            """() => { const runs = []; let run = [];
                 for (const sup of document.querySelectorAll('sup.citation, sup.citation-separator')) {
                   const prev = sup.previousSibling;
                   const joined = prev && prev.nodeType === 1 && prev.matches('sup.citation, sup.citation-separator');
                   if (!joined && run.length) { runs.push(run); run = []; }
                   if (sup.matches('.citation')) run.push(parseInt(sup.textContent, 10));
                 }
                 if (run.length) runs.push(run); return runs; }"""
        )
        assert [run for run in clusters if run != sorted(set(run))] == []
        related = seen.page.eval_on_selector_all(
            "#related-events ~ ul li > a:first-child, #related-events + * a[href*='/events/']",
            "links => links.map(a => new URL(a.href).pathname)",
        )
        assert len(related) == len(set(related))


def footnote_text(page: Page) -> str:
    href = page.get_attribute("a.footnote-ref", "href")
    assert href is not None
    return page.inner_text(f"[id='{href[1:]}']").strip().splitlines()[0][:40]


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_a_citation_shows_its_source_on_hover_on_focus_and_on_tap(
    browser: Browser, bases: dict[str, str], briefing: str
) -> None:
    address = url(bases, briefing, "card")
    with visit(browser, address, DESKTOP) as seen:
        source = footnote_text(seen.page)
        seen.page.hover("a.footnote-ref")
        seen.page.wait_for_selector(".md-tooltip2--active", state="visible")
        assert source in seen.page.inner_text(".md-tooltip2--active")
        seen.page.mouse.move(0, 0)
        seen.page.wait_for_selector(".md-tooltip2--active", state="detached")
        seen.page.focus("a.footnote-ref")
        seen.page.wait_for_selector(".md-tooltip2--active", state="visible")
        assert source in seen.page.inner_text(".md-tooltip2--active")
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(address, wait_until="networkidle")
        page.tap("a.footnote-ref")
        popover = page.wait_for_selector(".briefing-popover", state="visible")
        assert popover is not None and source in popover.inner_text()
        assert "↩" not in popover.inner_text()
        assert page.evaluate("() => location.hash") == "", "the tap jumped away from the sentence"
        assert page.get_attribute("a.footnote-ref", "aria-expanded") == "true"
        screenshot(page, f"{briefing}-card-phone-tapped")
        page.keyboard.press("Escape")
        assert page.locator(".briefing-popover").count() == 0
    finally:
        context.close()


def names(content: Path) -> list[tuple[str, str]]:
    """(name typed, the record's page) for every name and other name of every actor and place."""
    found = []
    for kind in ("actors", "places"):
        for path in sorted((content / kind).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            for name in [record["name"], *(n["name"] for n in record.get("names", []))]:
                found.append((name, f"/{kind}/{record['id']}/"))
    return found


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_search_finds_a_record_under_each_of_its_names_first(
    browser: Browser, bases: dict[str, str], built: dict[str, Briefing], briefing: str
) -> None:
    wanted = names(built[briefing].content)
    owners: dict[str, set[str]] = {}
    for name, path in wanted:
        owners.setdefault(name.casefold(), set()).add(path)
    missed = []
    with visit(browser, f"{bases[briefing]}/", DESKTOP) as seen:
        box = seen.page.locator(".md-search__input")
        for name, path in wanted:
            box.fill("")  # Material empties the list for an empty query: what follows is this query's
            box.dispatch_event("keyup")
            seen.page.locator(".md-search-result__item").first.wait_for(state="detached")
            box.fill(name)
            box.dispatch_event("keyup")
            try:
                seen.page.locator(".md-search-result__item > a").first.wait_for(timeout=5000)
            except PlaywrightTimeout:
                missed.append(f"{name!r}: nothing found")
                continue
            top = seen.page.eval_on_selector_all(
                ".md-search-result__item > a",
                f"a => a.slice(0, {len(owners[name.casefold()])}).map(e => new URL(e.href).pathname)",
            )
            if path not in top:
                missed.append(f"{name!r}: {top}")
        screenshot(seen.page, f"{briefing}-search")
    assert missed == [], f"{len(missed)} of {len(wanted)} names did not find their record first"


def printed(page: Page, paper: str) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    return [sheet.extract_text() for sheet in reader.pages]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_a_printed_card_starts_with_its_summary_and_writes_out_every_address(
    browser: Browser, bases: dict[str, str], briefing: str, paper: str
) -> None:
    with visit(browser, url(bases, briefing, "card"), DESKTOP) as seen:
        lead = seen.page.inner_text(".briefing-lead").split(".")[0][:60]
        external = seen.page.eval_on_selector_all(
            ".md-content a[href^='http']:not(.footnote-ref)", "links => links.map(a => a.href)"
        )
        pages = printed(seen.page, paper)
        (SCREENSHOTS / f"{briefing}-card-{paper}.pdf").write_bytes(seen.page.pdf(format=paper))
    first = " ".join(pages[0].split())
    print(f"{briefing} card on {paper}: {len(pages)} pages")
    assert " ".join(lead.split()) in first
    assert "Sources" in first or "Where" in first
    assert "Search" not in first and "Skip to content" not in first
    text = re.sub(r"\s+", "", "".join(pages))
    assert [link for link in external if re.sub(r"\s+", "", link) not in text] == []


FEED_LINK = """async () => {
    const links = [...document.querySelectorAll('head link[rel="alternate"][type="application/atom+xml"]')];
    const answers = [];
    for (const link of links) {
        const response = await fetch(link.href);
        answers.push([link.href, link.getAttribute("href"), link.title, response.status,
                      (await response.text()).slice(0, 300)]);
    }
    return answers;
}"""


def test_every_pages_head_names_the_feed_and_the_feed_is_there(browser: Browser, bases: dict[str, str]) -> None:
    """A feed reader given any page's address finds the Atom feed: Material's head with the briefing's override."""
    pages = ["home", "card", "year", "profile", "chains", "finder", "data"]
    context = browser.new_context(viewport=DESKTOP)
    missing: list[str] = []
    try:
        page = context.new_page()
        page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
        for name in pages:
            page.goto(url(bases, "shipped", name), wait_until="networkidle")
            [(address, href, title, status, body)] = page.evaluate(FEED_LINK)
            assert address == f"{bases['shipped']}/data/feed.xml", name
            assert not href.startswith(("/", "http")), f"{href} on {name}: relative, wherever the site is published"
            assert title.endswith(": latest incidents") and status == 200, (name, title, status)
            assert '<feed xmlns="http://www.w3.org/2005/Atom"' in body, name
    finally:
        context.close()
    assert missing == [], "Material asks for sitemap.xml beside every alternate link: data/sitemap.xml answers"


# ---- Figures: each renders, each mark opens the right card, the filters answer ------------------------

FIGURE_LINKS = [
    ("chronology", "figure.timeline", "Missile attack on Base B", "events/2024-01-20-attack-on-base-b/"),
    ("card", "figure.chain", "Strikes on Site T <b>& co</b>", "events/2024-01-24-strikes-on-site-t/"),
    ("chains", "figure.chain", "Missile attack on Base B", "events/2024-01-20-attack-on-base-b/"),
    ("profile", "figure.timeline", "Strikes on Site T <b>& co</b>", "events/2024-01-24-strikes-on-site-t/"),
    ("home", "figure.counts", "January 2024: 3 events", "chronology/2024/#m01"),
]


@pytest.mark.parametrize(("page", "figure", "name", "opens"), FIGURE_LINKS)
def test_a_figures_mark_is_a_link_named_by_its_title_that_opens_its_card(
    browser: Browser, bases: dict[str, str], page: str, figure: str, name: str, opens: str
) -> None:
    with visit(browser, url(bases, "fixture", page), DESKTOP) as seen:
        shown = seen.page.locator(f"{figure} svg")
        assert shown.is_visible() and shown.bounding_box()["height"] > 20  # type: ignore[index]
        mark = seen.page.locator(f"{figure} svg").get_by_role("link", name=name)  # its <title>, as a reader hears it
        mark.first.click()
        seen.page.wait_for_load_state()
        assert seen.page.url == f"{bases['fixture']}/{opens}"
        assert seen.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_colours_follow_the_palette(browser: Browser, bases: dict[str, str], scheme: str) -> None:
    with visit(browser, url(bases, "shipped", "chronology"), DESKTOP, scheme) as seen:
        fill = seen.page.eval_on_selector("figure.timeline svg a circle", "c => getComputedStyle(c).fill")
        ink = seen.page.eval_on_selector("figure.timeline svg text", "t => getComputedStyle(t).fill")
    assert fill != ink and fill not in ("rgb(0, 0, 0)", "none")
    lightness = sum(int(n) for n in re.findall(r"\d+", ink)[:3])
    assert (lightness > 380) == (scheme == "dark"), f"axis text {ink} on the {scheme} palette"


WIDE_FIGURES = """() => [...document.querySelectorAll("figure.chain .briefing-figure-scroll")].map(box => {
    const hint = box.previousElementSibling, frame = box.getBoundingClientRect();
    const own = box.querySelector('[aria-current="page"]');
    const at = own && own.getBoundingClientRect();
    return {
        wide: box.scrollWidth > box.clientWidth + 1,
        scrolls: getComputedStyle(box).overflowX === "auto",
        hinted: !!hint && hint.classList.contains("briefing-scroll-hint") && !hint.hidden
            && hint.getBoundingClientRect().height > 0,
        listed: !!box.closest("figure").querySelector("ol.briefing-chain-list li"),
        ownShown: !at || (at.left >= frame.left - 1 && at.right <= frame.right + 1),
    };
})"""


@pytest.mark.parametrize("page", ["chains", "card-2019"])
def test_a_wide_chain_on_a_phone_scrolls_in_its_box_says_so_and_is_listed(
    browser: Browser, bases: dict[str, str], page: str
) -> None:
    with visit(browser, url(bases, "shipped", page), PHONE) as seen:
        assert seen.page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
        figures = seen.page.evaluate(WIDE_FIGURES)
        seen.page.locator("figure.chain").first.scroll_into_view_if_needed()
        screenshot(seen.page, f"shipped-{page}-chain-phone")
        assert serious_violations(seen.page) == []
    wide = [f for f in figures if f["wide"]]
    assert wide, "the shipped briefing has a chain wider than a phone"
    assert all(f["scrolls"] and f["hinted"] and f["listed"] for f in wide), wide
    assert all(f["ownShown"] for f in figures), "a card's own event starts in view"
    assert all(not f["hinted"] for f in figures if not f["wide"])
    with visit(browser, url(bases, "shipped", page), DESKTOP) as seen:
        shown = seen.page.evaluate(WIDE_FIGURES)
    assert all(f["hinted"] == f["wide"] for f in shown)


def test_the_escalation_chain_prints_with_its_text_list(browser: Browser, bases: dict[str, str]) -> None:
    with visit(browser, url(bases, "shipped", "chains"), DESKTOP) as seen:
        pages = printed(seen.page, "A4")
        seen.page.emulate_media(media="print")
        width = seen.page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().right))"
        )
        inner = seen.page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().right")
    text = " ".join(" ".join(pages).split())
    embassy = yaml.safe_load((ROOT / "content" / "events" / "2019-12-31-us-embassy-baghdad-attack.yml").read_text())
    assert embassy["title"] in text and "in response to" in text
    assert width <= inner + 1, "a printed chain runs off the page"


def test_find_events_filters_and_counts(browser: Browser, bases: dict[str, str]) -> None:
    with visit(browser, url(bases, "shipped", "finder"), DESKTOP) as seen:
        page = seen.page
        page.wait_for_selector("form.briefing-finder:not([hidden])")
        page.select_option("form.briefing-finder select[name=type]", label="Airstrike")
        status = page.inner_text(".briefing-finder-count")
        rows = page.locator(".briefing-finder-results tbody tr")
        assert status.startswith(f"{rows.count()} of 47 events match") and 0 < rows.count() < 47
        assert page.locator(".briefing-finder-static").first.is_hidden()
        page.select_option("form.briefing-finder select[name=actor]", label="Kataib Hezbollah")
        narrower = page.locator(".briefing-finder-results tbody tr").count()
        assert 0 < narrower <= rows.count()
        page.fill("form.briefing-finder input[name=from]", "2024-01-01")
        for link in page.locator(".briefing-finder-results tbody a").all():
            assert "/events/" in (link.get_attribute("href") or "")
        screenshot(page, "shipped-finder-filtered")
        first = page.locator(".briefing-finder-results tbody a").first
        title = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text().removesuffix("¶") == title
        assert seen.errors == []


FINDER_COUNTS = """(field) => {
    const form = document.querySelector("form.briefing-finder");
    const select = form.elements[field];
    const counts = {};
    for (const option of [...select.options].slice(1)) {
        select.value = option.value;
        select.dispatchEvent(new Event("input", { bubbles: true }));
        counts[option.textContent] = Number(
            document.querySelector(".briefing-finder-count").textContent.split(" ")[0].replace(/,/g, ""));
    }
    select.value = "";
    select.dispatchEvent(new Event("input", { bubbles: true }));
    return counts;
}"""


def test_find_events_reads_its_index_as_the_records_say(browser: Browser, bases: dict[str, str]) -> None:
    """Every name each filter offers finds the events the records give it, and the list is the chronology."""
    index, _ = load_index(ROOT / "content")
    named = {record.id: record.display_name for record in index.corpus.records()}
    picks: dict[str, Callable[[Event], set[str]]] = {
        "actor": lambda e: {named[p.actor] for p in e.participants},
        "place": lambda e: {named[p.place] for p in e.places},
        "campaign": lambda e: {named[c] for c in e.campaigns},
        "tag": lambda e: set(e.tags),
        "type": lambda e: {index.corpus.vocabulary.label(e.type, "event-type")},
    }
    with visit(browser, url(bases, "shipped", "finder"), DESKTOP) as seen:
        page = seen.page
        page.wait_for_selector("form.briefing-finder:not([hidden])")
        for field, pick in picks.items():
            expected = Counter(name for event in index.chronology for name in pick(event))
            assert page.evaluate(FINDER_COUNTS, field) == expected, field
        page.fill("form.briefing-finder input[name=from]", "2024-01-01")
        since = [e for e in index.chronology if (e.date.ongoing or last_day(e.date.end or e.date.start).year >= 2024)]
        assert page.inner_text(".briefing-finder-count").startswith(f"{len(since)} of 47 events match")
        page.fill("form.briefing-finder input[name=from]", "1900-01-01")
        links = page.eval_on_selector_all(
            ".briefing-finder-results tbody a", "links => links.map(a => [a.textContent, a.getAttribute('href')])"
        )
        assert links == [[e.title, f"../events/{e.id}/"] for e in index.chronology]  # in date order
        assert seen.errors == []


def test_without_javascript_find_events_lists_every_event(browser: Browser, bases: dict[str, str]) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(url(bases, "shipped", "finder"))
    assert page.locator("form.briefing-finder").is_hidden()
    assert page.locator(".md-content table tbody tr").count() == 47
    assert page.locator("figure svg").count() == 0
    page.goto(url(bases, "shipped", "chronology"))
    assert page.locator("figure.timeline svg a").count() == 47  # drawn without any script
    context.close()
