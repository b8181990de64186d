"""When each record's page first appeared and last changed, and the briefing's build date: from git.

Read at the edge, once a run: one `git log` over the content folder gives every
record file's first and last commit days. Never the wall clock, so two builds of
one commit are byte-identical. Outside a git repository (or without git) there
is no history, and the records' own `published`/`updated` fields are used.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

GIT_TIMEOUT = 60


@dataclass(frozen=True)
class Revision:
    """The days (UTC) a record's page was first published and last updated."""

    published: date
    updated: date


def _git(content: Path, *args: str) -> str | None:
    """git's output run in the content folder, or None where there is no git or no repository."""
    try:
        done = subprocess.run(
            ["git", "-C", str(content), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _day(epoch: str) -> date:
    return datetime.fromtimestamp(int(epoch), UTC).date()


def git_revisions(content: Path) -> dict[str, Revision]:
    """Each committed file's path (relative to the content folder) → its first and last commit days.

    A renamed file starts afresh at its rename (git follows renames one file at a time only,
    which would cost a process per record); a shallow clone knows only the commits it has.
    """
    log = _git(content, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", ".")
    if log is None:
        return {}
    days: dict[str, list[date]] = {}
    for commit in log.split("\0")[1:]:
        epoch, *files = commit.strip().splitlines()
        for name in filter(None, files):
            days.setdefault(name, []).append(_day(epoch))
    return {name: Revision(min(seen), max(seen)) for name, seen in sorted(days.items())}


def git_head(content: Path) -> str | None:
    """The commit checked out, which the history depends on (edits not yet committed change nothing in it)."""
    head = _git(content, "rev-parse", "HEAD")
    return head.strip() if head else None


@dataclass(frozen=True)
class History:
    """What git says of a content folder at one commit, under one SOURCE_DATE_EPOCH."""

    key: tuple[str | None, str]
    revisions: dict[str, Revision]
    built: date | None


def read_history(content: Path, environ: Mapping[str, str], last: History | None = None) -> History:
    """The revisions and build date; `last` is reused while the commit and SOURCE_DATE_EPOCH are the same.

    The live preview asks on every save: a `git rev-parse` is a few milliseconds, a full
    `git log` grows with the history.
    """
    key = (git_head(content), environ.get("SOURCE_DATE_EPOCH", ""))
    if last is not None and last.key == key:
        return last
    revisions = git_revisions(content) if key[0] is not None else {}
    return History(key, revisions, build_date(content, environ))


def build_date(content: Path, environ: Mapping[str, str]) -> date | None:
    """SOURCE_DATE_EPOCH's day (the reproducible-builds convention), else the content folder's last commit day."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(epoch)
    last = _git(content, "log", "-1", "--format=%ct", "--", ".")
    return _day(last.strip()) if last and last.strip() else None
