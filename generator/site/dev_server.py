"""The on-demand preview's web server: render the asked-for page, serve it, reload open pages on change.

A page is rendered (if its Markdown changed) just before it is served, and
every HTML page carries a short script that waits on `/.preview/changes`
and reloads when the generator has written something. Search files that
the preview does not make (`search/`, `pagefind/`) come from the last full
build, if there is one.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, unquote, urlsplit

from generator.site.on_demand import OnDemandSite

CHANGES_PATH = "/.preview/changes"
WAIT_SECONDS = 30.0
"""How long a page's request for changes is held open before it asks again."""
BUILT_ONLY = ("search", "pagefind")
"""Top folders the preview never renders: served from the last full build."""

_SCRIPT = """<script>
(function () {
  var seen = %d;
  function wait() {
    fetch("%s?since=" + seen, {cache: "no-store"})
      .then(function (response) { return response.text(); })
      .then(function (now) { if (Number(now) !== seen) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
</script>
"""


class Changes:
    """A version number that open pages wait on; it moves when the generator has written pages."""

    def __init__(self) -> None:
        # Starting from the clock, a restarted preview never repeats a version a page has seen.
        self.version = time.time_ns() // 1_000_000
        self.moved = threading.Condition()

    def bump(self) -> None:
        with self.moved:
            self.version += 1
            self.moved.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        with self.moved:
            self.moved.wait_for(lambda: self.version != seen, timeout)
            return self.version


class PreviewHandler(SimpleHTTPRequestHandler):
    site: OnDemandSite
    changes: Changes
    built: Path
    report: Callable[[str], None]  # where error lines go: the preview prints them, this module does not

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == CHANGES_PATH:
            self._send_changes(parts.query)
            return
        try:
            self.site.prepare(unquote(parts.path))
        except Exception as exc:  # a page MkDocs cannot render must not stop the preview (send_error logs it)
            self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, f"MkDocs could not render this page: {exc}")
            return
        super().do_GET()

    def _send_changes(self, query: str) -> None:
        try:
            seen = int(parse_qs(query).get("since", ["0"])[0])
        except ValueError:
            seen = 0
        body = str(self.changes.wait_past(seen, WAIT_SECONDS)).encode()
        self._send(HTTPStatus.OK, "text/plain", body)

    def translate_path(self, path: str) -> str:
        local = Path(super().translate_path(path))
        top = unquote(urlsplit(path).path).lstrip("/").split("/", 1)[0]
        if top in BUILT_ONLY and not local.exists():
            return str(self.built / local.relative_to(self.directory))
        return str(local)

    def send_head(self) -> BinaryIO | io.BytesIO | None:
        local = Path(self.translate_path(self.path))
        if local.is_dir() and urlsplit(self.path).path.endswith("/"):
            local = local / "index.html"
        if local.suffix != ".html" or not local.is_file():
            return super().send_head()
        body = _with_script(local.read_bytes(), self.changes.version)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, send_body=False)
        return io.BytesIO(body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, *, send_body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        missing = Path(self.directory, "404.html")
        if code == HTTPStatus.NOT_FOUND and missing.is_file():
            # The theme's own page, as the built site has it; it reloads too, so a page
            # opened before its record was saved appears when it is.
            body = _with_script(missing.read_bytes(), self.changes.version)
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, send_body=self.command != "HEAD")
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        """Only errors are worth a line in the editor's terminal, not every request."""

    def log_error(self, format: str, *args: object) -> None:
        self.report(f"preview: {format % args}")


def _with_script(page: bytes, version: int) -> bytes:
    script = (_SCRIPT % (version, CHANGES_PATH)).encode()
    end = page.rfind(b"</body>")
    return page + script if end < 0 else page[:end] + script + page[end:]


def make_server(
    site: OnDemandSite, changes: Changes, address: tuple[str, int], built: Path, report: Callable[[str], None]
) -> ThreadingHTTPServer:
    fields = {"site": site, "changes": changes, "built": built, "report": staticmethod(report)}
    handler = type("Handler", (PreviewHandler,), fields)
    server = ThreadingHTTPServer(address, partial(handler, directory=str(site.root)))
    server.daemon_threads = True  # a page's held-open wait for changes must not keep the preview from stopping
    return server
