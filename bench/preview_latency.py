"""From saving an event to a browser showing the edit, with the live preview running.

    .venv/bin/python bench/preview_latency.py PROJECT [--engine ondemand|mkdocs|zensical] [--saves 5]

PROJECT holds `mkdocs.yml` and `content/` (a synthetic one:
`python -m generator synthetic 2000 PROJECT/content`, plus a copy of this
repository's mkdocs.yml with its `custom_dir` made the full path of this
checkout's site_templates/init/overrides). Starts `generator serve`, opens one event's page
in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
then edits that event's title several times, each time timing from the save
until the open page (reloaded by the preview, not by us) shows the new title.
The event file is put back afterwards. Needs `pip install playwright`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_latency import CHROMIUM_ARGS  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(project: Path, engine: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "generator", "serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}"]
    command += ["--templates", str(ROOT / "site_templates")]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--engine", default="ondemand", choices=("ondemand", "mkdocs", "zensical"))
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    events = sorted((args.project / "content" / "events").glob("*.yml"))
    event = events[len(events) // 3]
    original = event.read_text(encoding="utf-8")
    port = free_port()
    server = start(args.project, args.engine, port)
    seconds = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            url = f"http://127.0.0.1:{port}/events/{event.stem}/"
            deadline = time.monotonic() + 900  # the MkDocs dev server first builds every page
            while True:
                try:
                    page.goto(url, wait_until="load")
                    if page.locator("h1").count():
                        break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                time.sleep(1)
            for save in range(args.saves):
                marker = f"Edit{save}x"
                event.write_text(original.replace("title: ", f"title: {marker} ", 1), encoding="utf-8")
                saved = time.perf_counter()
                page.wait_for_function(
                    "m => document.querySelector('h1') && document.querySelector('h1').textContent.includes(m)",
                    arg=marker,
                    timeout=900_000,
                    polling=10,
                )
                seconds.append(time.perf_counter() - saved)
                print(f"save {save + 1}: shown after {seconds[-1]:.2f} s", flush=True)
                time.sleep(2)
            browser.close()
    finally:
        event.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.engine}: median {statistics.median(seconds):.2f} s, range {min(seconds):.2f}–{max(seconds):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
