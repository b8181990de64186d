"""Scale benchmark: prints a table of figures; not part of the unit tests.

    .venv/bin/python bench/benchmark.py            # N = 1,000 and 5,000 events
    .venv/bin/python bench/benchmark.py --large    # also N = 10,000
    .venv/bin/python bench/benchmark.py --sizes 200  # a quick run
    .venv/bin/python bench/benchmark.py --large --repeat 2  # best of two, interleaved
    .venv/bin/python bench/benchmark.py --jobs 1   # the build running `mkdocs build` itself
    .venv/bin/python bench/benchmark.py --incremental 1000  # only the incremental build's table, at 1,000 events
    .venv/bin/python bench/benchmark.py --incremental 1000 --zensical  # and Zensical's cached rebuilds beside

For each N it writes a synthetic briefing, then measures load+validate and
render throughput, the generator's wall time, the whole build, MkDocs alone
on the same Markdown (the baseline, so the generator's share is a ratio on
this machine), peak memory (all the build's processes at once), output
size, the search payload a reader downloads, and the time from editing one
event to its Markdown on disk. It also checks that two generations are
byte-identical, and that the build's site is byte-identical to MkDocs'
own on the same Markdown (whatever `--jobs` shared its pages).

A second table gives the figures' and downloads' share: seconds spent drawing
the figures (timed inside the same in-process render) and the bytes of SVG in
the pages (all of them, and the page with most), seconds to make the downloads
(`data_files`: JSON, CSV, CSL-JSON, the feed) and their bytes; and Find
events' filters: the index's size raw and gzipped, and in headless Chromium
(bench/filter_latency.py) the time until the filters show and from a filter
change to the count and list laid out, median and worst of 15 changes.

`--incremental N` measures the incremental build at N events: after each of a
few edits (an event's summary, an event's date, an actor's name, a new event, a
deleted event, the event template, the stylesheet) `build` runs with the last
build's cache, then `build --full` builds the same content into another folder in
the same run; it prints how many pages were rendered, both times, and whether the
two sites are byte-identical; with `--zensical`, also Zensical's build of the same
generated Markdown, its own differential cache kept from one edit to the next.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filter_latency import filter_response  # noqa: E402  (beside this file)

from generator.config import Paths, resolve_paths  # noqa: E402
from generator.pages.data_files import data_files  # noqa: E402
from generator.pages.pipeline import GenerationCache, generate, load_index  # noqa: E402
from generator.pages.render import RenderCache, make_environment, render_site  # noqa: E402
from generator.records.index import Index  # noqa: E402
from generator.site.serve import regenerate  # noqa: E402
from generator.tools.synthetic import write_synthetic  # noqa: E402

MEASURED = Path(__file__).with_name("measured.py")
_BUILT = re.compile(r"built .* in ([0-9.]+) s \(generator: ([0-9.]+) s\)")
_RENDERED = re.compile(r"; (?:incremental: ([0-9,]+) of ([0-9,]+) pages rendered|full build \((.*)\): ([0-9,]+) pages)")


@dataclass
class Row:
    events: int
    records: int
    pages: int = 0
    load_rate: float = 0.0
    render_rate: float = 0.0
    generator_s: float = 0.0
    build_s: float = 0.0
    mkdocs_s: float = 0.0
    inner_mkdocs_s: float = 0.0
    build_cpu_s: float = 0.0
    mkdocs_cpu_s: float = 0.0
    peak_mb: float = 0.0
    site_mb: float = 0.0
    search_mb: float = 0.0
    search_gz_mb: float = 0.0
    largest_card_kb: float = 0.0
    edit_s: float = 0.0
    identical: bool = False
    same_site: bool = False
    runs: str = ""
    figures_s: float = 0.0
    svg_mb: float = 0.0
    largest_svg_kb: float = 0.0
    largest_svg_page: str = ""
    exports_s: float = 0.0
    export_files: int = 0
    exports_mb: float = 0.0
    filter_index_s: float = 0.0
    filter_kb: float = 0.0
    filter_gz_kb: float = 0.0
    filter_ready_ms: float = 0.0
    filter_median_ms: float = 0.0
    filter_worst_ms: float = 0.0


def project(base: Path, events: int) -> Path:
    folder = base / f"n{events}"
    write_synthetic(folder / "content", events)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - About: about.md\n", "").replace("  - Method: method.md\n", "")
    overrides = "custom_dir: site_templates/init/overrides"  # relative to the checkout: named in full here
    config = config.replace(overrides, f"custom_dir: {ROOT / 'site_templates/init/overrides'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


@dataclass
class Timing:
    wall_s: float
    cpu_s: float
    peak_mb: float
    printed: str


def timed_subprocess(args: list[str], cwd: Path) -> Timing:
    """Wall and CPU seconds, peak resident MB (all its processes at once) and standard output of a command.

    CPU time is less disturbed than wall time when the host is busy, so the
    ratios are given in both. One build date for every run, so sites can be compared byte for byte.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(MEASURED), *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout
    *printed, usage = out.strip().splitlines()
    peak, _, cpu = usage.split()
    return Timing(time.perf_counter() - started, float(cpu), int(peak) / 1024, "\n".join(printed))


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(base: Path, events: int, repeat: int = 1, jobs: list[str] | None = None) -> Row:
    folder = project(base, events)
    paths = resolve_paths(folder / "mkdocs.yml", templates=ROOT / "site_templates")
    started = time.perf_counter()
    index, _ = load_index(paths.content)
    loaded = time.perf_counter()
    pages, spent = timed_render(index, paths.templates)
    rendered = time.perf_counter()
    records = len(index.corpus.records())
    row = Row(events, records, len(pages), records / (loaded - started), len(pages) / (rendered - loaded))
    row.figures_s, row.filter_index_s = sum(spent[name] for name in FIGURES), spent["event_index_json"]
    svg = {path: sum(len(s.encode("utf-8")) for s in _SVG.findall(text)) for path, text in pages.items()}
    row.largest_svg_page = max(svg, key=lambda path: svg[path])
    row.svg_mb, row.largest_svg_kb = sum(svg.values()) / 1e6, svg[row.largest_svg_page] / 1e3
    started = time.perf_counter()
    downloads = data_files(index)
    row.exports_s = time.perf_counter() - started
    row.export_files, row.exports_mb = len(downloads), sum(len(b) for b in downloads.values()) / 1e6
    templates = ["--templates", str(ROOT / "site_templates")]
    row.generator_s = timed_subprocess([sys.executable, "-m", "generator", "generate", *templates], folder).wall_s
    # Earlier outputs are renamed aside, not deleted, until every timing is done:
    # deleting thousands of files makes the filesystem slow for a while after.
    aside = base / f"aside-{events}"
    aside.mkdir()
    baseline = base / "baseline-site"
    builds, inner, alone = [], [], []
    for run in range(repeat):  # interleaved, so a slow spell of the host hits both
        _set_aside([paths.docs, paths.site, baseline], aside, run)
        build = timed_subprocess([sys.executable, "-m", "generator", "build", *templates, *(jobs or [])], folder)
        builds.append(build)
        row.peak_mb = max(row.peak_mb, build.peak_mb)
        inner.append(float(match[1]) if (match := _BUILT.search(build.printed)) else 0.0)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(baseline)]
        alone.append(timed_subprocess(mkdocs, folder))
    row.build_s, row.mkdocs_s = min(t.wall_s for t in builds), min(t.wall_s for t in alone)
    row.build_cpu_s, row.mkdocs_cpu_s = min(t.cpu_s for t in builds), min(t.cpu_s for t in alone)
    row.inner_mkdocs_s = min(inner)
    # Every run, not only the best: on a shared host the spread is part of the result.
    row.runs = (
        f"{events:,} events, each run in order (s): build {_seconds(t.wall_s for t in builds)}; "
        f"MkDocs inside the build {_seconds(inner)}; MkDocs alone {_seconds(t.wall_s for t in alone)}; "
        f"build ÷ MkDocs per pair {_pair_ratios(builds, alone)}"
    )
    site = folder / "site"
    row.site_mb = folder_mb(site)
    search = (site / "search" / "search_index.json").read_bytes()
    row.search_mb, row.search_gz_mb = len(search) / 1e6, len(gzip.compress(search)) / 1e6
    row.largest_card_kb = max(p.stat().st_size for p in (site / "events").rglob("index.html")) / 1e3
    finder = (site / "all-events" / "events.json").read_bytes()
    row.filter_kb, row.filter_gz_kb = len(finder) / 1e3, len(gzip.compress(finder, 6)) / 1e3
    answers = filter_response(site)
    row.filter_ready_ms, row.filter_median_ms, row.filter_worst_ms = (
        answers.ready_ms,
        answers.median_ms,
        answers.worst_ms,
    )
    row.edit_s = edit_time(paths)
    row.identical = identical(paths, base / "second-docs")
    row.same_site = same_tree(site, baseline)
    shutil.rmtree(aside)
    shutil.rmtree(baseline, ignore_errors=True)
    return row


FIGURES = ("timeline_figure", "counts_figure", "chain_figure")
"""The template functions that draw the figures."""
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def timed_render(index: Index, templates: Path | None) -> tuple[dict[str, str], dict[str, float]]:
    """Every page, and the seconds spent inside each figure function and the filters' index while rendering them.

    The environment is made here and handed to `render_site` in its cache, so the timers wrap the very
    functions the templates call, in the same run as the pages' own render time.
    """
    assert templates is not None, "the benchmark renders with the generator's own templates"
    env = make_environment(templates)
    spent = dict.fromkeys((*FIGURES, "event_index_json"), 0.0)
    for name in spent:
        env.globals[name] = _timer(cast(Callable[..., Any], env.globals[name]), spent, name)
    return render_site(index, templates, RenderCache(templates=templates, env=env)), spent


def _timer(function: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return timed


def _pair_ratios(builds: list[Timing], alone: list[Timing]) -> str:
    """Each build against the MkDocs run right after it: a slow spell of the host tends to hit both."""
    return " / ".join(f"{b.wall_s / a.wall_s:.2f}×" for b, a in zip(builds, alone, strict=True))


def _seconds(values: Iterable[float]) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def _set_aside(folders: list[Path], aside: Path, run: int) -> None:
    for folder in folders:
        if folder.exists():
            folder.rename(aside / f"{folder.name}-{run}")


def edit_time(paths: Paths, saves: int = 7) -> float:
    """Median seconds from saving one event to its Markdown on disk, as `serve` does it (warm cache)."""
    cache = GenerationCache()
    regenerate(paths, cache)
    time.sleep(2.5)  # let the first read age past the racy window, as it has in a real session
    events = sorted((paths.content / "events").glob("*.yml"))
    event = events[len(events) // 2]
    times = []
    for save in range(saves):
        event.write_text(
            event.read_text(encoding="utf-8").replace("title: ", f"title: Edit {save} ", 1), encoding="utf-8"
        )
        started = time.perf_counter()
        regenerate(paths, cache)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def identical(paths: Paths, other: Path) -> bool:
    generate(paths.content, paths.templates, other, config=paths.config)  # as serve and build read the site settings
    same = same_tree(paths.docs, other)
    shutil.rmtree(other)
    return same


def same_tree(first: Path, second: Path) -> bool:
    """Whether two built sites hold the same files with the same bytes."""
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    if names != sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()):
        return False
    return all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


@dataclass
class Rebuild:
    edit: str
    rendered: str
    """Pages rendered of all, or "all (why)"."""
    incremental_s: float
    incremental_mkdocs_s: float
    full_s: float
    full_mkdocs_s: float
    identical: bool
    zensical_s: float = 0.0
    """Zensical's build of the same generated Markdown with its own cache, when measured."""


def incremental_rows(
    base: Path, events: int, templates: Path, full_each: bool = True, zensical: bool = False
) -> list[Rebuild]:
    """Each edit, then the incremental build beside a full build of the same content, in one run.

    Without `full_each`, only the last edit is followed by a full build (at 10,000 events a full
    build takes minutes); earlier rows are then compared with no full build and show no identity.
    With `zensical`, Zensical then builds the same generated Markdown with its own differential
    cache (kept in the project from one edit to the next), beside MkDocs' share of the build.
    """
    folder = project(base, events)
    shutil.copytree(ROOT / "site_templates", templates)
    build = [sys.executable, "-m", "generator", "build", "--templates", str(templates)]
    cold = timed_subprocess(build, folder)
    rows = [Rebuild("none (cold build, no cache)", _rendered(cold.printed), cold.wall_s, _mkdocs_s(cold), 0, 0, True)]
    if zensical:
        rows[-1].zensical_s = _zensical_s(folder)
    print(_rebuild_line(rows[-1]), flush=True)
    edits = _edits(folder / "content", templates)
    for number, (name, edit) in enumerate(edits.items(), 1):
        edit()
        incremental = timed_subprocess(build, folder)
        row = Rebuild(name, _rendered(incremental.printed), incremental.wall_s, _mkdocs_s(incremental), 0, 0, False)
        if zensical:
            row.zensical_s = _zensical_s(folder)
        if full_each or number == len(edits):
            shutil.rmtree(folder / "full", ignore_errors=True)
            full = timed_subprocess([*build, "--full", "--site", str(folder / "full")], folder)
            row.full_s, row.full_mkdocs_s = full.wall_s, _mkdocs_s(full)
            row.identical = same_tree(folder / "site", folder / "full")
        rows.append(row)
        print(_rebuild_line(rows[-1]), flush=True)
    return rows


def _zensical_s(folder: Path) -> float:
    """Seconds for `zensical build` of the generated Markdown into zensical-site/, its cache kept between runs."""
    config = folder / ".zensical-bench.yml"
    config.write_text('INHERIT: "mkdocs.yml"\nsite_dir: "zensical-site"\n', encoding="utf-8")
    started = time.perf_counter()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(config)],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _edits(content: Path, templates: Path) -> dict[str, Callable[[], None]]:
    events = sorted((content / "events").glob("*.yml"))
    middle, last = events[len(events) // 2], events[-1]  # the last event: no other event relates to it
    moved_from, moved_to = _move_in_chronology(middle, events)

    def change(path: Path, old: str, new: str, count: int = 1) -> Callable[[], None]:
        def edit() -> None:
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {path}"
            path.write_text(text.replace(old, new, count), encoding="utf-8")

        return edit

    def add() -> None:
        text = middle.read_text(encoding="utf-8").replace(f"id: {middle.stem}", "id: e-new")
        (content / "events" / "e-new.yml").write_text(text.replace("title: ", "title: New ", 1), encoding="utf-8")

    # The stylesheet (a full build) first, so that a single full build at the end (--full-once) is compared
    # with a site that every incremental step made.
    return {
        "the stylesheet": change(templates / "assets" / "briefing.css", "\n", "\n/* edited */\n"),
        "one event's summary": change(middle, "summary: >-\n  ", "summary: >-\n  Edited. "),
        "one event's date": change(middle, f'date: "{moved_from}"', f'date: "{moved_to}"'),
        "one actor's name": change(content / "actors" / "actor-00001.yml", "name: Actor 1\n", "name: Actor One\n"),
        "one new event": add,
        "one deleted event": last.unlink,
        "the event template": change(templates / "event.md.j2", "## What happened", "## What took place"),
    }


_DATE = re.compile(r'^date: "([^"]+)"', re.MULTILINE)


def _move_in_chronology(event: Path, events: list[Path]) -> tuple[str, str]:
    """The event's date, and another month of its year that keeps it on the same side of every event it
    is related to (an answer may not come before what it answers): a move the build must accept."""
    dates = {e.stem: found[1] for e in events if (found := _DATE.search(e.read_text(encoding="utf-8")))}
    text = event.read_text(encoding="utf-8")
    related = {e.stem for e in events if f"event: {event.stem}" in e.read_text(encoding="utf-8")}
    related |= set(re.findall(r"event: (e\d+)", text))
    now = dates[event.stem]
    for month in range(1, 13):
        moved = f"{now[:5]}{month:02d}-15{now[10:]}"
        if moved[:7] != now[:7] and all((moved < dates[r]) == (now < dates[r]) for r in related):
            return now, moved
    raise AssertionError(f"no month of its year takes {event.stem} without reordering its relations")


def _rendered(printed: str) -> str:
    found = _RENDERED.search(printed)
    if found is None:
        return "?"
    return f"{found[1]} of {found[2]}" if found[1] else f"all {found[4]} ({found[3]})"


def _mkdocs_s(timing: Timing) -> float:
    return float(match[1]) if (match := _BUILT.search(timing.printed)) else 0.0


def markdown_table(columns: list[str], rows: Iterable[list[str]]) -> str:
    """A Markdown table: its rule has as many cells as `columns`, and each row must have as many."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for cells in rows:
        assert len(cells) == len(columns), cells
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


REBUILD_COLUMNS = [
    "edit", "pages rendered", "incremental s", "its MkDocs s", "full s", "its MkDocs s", "full ÷ incremental",
    "identical to full", "Zensical, its cache, same Markdown s",
]  # fmt: skip


def _rebuild_cells(r: Rebuild) -> list[str]:
    full = [f"{r.full_s:.1f}", f"{r.full_mkdocs_s:.1f}", f"{r.full_s / r.incremental_s:.1f}×"] if r.full_s else [""] * 3
    identical = ("yes" if r.identical else "NO") if r.full_s else "not compared"
    zensical = f"{r.zensical_s:.1f}" if r.zensical_s else "—"
    return [r.edit, r.rendered, f"{r.incremental_s:.1f}", f"{r.incremental_mkdocs_s:.1f}", *full, identical, zensical]


def _rebuild_line(r: Rebuild) -> str:
    """One row as it is measured, printed before the whole table."""
    return markdown_table(REBUILD_COLUMNS, [_rebuild_cells(r)]).splitlines()[-1]


def rebuild_table(events: int, rows: list[Rebuild]) -> str:
    title = (
        f"Incremental build at {events:,} events: after each edit, `build` with the cache, then `build --full` of "
        "the same content (whole command, generator included; MkDocs' share from the summary line)"
    )
    return title + "\n" + markdown_table(REBUILD_COLUMNS, (_rebuild_cells(r) for r in rows))


TABLE_COLUMNS = [
    "events", "records", "pages", "load+validate rec/s", "render pages/s", "generator s", "build s", "ms/page",
    "MkDocs alone s", "MkDocs in build s", "build / MkDocs", "build / MkDocs, CPU", "generator share", "peak MB",
    "site MB", "search MB (gzip)", "largest card KB", "edit→Markdown s", "identical", "site = MkDocs alone's",
]  # fmt: skip


def table(rows: list[Row]) -> str:
    def cells(r: Row) -> list[str]:
        return [
            f"{r.events:,}", f"{r.records:,}", f"{r.pages:,}", f"{r.load_rate:,.0f}", f"{r.render_rate:,.0f}",
            f"{r.generator_s:.1f}", f"{r.build_s:.1f}", f"{1000 * r.build_s / r.pages:.1f}", f"{r.mkdocs_s:.1f}",
            f"{r.inner_mkdocs_s:.1f}", f"{r.build_s / r.mkdocs_s:.2f}×", f"{r.build_cpu_s / r.mkdocs_cpu_s:.2f}×",
            f"{r.generator_s / r.build_s:.0%}", f"{r.peak_mb:,.0f}", f"{r.site_mb:,.0f}",
            f"{r.search_mb:.1f} ({r.search_gz_mb:.1f})", f"{r.largest_card_kb:.0f}", f"{r.edit_s:.2f}",
            "yes" if r.identical else "NO", "yes" if r.same_site else "NO",
        ]  # fmt: skip

    return markdown_table(TABLE_COLUMNS, map(cells, rows))


SHAPE_COLUMNS = [
    "events", "generator s", "figures s (share)", "SVG in pages MB", "most SVG on a page KB (page)",
    "downloads s (share)", "download files", "downloads MB", "filter index s", "filter index KB (gzip)",
    "filters ready ms", "change → answer ms, median (worst)",
]  # fmt: skip


def shape_table(rows: list[Row]) -> str:
    """The figures', downloads' and filters' columns: what they cost to make and what a reader fetches."""

    def cells(r: Row) -> list[str]:
        return [
            f"{r.events:,}", f"{r.generator_s:.1f}", f"{r.figures_s:.2f} ({r.figures_s / r.generator_s:.0%})",
            f"{r.svg_mb:.1f}", f"{r.largest_svg_kb:.0f} ({r.largest_svg_page})",
            f"{r.exports_s:.2f} ({r.exports_s / r.generator_s:.0%})", f"{r.export_files:,}", f"{r.exports_mb:.1f}",
            f"{r.filter_index_s:.2f}", f"{r.filter_kb:,.0f} ({r.filter_gz_kb:.0f})", f"{r.filter_ready_ms:,.0f}",
            f"{r.filter_median_ms:.1f} ({r.filter_worst_ms:.1f})",
        ]  # fmt: skip

    return markdown_table(SHAPE_COLUMNS, map(cells, rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000], help="event counts to measure")
    parser.add_argument("--large", action="store_true", help="also measure 10,000 events")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time the build and MkDocs alone this many times each; report the best"
    )
    parser.add_argument("--jobs", help="passed to `build --jobs` (default: build's own, the usable CPUs)")
    parser.add_argument("--keep", type=Path, help="keep the synthetic projects and built sites in this new folder")
    parser.add_argument("--incremental", type=int, metavar="N", help="only the incremental build's table, at N events")
    parser.add_argument("--full-once", action="store_true", help="with --incremental: one full build, at the end")
    parser.add_argument(
        "--zensical", action="store_true", help="with --incremental: Zensical's cached build of each edit beside"
    )
    args = parser.parse_args()
    if args.incremental:
        with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
            base = args.keep or Path(scratch)
            base.mkdir(parents=True, exist_ok=True)
            rebuilds = incremental_rows(base, args.incremental, base / "templates", not args.full_once, args.zensical)
        print(f"\n{rebuild_table(args.incremental, rebuilds)}")
        return 0
    sizes = [*args.sizes, *([10_000] if args.large else [])]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        temp = str(args.keep or scratch)
        preview = project(Path(temp), 2000)
        edit = edit_time(resolve_paths(preview / "mkdocs.yml", templates=ROOT / "site_templates"))
        print(f"edit → Markdown on disk at 2,000 events (median of 7 saves, warm cache as in serve): {edit:.2f} s")
        shutil.rmtree(preview)
        for events in sizes:
            rows.append(measure(Path(temp), events, args.repeat, ["--jobs", args.jobs] if args.jobs else []))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            print(shape_table(rows[-1:]).splitlines()[-1], flush=True)
            print(rows[-1].runs, flush=True)
    print()
    if args.repeat > 1:
        print(f"build and MkDocs alone: best of {args.repeat} interleaved runs each")
    print(f"edit → Markdown on disk at 2,000 events: {edit:.2f} s")
    print(table(rows))
    print()
    print(shape_table(rows))
    if args.repeat > 1:
        print("\n".join(["", *(row.runs for row in rows)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
