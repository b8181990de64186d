from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from generator.checks.check import html_path, run_check, site_problems
from generator.checks.citations import sentences
from generator.checks.report import render_report
from generator.checks.urls import OnlineSettings, check_online, online_problems
from generator.cli import main
from generator.config import Paths
from generator.pages.pipeline import load_index
from generator.records.index import Index
from generator.records.markup import parse_narrative
from tests.conftest import MakeTree, site_config, valid_records


def paths_for(content: Path, site: Path) -> Paths:
    return Paths(content, None, site_config(content.parent), content.parent / "docs", site)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.[@a] Two. Three.[@b]", [("One.", True), ("Two.", False), ("Three.", True)]),
        ("The U.S. struck at 11:00 a.m. Iraq time.[@a]", [("The U.S. struck at 11:00 a.m. Iraq time.", True)]),
        (
            "Maj. Gen. Pat Ryder said so.[@a] Then nothing",
            [("Maj. Gen. Pat Ryder said so.", True), ("Then nothing", False)],
        ),
        ("A [[kh|group]] said “no.”[@a]", [("A group said “no.”", True)]),
    ],
)
def test_sentences_and_their_citations(text: str, expected: list[tuple[str, bool]]) -> None:
    narrative, _ = parse_narrative(text)
    assert sentences(narrative) == expected


def test_coverage_lists_uncited_sentences_and_fails_below_minimum(make_tree: MakeTree, tmp_path: Path) -> None:
    records = valid_records()
    records["places/town.yml"] = records["places/town.yml"].replace("A town.[@src]", "A town.[@src] Uncited here.")
    content = make_tree(records)
    report = run_check(paths_for(content, tmp_path / "no-site"), min_coverage=100)
    lines = [str(p) for p in report.problems]
    assert (
        "content/places/town.yml:4:28: note: uncited sentence in description: “Uncited here.” "
        "(add [@source] after it)" in lines
    )
    assert (
        "content: error: citation coverage 80.0% is below the minimum 100% "
        "(cite the sentences and facts listed as notes)" in lines
    )
    assert report.coverage is not None and (report.coverage.cited, report.coverage.total) == (4, 5)


def test_uncited_source_and_missing_fields_warn(make_tree: MakeTree, tmp_path: Path) -> None:
    records = {**valid_records(), "sources/spare.yml": "id: spare\ntitle: Spare\nkind: other\n"}
    report = run_check(paths_for(make_tree(records), tmp_path / "no-site"), min_coverage=0)
    lines = [str(p) for p in report.problems]
    assert (
        "content/sources/spare.yml:1:1: warning: source 'spare' is not cited by any record "
        "(cite it with [@id] or in a sources list, or remove it)" in lines
    )
    assert (
        "content/sources/spare.yml:1:1: warning: source 'spare' has no publisher, published, url "
        "(fill them in if the document states them; if it does not, say so: not_stated: [publisher, published, url])"
        in lines
    )


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (
            "https://web.archive.org/save/https://example.org/a",
            "archive_url of 'src' is a save request, not a snapshot",
        ),
        (
            "https://web.archive.org/web/2024/https://example.org/a",
            "archive_url of 'src' is not a snapshot address of the Wayback Machine",
        ),
    ],
)
def test_archive_urls_must_be_snapshots(make_tree: MakeTree, tmp_path: Path, archive: str, message: str) -> None:
    records = valid_records()
    records["sources/src.yml"] += f"archive_url: {archive}\n"
    report = run_check(paths_for(make_tree(records), tmp_path / "no-site"), min_coverage=0)
    assert any(p.message == message and p.severity == "error" for p in report.problems)


def test_check_accepts_the_web_archives_the_briefing_lists(make_tree: MakeTree, tmp_path: Path) -> None:
    records = valid_records()
    records["sources/src.yml"] += "archive_url: https://archive.example.gov/wb/20240124115400/https://example.org/a\n"
    content = make_tree(records)
    report = run_check(paths_for(content, tmp_path / "no-site"), min_coverage=0)
    assert [str(p) for p in report.problems if "archive_url" in p.message] == [
        "content/sources/src.yml:4:14: error: archive_url of 'src' is not on a web archive the briefing accepts "
        "('archive.example.gov') (use a snapshot on web.archive.org, archive.today, perma.cc, www.webcitation.org, "
        "ghostarchive.org, www.webarchive.org.uk, arquivo.pt, webarchive.nla.gov.au, webarchive.loc.gov, "
        "wayback.archive-it.org; or, if 'archive.example.gov' is a web archive, add it under web_archives: in "
        "briefing.yml)"
    ]
    (content / "briefing.yml").write_text("scope: A briefing.[@src]\nweb_archives: [archive.example.gov]\n")
    report = run_check(paths_for(content, tmp_path / "no-site"), min_coverage=0)
    assert not any("archive_url" in p.message for p in report.problems)


def test_good_archive_url_passes(make_tree: MakeTree, tmp_path: Path) -> None:
    records = valid_records()
    records["sources/src.yml"] += "archive_url: https://web.archive.org/web/20240124115400/https://example.org/a\n"
    report = run_check(paths_for(make_tree(records), tmp_path / "no-site"), min_coverage=0)
    assert not any("archive_url" in p.message for p in report.problems)


def write_site(site: Path, pages: dict[str, str]) -> None:
    for path, body in pages.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<html><body>\n{body}\n</body></html>", encoding="utf-8")


def test_site_problems_broken_links_missing_pages_orphans(make_tree: MakeTree, tmp_path: Path) -> None:
    index, _ = load_index(make_tree(valid_records()))
    site = tmp_path / "site"
    write_site(
        site,
        {
            "index.html": '<a href="events/2024-01-01-attack/">e</a> <a href="places/town/#nowhere">t</a>\n'
            '<a href="missing/">m</a>',
            "events/2024-01-01-attack/index.html": '<a href="#top">top</a><p id="top"></p><a href="../../">home</a>',
            "places/town/index.html": "<p>town</p>",
            "actors/group/index.html": "<p>orphan</p>",
        },
    )
    lines = sorted(str(p) for p in site_problems(index, site))
    assert lines == [
        "content/sources/src.yml:1:1: error: record 'src' has no page in the site (rebuild the site)",
        "site/actors/group/index.html:1:1: error: page is not reachable from the home page "
        "(link it from an index page)",
        "site/index.html:2:43: error: broken link 'places/town/#nowhere': no element with id 'nowhere'",
        "site/index.html:3:1: error: broken link 'missing/': no such file",
    ]


def test_a_former_ids_redirect_is_not_an_orphan_but_its_link_is_checked(make_tree: MakeTree, tmp_path: Path) -> None:
    records = valid_records()
    records["actors/group.yml"] += "former_ids: [old-group, older-group]\n"
    index, _ = load_index(make_tree(records))
    site = tmp_path / "site"
    pages = {f"{kind}/{record_id}/index.html": "<p>page</p>" for kind, record_id in _records(index)}
    links = "".join(f'<a href="{page.removesuffix("index.html")}">x</a>' for page in pages)
    write_site(
        site,
        {
            "index.html": links,
            **pages,
            "actors/old-group/index.html": '<a href="../group/">Group</a>',
            "actors/older-group/index.html": '<a href="../gone/">Group</a>',
            "actors/stray/index.html": "<p>not a redirect</p>",
        },
    )
    assert [str(p) for p in site_problems(index, site)] == [
        "site/actors/older-group/index.html:2:1: error: broken link '../gone/': no such file",
        "site/actors/stray/index.html:1:1: error: page is not reachable from the home page "
        "(link it from an index page)",
    ]


def _records(index: Index) -> list[tuple[str, str]]:
    return [(index.kind(r.id), r.id) for r in index.corpus.records()]


@pytest.mark.parametrize(
    ("markdown", "html", "without"),
    [
        ("index.md", "index.html", "index.html"),
        ("events/x.md", "events/x/index.html", "events/x.html"),
        ("tags/index.md", "tags/index.html", "tags/index.html"),
    ],
)
def test_html_path(markdown: str, html: str, without: str) -> None:
    """Where MkDocs writes a page with directory URLs and without them (use_directory_urls: false)."""
    assert html_path(markdown) == html
    assert html_path(markdown, directory_urls=False) == without


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        _Handler.hits[self.path] = _Handler.hits.get(self.path, 0) + 1
        if self.path == "/live":
            self.send_response(200)
        elif self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/live")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        elif self.path == "/ratelimit":
            self.send_response(429)
        elif self.path == "/flaky" and _Handler.hits[self.path] == 1:
            self.send_response(500)
        elif self.path == "/flaky":
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.hits = {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_online_check_against_a_local_server(server: str, tmp_path: Path) -> None:
    settings = OnlineSettings(workers=3, timeout=0.5, retries=1, backoff=0.01, cache=tmp_path / "cache.json")
    urls = [f"{server}/{p}" for p in ("live", "redirect", "slow", "ratelimit", "dead", "flaky")]
    results = check_online(urls, settings)
    status = {u.rsplit("/", 1)[1]: r.status for u, r in results.items()}
    assert status == {"live": 200, "redirect": 200, "slow": None, "ratelimit": 429, "dead": 404, "flaky": 200}
    assert _Handler.hits["/ratelimit"] == 2  # retried once with back-off
    cached = json.loads((tmp_path / "cache.json").read_text())
    assert set(cached) == set(urls)
    hits_before = dict(_Handler.hits)
    check_online([f"{server}/live"], settings)
    assert _Handler.hits == hits_before  # answered from the cache


def test_online_problems_are_judged(make_tree: MakeTree, server: str) -> None:
    records = {
        **valid_records(),
        "sources/dead.yml": f"id: dead\ntitle: D\nkind: other\nurl: {server}/dead\n",
        "sources/busy.yml": f"id: busy\ntitle: B\nkind: other\nurl: {server}/ratelimit\n",
    }
    index, _ = load_index(make_tree(records))
    settings = OnlineSettings(workers=2, timeout=1, retries=0)
    results = check_online([f"{server}/dead", f"{server}/ratelimit"], settings)
    lines = [str(p) for p in online_problems(index.corpus.sources, results)]
    assert lines == [
        "content/sources/busy.yml:4:6: warning: url of 'busy' was rate-limited (429) (try again later)",
        f"content/sources/dead.yml:4:6: error: url of 'dead' is unreachable: HTTP 404 (look for a snapshot at "
        f"https://web.archive.org/web/*/{server}/dead and add it as archive_url)",
    ]


def test_cli_formats_and_exit_codes(make_tree: MakeTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_tree({**valid_records(), "sources/spare.yml": "id: spare\ntitle: Spare\nkind: other\n"})
    args = ["check", "--content", str(content), "-f", str(site_config(tmp_path)), "--site", str(tmp_path / "s")]
    write_site(tmp_path / "s", {"index.html": "<p>home</p>"})
    assert main(args) == 1  # records have no pages in this site
    out = capsys.readouterr().out
    assert "error: record 'group' has no page in the site" in out
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 5 and data["coverage"]["share"] == 1.0
    assert main([*args, "--format", "github"]) == 1
    assert (
        "::error file=content/actors/group.yml,line=1,col=1::record 'group' has no page in the site"
        in capsys.readouterr().out
    )


def test_report_text_ends_with_coverage(make_tree: MakeTree, tmp_path: Path) -> None:
    report = run_check(paths_for(make_tree(valid_records()), tmp_path / "none"), min_coverage=0)
    text = render_report(report, "text")
    assert text.endswith("citation coverage: 4/4 facts and sentences cited (100.0%)")
    assert "none: error: no built site to check (run: python -m generator build)" in text
    github = render_report(report, "github")
    assert "::error file=none::no built site to check (run: python -m generator build)" in github.splitlines()
    problems = json.loads(render_report(report, "json"))["problems"]
    assert {"path": "none", "line": None, "col": None} | problems[-1] == problems[-1]


def test_a_github_annotation_for_a_whole_file_or_folder_names_no_line(make_tree: MakeTree, tmp_path: Path) -> None:
    report = run_check(paths_for(make_tree(valid_records()), tmp_path / "none"), min_coverage=0)
    assert "::error file=none::no built site to check (run: python -m generator build)" in (
        render_report(report, "github").splitlines()
    )
