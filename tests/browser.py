"""What the browser tests share: a built site served on 127.0.0.1, Chromium, screenshots, axe-core.

The tests drive a real Chromium as a reader would: Debian's `chromium` where it is
installed (`make browser` installs it where it can), otherwise Playwright's own
browser. Where there is neither, they fail saying how to get one; they never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, Request

from tests.conftest import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# As the machine's probe starts Chromium: without background networking it makes no request of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_BROWSER = (
    "no Chromium for the browser tests: run `make browser` (it installs Debian's chromium as root, or "
    "Playwright's own browser otherwise), or set BRIEFING_BROWSER to a Chromium executable"
)


def chromium_executable() -> str | None:
    """Debian's (or the named) Chromium; None means Playwright's own managed browser."""
    for candidate in (os.environ.get("BRIEFING_BROWSER"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate:
            return candidate
    return None


def launch(playwright: Playwright) -> Browser:
    try:
        return playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
    except Error as exc:
        pytest.fail(f"{NO_BROWSER}\n({exc.message.splitlines()[0]})")


def build_site(content: Path, config: Path, site: Path) -> None:
    """The briefing built as `make site` builds it, into `site`."""
    command = [sys.executable, "-m", "generator", "build", "-f", str(config), "--content", str(content)]
    result = subprocess.run(
        [*command, "--site", str(site)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not the test's output."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 (search and fetches need http, not file://); yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """One page as a reader saw it: what the console said and where the page sent requests."""

    page: Page
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Browser, url: str, viewport: dict[str, int], scheme: str = "light") -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]
    page = context.new_page()
    seen = Visit(page)
    origin = url.split("/", 3)[2]

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    def on_request(request: Request) -> None:
        host = request.url.split("/", 3)[2] if "://" in request.url else origin
        if host != origin and not request.url.startswith(("data:", "blob:", "about:")):
            seen.foreign.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("request", on_request)
    page.goto(url, wait_until="networkidle")
    try:
        yield seen
    finally:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each (rule, target)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {targets}")
    return found
