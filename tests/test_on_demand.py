"""The on-demand preview: MkDocs renders a page when it is asked for, the server reloads open pages."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

import pytest

from generator.config import resolve_paths
from generator.pages.pipeline import generate
from generator.site.dev_server import CHANGES_PATH, Changes, make_server
from generator.site.on_demand import OnDemandSite
from generator.site.serve import serve
from tests.conftest import FIXTURE, ROOT, MakeTree, shipped_config_text, valid_records

EVENT = "events/2024-01-20-attack-on-base-b"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    shutil.copytree(FIXTURE, tmp_path / "content")
    config = shipped_config_text().replace("  - Method: method.md\n", "")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    generate(tmp_path / "content", ROOT / "site_templates", tmp_path / "build" / "docs")
    return tmp_path


@pytest.fixture
def site(project: Path, tmp_path: Path) -> OnDemandSite:
    return OnDemandSite(project / "mkdocs.yml", tmp_path / "preview")


def test_request_paths_map_to_their_pages(site: OnDemandSite) -> None:
    def source(path: str) -> str | None:
        file = site.page_for(path)
        return None if file is None else file.src_uri

    assert source("/") == "index.md"
    assert source(f"/{EVENT}/") == f"{EVENT}.md"
    assert source(f"/{EVENT}/index.html") == f"{EVENT}.md"
    assert source(f"/{EVENT}") == f"{EVENT}.md"  # a folder until rendered; the server then adds the slash
    assert source("/events/no-such-event/") is None
    assert source("/assets/briefing.css") is None
    assert source("/../mkdocs.yml") is None


def test_a_page_is_rendered_again_only_when_its_markdown_changed(site: OnDemandSite, project: Path) -> None:
    page = site.root / EVENT / "index.html"
    site.prepare(f"/{EVENT}/")
    assert "Missile attack on Base B" in page.read_text(encoding="utf-8")
    page.unlink()
    site.prepare(f"/{EVENT}/")
    assert not page.exists(), "an unchanged page was rendered again"
    docs = project / "build" / "docs"
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    edited = before[f"{EVENT}.md"] + b"\nAn added line.\n"
    (docs / f"{EVENT}.md").write_bytes(edited)
    site.follow(before, {**before, f"{EVENT}.md": edited})  # the generator reports what it wrote
    site.prepare(f"/{EVENT}/")
    assert "An added line." in page.read_text(encoding="utf-8")


def test_follow_gathers_again_only_when_pages_or_assets_changed(site: OnDemandSite, project: Path) -> None:
    docs = project / "build" / "docs"
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    gathered = site.by_dest
    site.follow(before, {**before, f"{EVENT}.md": b"# Changed\n"})
    assert site.by_dest is gathered  # a changed page is noticed when it is asked for
    (docs / "extra.md").write_text("# Extra\n", encoding="utf-8")
    site.follow(before, {**before, "extra.md": b"# Extra\n"})
    assert site.page_for("/extra/") is not None
    site.prepare(f"/{EVENT}/")
    (docs / f"{EVENT}.md").unlink()
    site.follow({**before, "extra.md": b"# Extra\n"}, {k: v for k, v in before.items() if k != f"{EVENT}.md"})
    assert site.page_for(f"/{EVENT}/") is None
    assert not (site.root / EVENT / "index.html").exists(), "a removed page would still be served"
    css = docs / "assets" / "briefing.css"
    css.write_text("/* changed */\n", encoding="utf-8")
    site.follow(before, {**before, "assets/briefing.css": b"/* changed */\n"})  # same pages, new CSS
    assert (site.root / "assets" / "briefing.css").read_text(encoding="utf-8") == "/* changed */\n"


def test_a_changed_download_is_copied_over_without_gathering_again(site: OnDemandSite, project: Path) -> None:
    docs = project / "build" / "docs"
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert (site.root / "data" / "events.csv").read_bytes() == before["data/events.csv"]
    gathered = site.by_dest
    (docs / "data" / "events.csv").write_bytes(b"id\r\nchanged\r\n")
    site.follow(before, {**before, "data/events.csv": b"id\r\nchanged\r\n"})
    assert site.by_dest is gathered
    assert (site.root / "data" / "events.csv").read_bytes() == b"id\r\nchanged\r\n"


class Served(NamedTuple):
    connection: http.client.HTTPConnection
    changes: Changes
    errors: list[str]


@pytest.fixture
def server(site: OnDemandSite, tmp_path: Path) -> Iterator[Served]:
    built = tmp_path / "built"
    (built / "search").mkdir(parents=True)
    (built / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    changes, errors = Changes(), list[str]()
    httpd = make_server(site, changes, ("127.0.0.1", 0), built, errors.append)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Served(http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=30), changes, errors)
    httpd.shutdown()
    httpd.server_close()


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, dict[str, str], str]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8")


def test_a_page_is_served_with_the_reload_script(server: Served) -> None:
    connection, changes, _ = server
    status, headers, body = fetch(connection, f"/{EVENT}/")
    assert status == 200
    assert headers["cache-control"] == "no-store"
    assert int(headers["content-length"]) == len(body.encode("utf-8"))
    assert "Missile attack on Base B" in body
    assert body.index(f"var seen = {changes.version};") < body.rindex("</body>")
    status, headers, _ = fetch(connection, f"/{EVENT}")
    assert (status, headers["location"]) == (301, f"/{EVENT}/")
    status, headers, _ = fetch(connection, "/assets/briefing.css")
    assert (status, headers["content-type"]) == (200, "text/css")


def test_changes_are_waited_for_and_answered_at_once_when_behind(
    server: Served,
) -> None:
    connection, changes, _ = server
    first = changes.version
    assert fetch(connection, f"{CHANGES_PATH}?since=1")[2] == str(first)
    assert fetch(connection, f"{CHANGES_PATH}?since=not-a-number")[2] == str(first)
    threading.Timer(0.2, changes.bump).start()
    started = time.perf_counter()
    assert fetch(connection, f"{CHANGES_PATH}?since={first}")[2] == str(first + 1)
    assert 0.1 < time.perf_counter() - started < 10


def test_search_comes_from_the_last_build_and_missing_pages_get_the_theme_404(
    server: Served,
) -> None:
    connection, _, errors = server
    assert fetch(connection, "/search/search_index.json")[:3:2] == (200, '{"docs": []}')
    status, _, body = fetch(connection, "/events/no-such-event/")
    assert status == 404
    assert "404 - Not found" in body
    assert "var seen = " in body  # reloads when the page is made
    status, _, body = fetch(connection, "/../../mkdocs.yml")
    assert status == 404
    assert "site_name" not in body
    assert errors == []  # a missing page is the reader's 404, not an error line in the editor's terminal


def test_a_page_mkdocs_cannot_render_is_a_500_and_the_server_goes_on(
    server: Served, site: OnDemandSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection, _, errors = server

    def broken(path: str) -> None:
        raise ValueError("<b>bad</b> extension")

    monkeypatch.setattr(site, "prepare", broken)
    status, _, body = fetch(connection, f"/{EVENT}/")
    assert status == 500
    assert "MkDocs could not render this page: &lt;b&gt;bad&lt;/b&gt; extension" in body
    assert errors == ["preview: code 500, message MkDocs could not render this page: <b>bad</b> extension"]
    monkeypatch.undo()
    assert fetch(connection, f"/{EVENT}/")[0] == 200


def read_until(stream: IO[str], text: str) -> str:
    """The first printed line holding `text` (an empty string if the process ended first)."""
    while (line := stream.readline()) and text not in line:
        pass
    return line


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.e2e
def test_serve_shows_a_saved_edit_and_keeps_serving_after_a_bad_one(project: Path, tmp_path: Path) -> None:
    port, temporary = free_port(), tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    command += ["--templates", str(ROOT / "site_templates")]
    process = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        assert lines[1] == f"serving on http://127.0.0.1:{port}/ ; pages are rendered when opened\n", lines
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        seen = re.search(r"var seen = (\d+);", fetch(connection, f"/{EVENT}/")[2])
        assert seen is not None
        record = project / "content" / f"{EVENT}.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
        now = fetch(connection, f"{CHANGES_PATH}?since={seen[1]}")[2]
        assert now != seen[1]
        assert "Edited Missile attack on Base B" in fetch(connection, f"/{EVENT}/")[2]
        assert "regenerated" in read_until(process.stdout, "regenerated")
        record.write_text(record.read_text(encoding="utf-8").replace("date: ", "date: not-a-date ", 1), "utf-8")
        assert f"content/{EVENT}.yml:3:7: error: " in read_until(process.stdout, ": error: ")
        assert "Edited Missile attack on Base B" in fetch(connection, f"/{EVENT}/")[2]
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0
        process.stdout.close()
    assert [p.name for p in temporary.iterdir()] == [], "the rendered pages were left behind"


@pytest.fixture
def no_sigterm_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.site.serve._stop_on_sigterm", lambda: None)  # keep pytest's own handling


def test_a_bad_address_is_a_clear_error(
    project: Path, no_sigterm_handler: None, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = resolve_paths(project / "mkdocs.yml", templates=ROOT / "site_templates")
    assert serve(paths, "ondemand", "127.0.0.1:eighty") == 1
    assert capsys.readouterr().err == (
        "error: the preview could not start: invalid literal for int() with base 10: 'eighty' "
        "(check mkdocs.yml and --dev-addr HOST:PORT)\n"
    )


def test_content_errors_before_any_page_exist_are_a_clear_error(
    make_tree: MakeTree, no_sigterm_handler: None, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_tree({**valid_records(), "actors/group.yml": "id: group\n"})
    (content.parent / "mkdocs.yml").write_text("docs_dir: docs\n", encoding="utf-8")
    paths = resolve_paths(content.parent / "mkdocs.yml", templates=ROOT / "site_templates")
    assert serve(paths, "ondemand", "127.0.0.1:0") == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("content/actors/group.yml:1:1: error: missing required field 'kind'")
    assert captured.err == "error: no pages to preview yet: fix the errors above, then start the preview again\n"
