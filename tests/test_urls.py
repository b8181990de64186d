"""URL checks: archive snapshot addresses offline; reachability online, with retries, back-off and a cache."""

from __future__ import annotations

import errno
import json
import os
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from generator.checks.archives import WEB_ARCHIVES
from generator.checks.urls import OnlineSettings, UrlResult, check_online, fetch, online_problems, url_problems
from generator.errors import ContentError, Position
from generator.pages.pipeline import load_index
from generator.records import schema
from generator.records.model import Source
from tests.conftest import MakeTree, valid_records


def source(source_id: str, url: str | None = None, archive_url: str | None = None) -> Source:
    return Source(
        source_id,
        "A title",
        "news-report",
        None,
        (),
        None,
        None,
        url,
        archive_url,
        None,
        None,
        None,
        (),
        (),
        Position(f"content/sources/{source_id}.yml"),
    )


SNAPSHOT_HINT = "expected https://web.archive.org/web/<YYYYMMDDhhmmss>/<original url>"
SAVE_HINT = "open it once, then copy the snapshot address: https://web.archive.org/web/<YYYYMMDDhhmmss>/<original url>"
WAYBACK = "is not a snapshot address of the Wayback Machine"
KNOWN = (
    "web.archive.org, archive.today, perma.cc, www.webcitation.org, ghostarchive.org, www.webarchive.org.uk, "
    "arquivo.pt, webarchive.nla.gov.au, webarchive.loc.gov, wayback.archive-it.org"
)


@pytest.mark.parametrize(
    "archive",
    [
        "https://web.archive.org/web/20240124115400/https://example.org/a",
        "http://web.archive.org/web/20240124115400/http://example.org/a?b=c",
        "https://web.archive.org/web/20240124115400id_/https://example.org/a",
        "https://web.archive.org/web/20240124115400if_/https://example.org/a",
        "https://archive.ph/AbC1x",
        "https://archive.today/20240124115400/https://example.org/a",
        "https://archive.is/2024.01.24-115400/https://example.org/a?b=c#d",
        "https://perma.cc/AB12-CD34",
        "https://www.webcitation.org/6ABCdefgh",
        "https://ghostarchive.org/archive/AbCdE",
        "https://www.webarchive.org.uk/wayback/archive/20240124115400/https://example.org/a",
        "https://arquivo.pt/wayback/20240124115400/https://example.org/a",
        "https://webarchive.nla.gov.au/awa/20240124115400/https://example.org/a",
        "https://webarchive.loc.gov/all/20240124115400/https://example.org/a",
        "https://wayback.archive-it.org/1234/20240124115400/https://example.org/a",
    ],
)
def test_a_snapshot_address_passes(archive: str) -> None:
    assert url_problems((source("s", archive_url=archive),)) == []


@pytest.mark.parametrize(
    ("archive", "message", "hint"),
    [
        ("https://web.archive.org/save/https://example.org/a", "is a save request, not a snapshot", SAVE_HINT),
        ("https://web.archive.org/web/2024/https://example.org/a", WAYBACK, SNAPSHOT_HINT),
        ("https://web.archive.org/web/*/https://example.org/a", WAYBACK, SNAPSHOT_HINT),
        ("https://web.archive.org/web/20240124115400/example.org/a", WAYBACK, SNAPSHOT_HINT),
        (
            "https://archive.ph/newest/https://example.org/a",
            "is the newest snapshot whenever it is opened, not a snapshot",
            "open it once, then copy the snapshot address: "
            "https://archive.ph/<id>, or https://archive.ph/<YYYYMMDDhhmmss>/<original url>",
        ),
        (
            "https://archive.ph/submit/?url=https://example.org/a",
            "is a save request, not a snapshot",
            "open it once, then copy the snapshot address: "
            "https://archive.ph/<id>, or https://archive.ph/<YYYYMMDDhhmmss>/<original url>",
        ),
        (
            "https://perma.cc/ab12-cd34",
            "is not a snapshot address of Perma.cc",
            "expected https://perma.cc/<XXXX-XXXX>",
        ),
        (
            "https://arquivo.pt/wayback/2024/https://example.org/a",
            "is not a snapshot address of Arquivo.pt",
            "expected https://arquivo.pt/…/<YYYYMMDDhhmmss>/<original url>",
        ),
        (
            "https://example.org/copy",
            "is not on a web archive the briefing accepts ('example.org')",
            f"use a snapshot on {KNOWN}; or, if 'example.org' is a web archive, add it under web_archives: in "
            "briefing.yml",
        ),
    ],
)
def test_an_archive_url_that_is_no_snapshot_is_an_error(archive: str, message: str, hint: str) -> None:
    assert [str(p) for p in url_problems((source("s", archive_url=archive),))] == [
        f"content/sources/s.yml:1:1: error: archive_url of 's' {message} ({hint})"
    ]


@pytest.mark.parametrize(
    ("archive", "problem"),
    [
        ("https://webarchive.example.gov/wayback/20240124115400/https://example.org/a", None),
        ("https://webarchive.example.gov/collection/20240124115400id_/https://example.org/a?b=c", None),
        (
            "https://webarchive.example.gov/wayback/https://example.org/a",
            "is not a snapshot address of webarchive.example.gov "
            "(expected https://webarchive.example.gov/…/<YYYYMMDDhhmmss>/<original url>)",
        ),
    ],
)
def test_an_archive_the_briefing_adds_is_accepted_in_the_memento_shape(archive: str, problem: str | None) -> None:
    found = [
        p.message + f" ({p.hint})"
        for p in url_problems((source("s", archive_url=archive),), ["webarchive.example.gov"])
    ]
    assert found == ([] if problem is None else [f"archive_url of 's' {problem}"])


def test_the_briefing_lists_its_web_archives_by_host(make_tree: MakeTree) -> None:
    records = valid_records()
    records["sources/src.yml"] += "archive_url: https://webarchive.example.gov/w/20240124115400/https://example.org/a\n"
    briefing = "scope: A briefing.[@src]\nweb_archives:\n  - webarchive.example.gov\n  - https://Other.example.org/\n"
    with pytest.raises(ContentError) as caught:
        load_index(make_tree({**records, "briefing.yml": briefing}))
    assert [str(p) for p in caught.value.problems] == [
        "content/briefing.yml:4:5: error: web_archives[1] 'https://Other.example.org/' is not a host name "
        "(write the archive's host alone, in lower case: 'other.example.org')"
    ]
    index, _ = load_index(
        make_tree({**records, "briefing.yml": briefing.replace("  - https://Other.example.org/\n", "")})
    )
    assert index.corpus.briefing is not None and index.corpus.briefing.web_archives == ("webarchive.example.gov",)


def test_an_archive_url_problem_points_at_the_field(make_tree: MakeTree) -> None:
    records = valid_records()
    records["sources/src.yml"] += "url: https://example.org/a\narchive_url: https://example.org/copy\n"
    index, _ = load_index(make_tree(records))
    assert [str(p.position) for p in url_problems(index.corpus.sources)] == ["content/sources/src.yml:5:14"]


def test_every_source_with_a_bad_archive_url_is_reported() -> None:
    sources = (
        source("a", archive_url="https://web.archive.org/save/https://example.org/a"),
        source("b", url="https://example.org/b"),
        source("c", archive_url="https://example.org/c"),
    )
    assert [(p.position.path, p.message) for p in url_problems(sources)] == [
        ("content/sources/a.yml", "archive_url of 'a' is a save request, not a snapshot"),
        ("content/sources/c.yml", "archive_url of 'c' is not on a web archive the briefing accepts ('example.org')"),
    ]


class _Server(BaseHTTPRequestHandler):
    """Each path answers as its name says; every request is logged with its method and User-Agent."""

    asked: ClassVar[list[tuple[str, str, str]]] = []

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _answer(self, method: str) -> None:
        _Server.asked.append((method, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":
            time.sleep(1.0)
        codes = {
            "/live": 200,
            "/slow": 200,
            "/head-405": 405 if method == "HEAD" else 200,
            "/head-501": 501 if method == "HEAD" else 200,
            "/refuses": 405,
            "/gone": 410,
            "/forbidden": 403,
        }
        self.send_response(codes.get(self.path, 404))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    _Server.asked = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_live_url_is_asked_once_with_head_as_briefing_check(server: str) -> None:
    assert fetch(f"{server}/live", 2) == (200, f"{server}/live")
    assert _Server.asked == [("HEAD", "/live", "briefing-check/0.1")]


@pytest.mark.parametrize("path", ["/head-405", "/head-501"])
def test_a_server_refusing_head_is_asked_with_get(server: str, path: str) -> None:
    assert fetch(f"{server}{path}", 2) == (200, f"{server}{path}")
    assert _Server.asked == [("HEAD", path, "briefing-check/0.1"), ("GET", path, "briefing-check/0.1")]


@pytest.mark.parametrize(
    ("path", "answer", "methods"),
    [
        ("/missing", (404, "Not Found"), ["HEAD"]),
        ("/gone", (410, "Gone"), ["HEAD"]),
        ("/forbidden", (403, "Forbidden"), ["HEAD"]),
        ("/refuses", (405, "Method Not Allowed"), ["HEAD", "GET"]),
    ],
)
def test_an_error_answer_is_kept_with_the_servers_reason(
    server: str, path: str, answer: tuple[int, str], methods: list[str]
) -> None:
    assert fetch(f"{server}{path}", 2) == answer
    assert [method for method, _, _ in _Server.asked] == methods


def test_no_answer_in_time_is_a_timeout(server: str) -> None:
    assert fetch(f"{server}/slow", 0.3) == (None, "timed out")


def test_a_refused_connection_says_so() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = f"[Errno {errno.ECONNREFUSED}] {os.strerror(errno.ECONNREFUSED)}"
    assert fetch(f"http://127.0.0.1:{port}/", 2) == (None, refused)


class FakeWeb:
    """Answers each URL from a script of statuses (the last repeats), counting the requests."""

    def __init__(self, script: dict[str, list[int | None]]) -> None:
        self.script = script
        self.asked: list[str] = []

    def __call__(self, url: str, timeout: float) -> tuple[int | None, str]:
        answers = self.script[url]
        status = answers[min(self.asked.count(url), len(answers) - 1)]
        self.asked.append(url)
        return status, f"answer {status}"


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("generator.checks.urls.time.sleep", slept.append)
    return slept


@pytest.mark.parametrize(
    ("answers", "status", "tries"),
    [
        ([429], 429, 4),
        ([503], 503, 4),
        ([500], 500, 4),
        ([502], 502, 4),
        ([None], None, 4),
        ([503, 429, 200], 200, 3),
        ([500, 404], 404, 2),
        ([404], 404, 1),
        ([410], 410, 1),
        ([403], 403, 1),
        ([200], 200, 1),
    ],
)
def test_rate_limits_server_errors_and_silence_are_asked_again(
    sleeps: list[float], answers: list[int | None], status: int | None, tries: int
) -> None:
    web = FakeWeb({"https://example.org/a": answers})
    results = check_online(["https://example.org/a"], OnlineSettings(retries=3, backoff=0.5), web)
    assert results["https://example.org/a"].status == status
    assert len(web.asked) == tries
    assert sleeps == [0.5, 1.0, 2.0][: tries - 1]


def test_each_url_is_asked_once_and_answered_in_order(sleeps: list[float]) -> None:
    web = FakeWeb({"https://example.org/b": [200], "https://example.org/a": [404]})
    urls = ["https://example.org/b", "https://example.org/a", "https://example.org/b"]
    results = check_online(urls, OnlineSettings(retries=0), web)
    assert [(u, r.status, r.detail) for u, r in results.items()] == [
        ("https://example.org/a", 404, "answer 404"),
        ("https://example.org/b", 200, "answer 200"),
    ]
    assert sorted(web.asked) == ["https://example.org/a", "https://example.org/b"]
    assert sleeps == []


@pytest.mark.parametrize(("workers", "at_most"), [(0, 1), (1, 1), (3, 3)])
def test_no_more_requests_are_in_flight_than_workers(workers: int, at_most: int) -> None:
    lock = threading.Lock()
    in_flight = [0]
    peak = [0]

    def slow(url: str, timeout: float) -> tuple[int | None, str]:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.1)
        with lock:
            in_flight[0] -= 1
        return 200, url

    urls = [f"https://example.org/{i}" for i in range(8)]
    assert len(check_online(urls, OnlineSettings(workers=workers, retries=0), slow)) == 8
    assert peak[0] == at_most


NOW = 1_700_000_000.0
DAY = 24 * 3600.0


def write_cache(path: Path, entries: dict[str, tuple[int | None, float]]) -> None:
    data = {u: {"status": s, "detail": "cached", "checked_at": NOW - age} for u, (s, age) in entries.items()}
    path.write_text(json.dumps(data), encoding="utf-8")


def test_cached_answers_are_used_until_they_expire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.checks.urls.time.time", lambda: NOW)
    cache = tmp_path / "urls.json"
    write_cache(
        cache,
        {
            "https://example.org/fresh": (200, DAY - 1),
            "https://example.org/old": (200, DAY),
            "https://example.org/older": (404, 2 * DAY),
            "https://example.org/unanswered": (None, 1),
        },
    )
    web = FakeWeb({u: [200] for u in ("https://example.org/old", "https://example.org/older")})
    web.script["https://example.org/unanswered"] = [200]
    settings = OnlineSettings(retries=0, cache=cache, max_age=DAY)
    results = check_online(sorted(json.loads(cache.read_text())), settings, web)
    assert {u: r.detail for u, r in results.items()} == {
        "https://example.org/fresh": "cached",
        "https://example.org/old": "answer 200",
        "https://example.org/older": "answer 200",
        "https://example.org/unanswered": "answer 200",
    }
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved["https://example.org/old"] == {"status": 200, "detail": "answer 200", "checked_at": NOW}


def test_the_cache_is_written_where_asked_even_in_new_folders(tmp_path: Path) -> None:
    cache = tmp_path / ".cache" / "briefing" / "urls.json"
    check_online(
        ["https://example.org/a"], OnlineSettings(retries=0, cache=cache), FakeWeb({"https://example.org/a": [200]})
    )
    assert list(json.loads(cache.read_text(encoding="utf-8"))) == ["https://example.org/a"]


def test_a_damaged_cache_is_checked_again(tmp_path: Path) -> None:
    cache = tmp_path / "urls.json"
    cache.write_text('{"https://example.org/a": {"status": 200}}', encoding="utf-8")
    web = FakeWeb({"https://example.org/a": [200]})
    check_online(["https://example.org/a"], OnlineSettings(retries=0, cache=cache), web)
    assert web.asked == ["https://example.org/a"]


def judged(found: Mapping[str, tuple[int | None, str]], *sources: Source) -> list[str]:
    results = {u: UrlResult(u, status, detail, NOW) for u, (status, detail) in found.items()}
    return [str(p) for p in online_problems(sources, results)]


@pytest.mark.parametrize("status", [200, 204, 301, 399])
def test_an_answer_below_400_is_fine(status: int) -> None:
    assert judged({"https://example.org/a": (status, "")}, source("s", url="https://example.org/a")) == []


LOOK = "look for a snapshot at https://web.archive.org/web/*/https://example.org/a and add it as archive_url"


@pytest.mark.parametrize(
    ("status", "detail", "line"),
    [
        (404, "Not Found", f"error: url of 's' is unreachable: HTTP 404 ({LOOK})"),
        (410, "Gone", f"error: url of 's' is unreachable: HTTP 410 ({LOOK})"),
        (None, "timed out", f"error: url of 's' is unreachable: timed out ({LOOK})"),
        (400, "Bad Request", f"warning: url of 's' is unreachable: HTTP 400 ({LOOK})"),
        (403, "Forbidden", f"warning: url of 's' is unreachable: HTTP 403 ({LOOK})"),
        (500, "Internal Server Error", f"warning: url of 's' is unreachable: HTTP 500 ({LOOK})"),
        (429, "Too Many Requests", "warning: url of 's' was rate-limited (429) (try again later)"),
        (503, "Service Unavailable", "warning: url of 's' was rate-limited (503) (try again later)"),
    ],
)
def test_dead_urls_are_errors_and_doubtful_ones_warnings(status: int | None, detail: str, line: str) -> None:
    found = judged({"https://example.org/a": (status, detail)}, source("s", url="https://example.org/a"))
    assert found == [f"content/sources/s.yml:1:1: {line}"]


def test_a_dead_url_with_an_archived_copy_points_at_the_copy() -> None:
    archive = "https://web.archive.org/web/20240124115400/https://example.org/a"
    found = {"https://example.org/a": (404, "Not Found"), archive: (404, "Not Found")}
    assert judged(found, source("s", url="https://example.org/a", archive_url=archive)) == [
        f"content/sources/s.yml:1:1: error: url of 's' is unreachable: HTTP 404 (the archived copy is {archive})",
        "content/sources/s.yml:1:1: error: archive_url of 's' is unreachable: HTTP 404 (look for a snapshot at "
        f"https://web.archive.org/web/*/{archive} and add it as archive_url)",
    ]


def test_only_urls_with_an_answer_are_judged() -> None:
    found = {"https://example.org/a": (404, "Not Found")}
    sources = (source("s", url="https://example.org/b"), source("t"), source("u", url="https://example.org/a"))
    assert judged(found, *sources) == [
        f"content/sources/u.yml:1:1: error: url of 'u' is unreachable: HTTP 404 ({LOOK})"
    ]


def test_the_briefing_field_names_every_archive_accepted_without_it() -> None:
    """Editors read which archives need no web_archives entry in the schema reference and their completion help."""
    doc = next(field.doc for field in schema.BRIEFING if field.name == "web_archives")
    assert [archive.hosts[0] for archive in WEB_ARCHIVES if archive.hosts[0].removeprefix("www.") not in doc] == [
        "www.webarchive.org.uk",  # named as "the UK … web archives"
        "arquivo.pt",  # "Portuguese"
        "webarchive.nla.gov.au",  # "Australian"
        "webarchive.loc.gov",  # "Library of Congress"
        "wayback.archive-it.org",  # "Archive-It"
    ]
