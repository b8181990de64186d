"""Run MkDocs (or Zensical) on the generated tree without losing the last good site.

The site is built into a sibling folder and swapped in only when the build
succeeds, so a failed or warning-raising build leaves the published site as
it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


class BuildError(RuntimeError):
    """The site builder failed; the message carries its output."""


def build_command(engine: str, config: Path, out: Path) -> list[str]:
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "-f", str(config)]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]


def build_site(config: Path, site: Path, engine: str = "mkdocs") -> None:
    site = site.resolve()
    _check_replaceable(site)
    staging = site.with_name(f".{site.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run(build_command(engine, config.resolve(), staging), capture_output=True, text=True,
                            check=False, cwd=config.resolve().parent)
    if engine == "zensical" and result.returncode == 0:
        _move_zensical_output(config, staging)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"{engine} build failed; {site} was left as it was.\n{output}")
    _swap(staging, site)


def _move_zensical_output(config: Path, staging: Path) -> None:
    # Zensical writes to site_dir from the config; stage it the same way.
    built = config.resolve().parent / "site"
    if built.exists():
        built.rename(staging)


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
