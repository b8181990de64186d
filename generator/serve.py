"""Live preview: regenerate on every save while a dev server reloads the browser.

MkDocs' (or Zensical's) dev server watches the generated docs folder; this
loop watches the content and templates and regenerates, writing only pages
whose text changed. A bad edit prints the same `path:line:col` lines as the
CLI and leaves the last good pages in place; the server keeps running.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import quiet_env
from generator.config import Paths
from generator.errors import ContentError, format_problems
from generator.pipeline import generate

POLL_SECONDS = 0.3
Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every file: cheap enough to poll thousands of records."""
    found: Snapshot = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    stat = path.stat()
                    found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def regenerate(paths: Paths) -> str:
    """One regeneration; returns the line to print (a summary, or every problem)."""
    started = time.perf_counter()
    try:
        report, warnings = generate(paths.content, paths.templates, paths.docs)
    except ContentError as exc:
        return format_problems(exc.problems) + "\nthe preview keeps the last good pages; fix and save again"
    elapsed = time.perf_counter() - started
    summary = (
        f"regenerated in {elapsed:.2f} s: {len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )
    return f"{format_problems(warnings)}\n{summary}" if warnings else summary


def server_command(paths: Paths, engine: str, dev_addr: str) -> list[str]:
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "serve", "-f", str(paths.config), "-a", dev_addr]
    return [sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.config), "-a", dev_addr]


def watch(paths: Paths, alive: Callable[[], bool], report: Callable[[str], None]) -> None:
    """Regenerate whenever content or templates change, until `alive()` turns false."""
    folders = [paths.content, paths.templates]
    last = snapshot(folders)
    while alive():
        time.sleep(POLL_SECONDS)
        current = snapshot(folders)
        if current != last:
            last = current
            report(regenerate(paths))


def serve(paths: Paths, engine: str, dev_addr: str) -> int:
    print(regenerate(paths), flush=True)
    server = subprocess.Popen(
        server_command(paths, engine, dev_addr), cwd=paths.config.resolve().parent, env=quiet_env()
    )
    try:
        watch(paths, lambda: server.poll() is None, lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
