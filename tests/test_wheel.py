"""The generator as its users install it: a wheel starts, validates, builds and checks a briefing with no checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out)]
    subprocess.run([*command, str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("briefing_generator-*.whl")
    return built


def test_the_wheel_carries_every_template_scaffold_and_stylesheet(wheel: Path) -> None:
    shipped = {
        f"generator/site_templates/{p.relative_to(ROOT / 'site_templates').as_posix()}"
        for p in (ROOT / "site_templates").rglob("*")
        if p.is_file()
    }
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    assert sorted(shipped - packed) == []
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")}
    assert sorted(modules - packed) == []


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding the wheel; its dependencies are this environment's (no download)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A path line, not this environment's .pth files: its editable checkout of the generator stays out.
    Path(site_packages, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    return python


def run(python: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(python), "-m", "generator", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


def test_an_installed_wheel_starts_and_builds_a_briefing_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    located = subprocess.run(
        [str(installed), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(ROOT) not in located, "the wheel's copy must be the one running"
    started = run(installed, tmp_path, "init", "shipping", "--title", "Attacks on shipping")
    assert started.returncode == 0, started.stderr
    briefing = tmp_path / "shipping"
    assert run(installed, briefing, "validate").stdout == "ok: 1 events, 1 actors, 1 places, 1 sources, 1 campaigns\n"
    assert run(installed, briefing, "new", "event", "2024-05-01-tanker-seized").returncode == 0
    unfilled = run(installed, briefing, "validate")
    blank = "content/events/2024-05-01-tanker-seized.yml:6:1: error: 'title' is empty (fill it in: it is required)"
    assert unfilled.returncode == 1 and blank in unfilled.stderr
    (briefing / "content" / "events" / "2024-05-01-tanker-seized.yml").unlink()
    for step in (["build"], ["check", "--strict", "--min-coverage", "100"]):
        result = run(installed, briefing, *step)
        assert result.returncode == 0, result.stdout + result.stderr
    home = (briefing / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Attacks on shipping</title>" in home  # the site's title, not "home page title - site title"
    # init's theme override names the feed in every page's head, beside which Material finds a sitemap
    assert '<link rel="alternate" type="application/atom+xml" title="Attacks on shipping: latest incidents" ' in home
    assert (briefing / "site" / "data" / "feed.xml").exists() and (briefing / "site" / "data" / "sitemap.xml").exists()
    assert (briefing / "site" / "events" / "2024-03-01-example-harbour-closure" / "index.html").exists()
