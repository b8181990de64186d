"""Run MkDocs (or Zensical) on the generated tree without losing the last good site.

The site is built into a sibling folder and swapped in only when the build
succeeds, so a failed or warning-raising build leaves the published site as
it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.site.forked import ChildError, in_child


class BuildError(RuntimeError):
    """The site builder failed; the message carries its output."""


def quiet_env() -> dict[str, str]:
    """The environment for MkDocs, without its end-of-life banner on every run (the README explains)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


ENGINES = ("mkdocs", "zensical", "properdocs")
"""Site builders. ProperDocs is the maintained continuation of MkDocs 1.x: the same site
(but for its name in each page's generator tag) should MkDocs 1.x stop installing."""


def build_command(engine: str, config: Path, out: Path) -> list[str]:
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]
    return [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(out)]


CACHE_FILE = "pages.json"  # incremental.CACHE_FILE, named here so the command line need not import MkDocs


@dataclass(frozen=True)
class Built:
    """How the site was built, for the summary line."""

    unshared: str = ""
    """Why MkDocs' pages were built in one process although more jobs were asked for, else ""."""
    rendered: int = 0
    """Pages MkDocs rendered (0 when its own build ran and did not say)."""
    pages: int = 0
    full: str = ""
    """Why every page was rendered; "" when the others were taken from the last site."""

    def builder(self, engine: str, jobs: int) -> str:
        """What built the site, saying so when the jobs asked for were not used."""
        if engine != "mkdocs" or jobs < 2:
            return engine
        return f"mkdocs in one process ({self.unshared})" if self.unshared else f"mkdocs ({jobs} jobs)"

    @property
    def pages_rendered(self) -> str:
        """How many pages were rendered, and why all of them when all were: the end of the summary line."""
        if self.full:
            return f"full build ({self.full})" + (f": {self.pages:,} pages" if self.pages else "")
        return f"incremental: {self.rendered:,} of {self.pages:,} pages rendered, the rest taken from the last build"


def cache_folder(site: Path) -> Path:
    """The incremental build's cache: beside the site, under the `.cache/` git ignores; safe to delete."""
    return site.parent / ".cache" / "incremental" / site.name


def default_jobs() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer than the machine
    has), at most 8: each worker holds its own copy of the gathered site, while gathering and merging
    run on one core whatever the count.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(usable, 8)


def build_site(
    config: Path, site: Path, engine: str = "mkdocs", pagefind: bool = False, jobs: int = 1, full: bool = False
) -> Built:
    """Build into a staging folder, then swap it in; raise BuildError on failure.

    With `jobs` above 1, MkDocs' pages are rendered by that many processes
    (`shared_build`), and only those whose inputs changed since the last good
    site unless `full` (the cache in `cache_folder`; `incremental`); with 1,
    `mkdocs build` itself runs. The cache is replaced only with the site, so
    it always describes the site beside it. With
    `pagefind`, the staged site is indexed by Pagefind before the swap, so a
    failed index also leaves the last good site in place. A fault of the
    output (a full disk, a read-only folder) is one line naming the path and
    the system's reason, not the builder's log.
    """
    config, site = config.resolve(), site.resolve()
    new_cache = cache_folder(site) / f"{CACHE_FILE}.new"
    try:
        return _build_and_swap(config, site, engine, pagefind, jobs, full)
    except OSError as exc:
        raise BuildError(f"{_fault(exc)}; {site} was left as it was") from None
    finally:  # left by a build that failed after MkDocs: it describes no site
        new_cache.unlink(missing_ok=True)


def _build_and_swap(config: Path, site: Path, engine: str, pagefind: bool, jobs: int, full: bool) -> Built:
    _check_replaceable(site)
    staging = site.with_name(f".{site.name}.building")
    # Zensical only writes inside the project root, so it stages there.
    out = config.parent / ".zensical-building" if engine == "zensical" else staging
    for leftover in {staging, out}:
        remove_leftover(leftover)
    succeeded, output, built = _run_builder(engine, config, out, jobs, (site, full))
    if not succeeded or not (out / "index.html").exists():
        shutil.rmtree(out, ignore_errors=True)
        fault = _OS_FAULT.findall(output)
        if fault:  # the system's reason says it all; the builder's log would bury it
            reason, path, target = fault[-1]
            raise BuildError(f"the {engine} build could not use {target or path}: {reason}; {site} was left as it was")
        raise BuildError(f"{engine} build failed; {site} was left as it was.\n{output}")
    if out != staging:
        shutil.move(out, staging)
    if pagefind:
        _index_with_pagefind(staging, site)
    _swap_with_cache(staging, site)
    return built


_OS_FAULT = re.compile(r"^\w+Error: \[Errno \d+\] ([^:\n]+): '([^'\n]+)'(?: -> '([^'\n]+)')?$", re.MULTILINE)
"""The last line of a traceback for a system call that failed: reason, path (and for a copy, its target)."""


def _fault(exc: OSError) -> str:
    path = exc.filename if exc.filename is not None else "the output folder"
    return f"the build could not use {path}: {exc.strerror or exc}"


def _rmtree(folder: Path, retry: Callable[[Any, str, Any], None]) -> None:
    """shutil.rmtree calling `retry` on a path it could not remove (`onexc` from Python 3.12, `onerror` before)."""
    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry)
    else:
        shutil.rmtree(folder, onerror=retry)


def remove_leftover(folder: Path) -> None:
    """Remove a folder an earlier build left, read-only parts included, or say exactly what to remove."""
    if not folder.exists() and not folder.is_symlink():
        return

    def writable_and_retry(function: Any, path: str, _: Any) -> None:
        for target in (Path(path).parent, Path(path)):
            if target.exists() and not target.is_symlink():
                target.chmod(target.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
        if Path(path).is_dir() and not Path(path).is_symlink():
            shutil.rmtree(path)
        else:
            Path(path).unlink(missing_ok=True)

    try:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(folder.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
            _rmtree(folder, writable_and_retry)
        else:
            folder.unlink()
    except OSError as exc:
        raise BuildError(
            f"{folder} is left from an earlier build and cannot be removed ({exc.strerror or exc}); "
            "remove it, then build again"
        ) from None


def _run_builder(engine: str, config: Path, out: Path, jobs: int, last: tuple[Path, bool]) -> tuple[bool, str, Built]:
    """Build the site into `out`: whether it succeeded, the builder's output, and how it built.

    `last` is the last good site and whether every page must be rendered even so (`--full`);
    otherwise MkDocs' shared build takes what did not change from it.
    """
    if engine == "mkdocs" and jobs > 1:
        return _run_shared(config, out, jobs, last)
    whole = "--jobs 1 runs mkdocs build itself" if engine == "mkdocs" else f"{engine} builds every page"
    run_config = _zensical_config(config, out) if engine == "zensical" else config
    try:
        result = subprocess.run(
            build_command(engine, run_config, out),
            capture_output=True,
            text=True,
            check=False,
            cwd=config.parent,
            env=quiet_env(),
        )
    finally:
        if run_config != config:
            run_config.unlink(missing_ok=True)
    return result.returncode == 0, (result.stdout + result.stderr).strip(), Built(full=f"no cache kept: {whole}")


def _run_shared(config: Path, out: Path, jobs: int, last: tuple[Path, bool]) -> tuple[bool, str, Built]:
    # Imported here: MkDocs is slow to import and only building needs it.
    from generator.site import shared_build
    from generator.site.reuse import Reuse

    site, full = last
    reuse = Reuse(site, cache_folder(site), "asked for (--full)" if full else "")
    try:  # in a child, so MkDocs' memory and state do not stay in this process
        outcome = in_child(shared_build.build, config, out, jobs, reuse)
    except (shared_build.SiteBuildError, ChildError) as exc:  # ChildError: killed, out of memory for one
        return False, str(exc), Built()
    return True, "", Built(outcome.unshared, outcome.rendered, outcome.pages, outcome.full)


def _index_with_pagefind(staging: Path, site: Path) -> None:
    """Pagefind's chunked index: a reader downloads only the chunks a query needs.

    Only regions marked data-pagefind-body (titles, names, narrative) are
    indexed; pages without such a region, the listing pages, are skipped.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(staging)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=quiet_env())
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"pagefind failed; {site} was left as it was.\n{output}")


def derived_config(config: Path, purpose: str, overrides: str) -> Path:
    """A hidden config beside `config` that inherits it (INHERIT) and overrides a few keys.

    Zensical has no command-line flags for these settings, and it resolves
    docs_dir and writes only relative to the config's folder, so the copy
    must sit beside the original. The caller removes it.
    """
    path = config.with_name(f".{config.stem}.{purpose}.yml")
    header = f"# Written by the briefing generator for Zensical; safe to delete.\nINHERIT: {json.dumps(config.name)}\n"
    path.write_text(header + overrides, encoding="utf-8")
    return path


def _zensical_config(config: Path, staging: Path) -> Path:
    """The config writing to the staging folder: Zensical has no --site-dir flag."""
    return derived_config(config, "zensical", f"site_dir: {json.dumps(str(staging))}\n")


def _check_replaceable(site: Path) -> None:
    if site.is_symlink() or (site.exists() and not site.is_dir()):
        raise BuildError(f"{site} is not a folder; remove it or pass --site with another folder")
    if site.exists() and any(site.iterdir()) and not (site / "index.html").exists():
        raise BuildError(f"{site} exists and does not look like a built site; refusing to replace it")


def _swap_with_cache(staging: Path, site: Path) -> None:
    """The new site in place, and with it the cache describing it, if the build left one."""
    cache = cache_folder(site)
    (cache / CACHE_FILE).unlink(missing_ok=True)  # it describes the old site only
    _swap(staging, site)
    new = cache / f"{CACHE_FILE}.new"
    if new.exists():
        new.replace(cache / CACHE_FILE)


def _swap(staging: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}.old")
    remove_leftover(old)  # an earlier swap that could not finish its clean-up
    if site.exists():
        site.rename(old)
    staging.rename(site)
    # The new site is in place: what cannot be removed now is removed before the next swap, or named then.
    with contextlib.suppress(BuildError):
        remove_leftover(old)
