"""What Find events' filters cost a reader: the index downloaded, and the time from a change to the answer.

    .venv/bin/python bench/filter_latency.py SITE_DIR

Serves the built site on 127.0.0.1 with gzip (as static hosts do), opens `all-events/` in headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright), and prints the index's bytes as
transferred, the milliseconds from asking for the page to the filters showing, and for a sequence of
filter changes (a type, an actor, a place, a tag, a date from and to, combined, and cleared) the
milliseconds from each change to the count and list redrawn and laid out, median and worst.
Needs `pip install playwright`; downloads no browser.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from search_latency import browsing

# Each change as the reader makes it: a form field and the option's place in its list (0 is "Any"), or a date.
CHANGES: list[tuple[str, str]] = [
    ("type", "#1"),
    ("type", "#2"),
    ("actor", "#1"),
    ("type", "#0"),
    ("place", "#3"),
    ("actor", "#0"),
    ("tag", "#2"),
    ("from", "2020-01-01"),
    ("to", "2022-06-30"),
    ("place", "#0"),
    ("tag", "#0"),
    ("actor", "#5"),
    ("from", ""),
    ("to", ""),
    ("actor", "#0"),
]

# One change in the page: set the field, send the event the script listens to, force style and layout
# (what the browser must do before it can paint the answer), and time it all.
CHANGE = """([name, value]) => {
    const form = document.querySelector("form.briefing-finder");
    const field = form.elements[name];
    field.value = value.startsWith("#") ? field.options[Number(value.slice(1))].value : value;
    const started = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    void document.querySelector(".briefing-finder-results").getBoundingClientRect().height;
    return [performance.now() - started, document.querySelector(".briefing-finder-count").textContent];
}"""


@dataclass
class FilterTiming:
    index_bytes: int
    """The index as transferred (gzip)."""
    ready_ms: float
    """From asking for the page to the filters showing."""
    changes_ms: list[float]
    counts: list[str]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.changes_ms)

    @property
    def worst_ms(self) -> float:
        return max(self.changes_ms)


def filter_response(site: Path, changes: list[tuple[str, str]] = CHANGES) -> FilterTiming:
    with browsing(site, "all-events/", viewport={"width": 1280, "height": 900}) as (page, url, transferred):
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector("form.briefing-finder:not([hidden])", timeout=120_000)
        ready = (time.perf_counter() - started) * 1000
        times, counts = [], []
        for change in changes:
            elapsed, count = page.evaluate(CHANGE, list(change))
            times.append(elapsed)
            counts.append(count)
    index = sum(size for u, size in transferred.items() if u.endswith("/events.json"))
    return FilterTiming(index, ready, times, counts)


def main() -> int:
    timing = filter_response(Path(sys.argv[1]))
    print(f"index transferred: {timing.index_bytes / 1000:.1f} KB (gzip); filters ready {timing.ready_ms:.0f} ms")
    print("| change | ms | count |")
    print("|---|---|---|")
    for (field, value), ms, count in zip(CHANGES, timing.changes_ms, timing.counts, strict=True):
        print(f"| {field} = {value or '(cleared)'} | {ms:.1f} | {count or '(every event listed)'} |")
    print(f"median {timing.median_ms:.1f} ms, worst {timing.worst_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
