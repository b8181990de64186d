"""Live preview: regenerate on every save while a dev server reloads the browser.

MkDocs' (or Zensical's) dev server watches the generated docs folder; this
loop watches the content and templates and regenerates, writing only pages
whose text changed. A bad edit prints the same `path:line:col` lines as the
CLI and leaves the last good pages in place; the server keeps running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.build import derived_config, quiet_env
from generator.config import Paths
from generator.errors import ContentError, format_problems
from generator.pipeline import GenerationCache, generate

POLL_SECONDS = 0.3
Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every file under the folders, polled every POLL_SECONDS.

    Walks with os.scandir (no Path per file): at 2,000 events rglob and
    Path.stat took ~48 ms a poll, a sixth of a core while nothing changes.
    """
    found: Snapshot = {}
    pending = [str(folder) for folder in folders if folder.is_dir()]
    while pending:
        try:
            listing = os.scandir(pending.pop())
        except OSError:  # removed between polls: its files are simply gone
            continue
        with listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file():
                    try:
                        stat = entry.stat()
                    except FileNotFoundError:  # deleted mid-walk (an editor's swap file)
                        continue
                    found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def regenerate(paths: Paths, cache: GenerationCache | None = None) -> str:
    """One regeneration; returns the line to print (a summary, or every problem).

    Pass the same cache on every save: unchanged files are not re-read or
    re-validated, and pages whose inputs are unchanged are not re-rendered.
    """
    started = time.perf_counter()
    try:
        report, warnings = generate(paths.content, paths.templates, paths.docs, cache, paths.search == "pagefind")
    except ContentError as exc:
        return format_problems(exc.problems) + "\nthe preview keeps the last good pages; fix and save again"
    elapsed = time.perf_counter() - started
    rendered = f"{cache.rendered.rendered} rendered, " if cache is not None else ""
    summary = (
        f"regenerated in {elapsed:.2f} s: {rendered}{len(report.written)} written, "
        f"{len(report.removed)} removed, {report.unchanged} unchanged"
    )
    return f"{format_problems(warnings)}\n{summary}" if warnings else summary


# Zensical's dev server checks every link and anchor of every page on each
# rebuild: at 1,000 events that was ~0.9 s of a ~1.5 s rebuild, whatever page
# changed. The preview skips it; `build` (MkDocs --strict) and `check` still
# check every link before anything is published.
PREVIEW_OVERRIDES = """\
validation:
  links:
    not_found: ignore
    anchors: ignore
    absolute_links: ignore
"""


@contextmanager
def server_config(paths: Paths, engine: str) -> Iterator[Path]:
    """The config the dev server reads: the project's own, or for Zensical a preview copy removed afterwards."""
    if engine != "zensical":
        yield paths.config
        return
    config = derived_config(paths.config, "preview", PREVIEW_OVERRIDES)
    try:
        yield config
    finally:
        config.unlink(missing_ok=True)


def server_command(config: Path, engine: str, dev_addr: str) -> list[str]:
    return [sys.executable, "-m", engine, "serve", "-f", str(config), "-a", dev_addr]


def watch(
    paths: Paths, alive: Callable[[], bool], report: Callable[[str], None], cache: GenerationCache | None = None
) -> None:
    """Regenerate whenever content or templates change, until `alive()` turns false.

    Give it the cache of the first generation, or it makes and warms one, so
    that the first save already costs only what it touches.
    """
    folders = [paths.content, paths.templates]
    last = snapshot(folders)
    if cache is None:
        cache = GenerationCache()
        regenerate(paths, cache)
    while alive():
        time.sleep(POLL_SECONDS)
        current = snapshot(folders)
        if current != last:
            last = current
            report(regenerate(paths, cache))


def _stop_on_sigterm() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so the dev server is stopped with us, not orphaned."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def serve(paths: Paths, engine: str, dev_addr: str) -> int:
    _stop_on_sigterm()
    cache = GenerationCache()
    print(regenerate(paths, cache), flush=True)
    with server_config(paths, engine) as config:
        server = subprocess.Popen(
            server_command(config, engine, dev_addr), cwd=paths.config.resolve().parent, env=quiet_env()
        )
        try:
            watch(paths, lambda: server.poll() is None, lambda line: print(line, flush=True), cache)
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0
