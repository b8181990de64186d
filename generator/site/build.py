"""Run MkDocs (or Zensical) on the generated tree without losing the last good site.

The site is built into a sibling folder and swapped in only when the build
succeeds, so a failed or warning-raising build leaves the published site as
it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def default_jobs() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer than the machine
    has), at most 8: each worker holds its own copy of the gathered site, while gathering and merging
    run on one core whatever the count.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(usable, 8)


def build_site(config: Path, site: Path, engine: str = "mkdocs", pagefind: bool = False, jobs: int = 1) -> str:
    """Build into a staging folder, then swap it in; raise BuildError on failure.

    Returns why MkDocs' pages were built in one process although `jobs` asked for more, else "".

    With `jobs` above 1, MkDocs' pages are rendered by that many processes
    (`shared_build`); with 1, `mkdocs build` itself runs. With
    `pagefind`, the staged site is indexed by Pagefind before the swap, so a
    failed index also leaves the last good site in place.
    """
    config, site = config.resolve(), site.resolve()
    _check_replaceable(site)
    staging = site.with_name(f".{site.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    # Zensical only writes inside the project root, so it stages there.
    out = config.parent / ".zensical-building" if engine == "zensical" else staging
    shutil.rmtree(out, ignore_errors=True)
    succeeded, output, unshared = _run_builder(engine, config, out, jobs)
    if not succeeded or not (out / "index.html").exists():
        shutil.rmtree(out, ignore_errors=True)
        raise BuildError(f"{engine} build failed; {site} was left as it was.\n{output}")
    if out != staging:
        shutil.move(out, staging)
    if pagefind:
        _index_with_pagefind(staging, site)
    _swap(staging, site)
    return unshared


def _run_builder(engine: str, config: Path, out: Path, jobs: int) -> tuple[bool, str, str]:
    """Build the site into `out`: whether it succeeded, the builder's output, and why pages were not shared."""
    if engine == "mkdocs" and jobs > 1:
        from generator.site import shared_build  # imported here: MkDocs is slow to import and only building needs it

        try:  # in a child, so MkDocs' memory and state do not stay in this process
            return True, "", in_child(shared_build.build, config, out, jobs)
        except (shared_build.SiteBuildError, ChildError) as exc:  # ChildError: killed, out of memory for one
            return False, str(exc), ""
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
    return result.returncode == 0, (result.stdout + result.stderr).strip(), ""


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
    if site.exists() and any(site.iterdir()) and not (site / "index.html").exists():
        raise BuildError(f"{site} exists and does not look like a built site; refusing to replace it")


def _swap(staging: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
