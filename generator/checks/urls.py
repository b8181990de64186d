"""External URLs: well-formed offline; reachable with the opt-in online check.

The offline checks keep CI deterministic. The online check asks each URL
once, with a bounded number of requests in flight, a timeout, retries with
exponential back-off, and a cache with an expiry so repeated runs are cheap.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.checks.archives import snapshot_problem
from generator.errors import Problem, Severity
from generator.records.model import Source

RATE_LIMITED = {429, 503}
DEAD = {404, 410}


def url_problems(sources: tuple[Source, ...], web_archives: Iterable[str] = ()) -> list[Problem]:
    """Offline checks: http(s) only (validated already), and archive URLs that are snapshot addresses
    of a known web archive or of one the briefing lists (`web_archives`)."""
    problems = []
    for source in sources:
        wrong = snapshot_problem(source.archive_url, web_archives) if source.archive_url else None
        if wrong is not None:
            where = source.field_positions.get("archive_url", source.position)
            problems.append(Problem(where, "error", f"archive_url of '{source.id}' {wrong[0]}", wrong[1]))
    return problems


@dataclass(frozen=True)
class UrlResult:
    url: str
    status: int | None  # HTTP status, or None when no answer came
    detail: str
    checked_at: float


@dataclass(frozen=True)
class OnlineSettings:
    workers: int = 4
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    cache: Path | None = None
    max_age: float = 7 * 24 * 3600


Fetch = Callable[[str, float], tuple[int | None, str]]


def fetch(url: str, timeout: float) -> tuple[int | None, str]:
    """HEAD first (cheap), GET when a server refuses HEAD; redirects are followed."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "briefing-check/0.1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return int(response.status), response.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code in (405, 501) and method == "HEAD":
                continue
            return exc.code, str(exc.reason)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, str(reason)
    return None, "no answer"


def check_online(urls: list[str], settings: OnlineSettings, get: Fetch = fetch) -> dict[str, UrlResult]:
    """Check each distinct URL, from the cache when fresh; save the cache afterwards."""
    cache = _load_cache(settings)
    now = time.time()
    fresh = {u: r for u, r in cache.items() if now - r.checked_at < settings.max_age and r.status is not None}
    todo = sorted({u for u in urls if u not in fresh})
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        results = dict(zip(todo, pool.map(lambda u: _with_retries(u, settings, get), todo), strict=True))
    merged = {**cache, **results}
    _save_cache(settings, merged)
    return {u: merged[u] for u in sorted(set(urls))}


def _with_retries(url: str, settings: OnlineSettings, get: Fetch) -> UrlResult:
    status, detail = get(url, settings.timeout)
    for attempt in range(settings.retries):
        if status is not None and status < 500 and status not in RATE_LIMITED:
            break
        time.sleep(settings.backoff * (2**attempt))
        status, detail = get(url, settings.timeout)
    return UrlResult(url, status, detail, time.time())


def online_problems(sources: tuple[Source, ...], results: dict[str, UrlResult]) -> list[Problem]:
    problems = []
    for source in sources:
        for field in ("url", "archive_url"):
            url = getattr(source, field)
            if url and url in results:
                problems += _judge(source, field, results[url])
    return problems


def _judge(source: Source, field: str, result: UrlResult) -> list[Problem]:
    status = result.status
    if status is not None and 200 <= status < 400:
        return []
    where = source.field_positions.get(field, source.position)
    if status in RATE_LIMITED:
        return [Problem(where, "warning", f"{field} of '{source.id}' was rate-limited ({status})", "try again later")]
    if source.archive_url and field == "url":
        hint = f"the archived copy is {source.archive_url}"
    else:
        hint = f"look for a snapshot at https://web.archive.org/web/*/{result.url} and add it as archive_url"
    what = f"HTTP {status}" if status is not None else result.detail
    severity: Severity = "error" if status in DEAD or status is None else "warning"
    return [Problem(where, severity, f"{field} of '{source.id}' is unreachable: {what}", hint)]


def _load_cache(settings: OnlineSettings) -> dict[str, UrlResult]:
    if settings.cache is None or not settings.cache.exists():
        return {}
    try:
        raw = json.loads(settings.cache.read_text(encoding="utf-8"))
        return {u: UrlResult(u, r["status"], r["detail"], float(r["checked_at"])) for u, r in raw.items()}
    except (ValueError, KeyError, TypeError):
        return {}  # a damaged cache is only a cache: check again


def _save_cache(settings: OnlineSettings, results: dict[str, UrlResult]) -> None:
    if settings.cache is None:
        return
    settings.cache.parent.mkdir(parents=True, exist_ok=True)
    data = {u: {"status": r.status, "detail": r.detail, "checked_at": r.checked_at} for u, r in sorted(results.items())}
    settings.cache.write_text(json.dumps(data, indent=1), encoding="utf-8")
