"""What a reader's first search costs: bytes downloaded and time to the first result.

    .venv/bin/python bench/search_latency.py SITE_DIR QUERY [QUERY ...]

Serves the built site on 127.0.0.1 with gzip (as static hosts do), opens it
in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
types each query into Material's search box (or, for a site built with
Pagefind, into the search page's box) as soon as the page has loaded,
and prints the search payload transferred and the milliseconds until the
first result is shown. Needs `pip install playwright`; downloads no browser.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Request, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMPRESSIBLE = (".html", ".js", ".json", ".css", ".svg")


class GzipHandler(SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()

    def log_message(self, *args: object) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([self.data])


def _record(request: Request, transferred: dict[str, int]) -> None:
    with contextlib.suppress(PlaywrightError):  # finished after the page closed: nothing more to count
        transferred[request.url] = request.sizes()["responseBodySize"]


@contextlib.contextmanager
def browsing(site: Path, path: str = "", **options: Any) -> Iterator[tuple[Page, str, dict[str, int]]]:
    """The built site served gzipped, as a web server would, and a headless Chromium page (given
    `options`): yields the page, the URL of `path` on the server and each URL's bytes transferred."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    transferred: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(**options)
            page.on("requestfinished", lambda request: _record(request, transferred))
            yield page, f"http://127.0.0.1:{server.server_address[1]}/{path}", transferred
            browser.close()
    finally:
        server.shutdown()


def first_search(site: Path, query: str) -> tuple[float, float, int]:
    """(search bytes transferred in MB, ms from the last keystroke to the first result, results shown)."""
    pagefind = (site / "pagefind").is_dir()
    box, result = (
        (".pagefind-ui__search-input", ".pagefind-ui__result")
        if pagefind
        else (".md-search__input", ".md-search-result__item")
    )
    with browsing(site, "search/" if pagefind else "") as (page, url, transferred):
        page.goto(url, wait_until="load")
        page.click(box, timeout=10_000)
        # Time from the reader's last keystroke: all but the last character are set without an
        # event (no search starts), then the last one is typed as a real key.
        page.eval_on_selector(box, "(el, text) => { el.value = text; }", query[:-1])
        started = time.perf_counter()
        page.keyboard.type(query[-1])
        page.wait_for_selector(result, timeout=120_000)
        elapsed = (time.perf_counter() - started) * 1000
        shown = page.locator(result).count()
    search = sum(
        size for u, size in transferred.items() if any(k in u for k in ("search", "lunr", "worker", "pagefind"))
    )
    return search / 1e6, elapsed, shown


def main() -> int:
    site, queries = Path(sys.argv[1]), sys.argv[2:]
    print("| query | search payload MB (gzip) | ms from last keystroke to first result | results |")
    print("|---|---|---|---|")
    for query in queries:
        size, ms, shown = first_search(site, query)
        print(f"| {query} | {size:.2f} | {ms:.0f} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
