"""Live preview: regenerate on every save while a dev server reloads the browser.

This loop watches the content and templates and regenerates, writing only
pages whose text changed. By default MkDocs then renders, in this process,
only the pages the browser asks for (`on_demand`, `dev_server`); MkDocs' or
Zensical's own dev server can watch the generated docs folder instead. A
bad edit prints the same `path:line:col` lines as the CLI and leaves the
last good pages in place; the server keeps running.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator.config import Paths
from generator.errors import ContentError, format_problems
from generator.pages.pipeline import GenerationCache, generate
from generator.site.build import derived_config, quiet_env

SETTLE_SECONDS = 0.05
"""An editor's save is several file events (write, rename, chmod): wait this long for the rest."""
_CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})


class _Changed(FileSystemEventHandler):
    """Sets a flag on any write, creation, deletion or move; reads (ours included) are ignored."""

    def __init__(self) -> None:
        self.flag = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _CHANGES:
            self.flag.set()


def regenerate(paths: Paths, cache: GenerationCache | None = None) -> str:
    """One regeneration; returns the line to print (a summary, or every problem).

    Pass the same cache on every save: unchanged files are not re-read or
    re-validated, and pages whose inputs are unchanged are not re-rendered.
    """
    started = time.perf_counter()
    try:
        search_page = paths.search == "pagefind"
        report, warnings = generate(paths.content, paths.template_path, paths.docs, cache, search_page, paths.config)
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
    paths: Paths,
    alive: Callable[[], bool],
    report: Callable[[str], None],
    cache: GenerationCache | None = None,
    watching: Callable[[], None] = lambda: None,
) -> None:
    """Regenerate whenever content or templates change, until `alive()` turns false.

    The file system notifies us (inotify, or what the platform has), so an
    idle preview costs nothing however large the briefing: polling every
    file's stat took 85 ms every 0.3 s at 10,000 events. Give it the cache of
    the first generation, or it makes and warms one, so that the first save
    already costs only what it touches. `watching` is called once the file
    system is watched: a save after it is never missed.
    """
    changed = _Changed()
    observer = Observer()
    for folder in (paths.content, *paths.template_path):
        if folder.is_dir():
            observer.schedule(changed, str(folder), recursive=True)
    observer.start()
    watching()
    try:
        if cache is None:
            cache = GenerationCache()
            regenerate(paths, cache)
        while alive():
            if changed.flag.wait(timeout=0.5):  # wakes at once on a change; the timeout only re-checks alive()
                time.sleep(SETTLE_SECONDS)
                changed.flag.clear()
                report(regenerate(paths, cache))
    finally:
        observer.stop()
        observer.join()


def _stop_on_sigterm() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so the dev server is stopped with us, not orphaned."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def serve(paths: Paths, engine: str, dev_addr: str) -> int:
    _stop_on_sigterm()
    cache = GenerationCache()
    print(regenerate(paths, cache), flush=True)
    if engine == "ondemand":
        return _serve_on_demand(paths, dev_addr, cache)
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


def _serve_on_demand(paths: Paths, dev_addr: str, cache: GenerationCache) -> int:
    """MkDocs renders each page when it is opened, in this process; the generator's saves reload it."""
    # Imported here: only this preview needs MkDocs and a web server in-process.
    from mkdocs.exceptions import ConfigurationError

    from generator.site.dev_server import Changes, make_server
    from generator.site.on_demand import OnDemandSite

    host, _, port = dev_addr.rpartition(":")
    host = host or "127.0.0.1"
    if not paths.docs.is_dir():
        print("error: no pages to preview yet: fix the errors above, then start the preview again", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as root:
        try:
            site = OnDemandSite(paths.config, Path(root))
            changes = Changes()
            server = make_server(site, changes, (host, int(port)), paths.site, _print_error)
        except (ConfigurationError, OSError, ValueError) as exc:
            print(
                f"error: the preview could not start: {exc} (check mkdocs.yml and --dev-addr HOST:PORT)",
                file=sys.stderr,
            )
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
        written = cache.written

        def follow(line: str) -> None:
            nonlocal written
            print(line, flush=True)
            if cache.written is not None and cache.written is not written:  # something was generated
                site.follow(written, cache.written)
                written = cache.written
                changes.bump()

        try:
            # Announced only once saves are watched, so an edit made on seeing the address is never missed.
            announce = f"serving on http://{host}:{port}/ ; pages are rendered when opened"
            watch(paths, lambda: True, follow, cache, lambda: print(announce, flush=True))
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
    return 0


def _print_error(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
