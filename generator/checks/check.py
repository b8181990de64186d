"""The CI gate: citations and coverage on the content, links on the built site, URLs.

Returns problems; never prints. Content that does not load is reported as
the same problems, so one run shows everything in one format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.checks.citations import Coverage, citation_problems, coverage
from generator.checks.links import check_links, load_site, reachable
from generator.checks.urls import OnlineSettings, check_online, online_problems, url_problems
from generator.config import Paths
from generator.errors import ContentError, Position, Problem, display_path
from generator.pages.context import html_path, record_path
from generator.pages.pipeline import load_index
from generator.pages.redirects import redirect_path
from generator.records.index import Index


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    coverage: Coverage | None

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


def run_check(paths: Paths, min_coverage: float, online: OnlineSettings | None = None) -> CheckReport:
    try:
        index, warnings = load_index(paths.content, config=paths.config, search_page=paths.search == "pagefind")
    except ContentError as exc:
        return CheckReport(tuple(exc.problems), None)
    briefing = index.corpus.briefing
    archives = briefing.web_archives if briefing else ()
    problems = [*warnings, *citation_problems(index), *url_problems(index.corpus.sources, archives)]
    cover = coverage(index)
    problems += cover.uncited
    if cover.share * 100 < min_coverage:
        problems.append(
            Problem(
                Position.whole(display_path(paths.content)),
                "error",
                f"citation coverage {cover.share:.1%} is below the minimum {min_coverage:g}%",
                "cite the sentences and facts listed as notes",
            )
        )
    problems += site_problems(index, paths.site)
    if online is not None:
        urls = [u for s in index.corpus.sources for u in (s.url, s.archive_url) if u]
        problems += online_problems(index.corpus.sources, check_online(urls, online))
    return CheckReport(tuple(sorted(problems)), cover)


def site_problems(index: Index, site: Path) -> list[Problem]:
    """Broken links and anchors, records without a page, pages unreachable from home (but former ids' redirects).

    (A nav entry naming no page never gets this far: loading the briefing with its
    mkdocs.yml reports it at its line, for sites built by either engine.)
    """
    shown = display_path(site)
    if not (site / "index.html").exists():
        return [Problem(Position.whole(shown), "error", "no built site to check", "run: python -m generator build")]
    pages = load_site(site)
    problems = [
        Problem(Position(f"{shown}/{b.page}", b.line, b.col), "error", f"broken link '{b.href}': {b.reason}")
        for b in check_links(site, pages)
    ]
    for record in index.corpus.records():
        page = html_path(record_path(index.kind(record.id), record.id), index.site.directory_urls)
        if page not in pages:
            problems.append(
                Problem(record.position, "error", f"record '{record.id}' has no page in the site", "rebuild the site")
            )
    reached = reachable(pages)
    moved = {
        redirect_path(index.kind(r.id), former, index.site.directory_urls)
        for r in index.corpus.records()
        for former in r.former_ids
    }
    problems += [
        Problem(
            Position(f"{shown}/{page}"),
            "error",
            "page is not reachable from the home page",
            "link it from an index page",
        )
        for page in sorted(set(pages) - reached - {"404.html"} - moved)  # a redirect is for old links only
    ]
    return problems
