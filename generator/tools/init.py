"""`init DIR`: a new briefing that builds strict on the first try, for any subject.

It writes the settings MkDocs reads (mkdocs.yml, with everything the generated
pages need), a content folder with one valid example record of each kind and an
about page, the editors' JSON Schemas where the records' `$schema` lines point, a
.gitignore, a pre-commit hook and a CI workflow that builds, checks and
publishes. The files come from the generator's `init/` templates; the hook and
the workflow install the generator the way it was installed here.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from generator.config import package_templates
from generator.records.vocabulary import load_vocabulary
from generator.tools.json_schema import schema_files

DISTRIBUTION = "briefing-generator"


class InitError(ValueError):
    """The briefing cannot be created there; the message says why and what to do."""


def init_briefing(folder: Path, title: str, description: str | None = None) -> list[Path]:
    """Write a new briefing into `folder` (absent or empty); return the files written, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} is not an empty folder; choose a new one (init never overwrites)")
    template = package_templates() / "init"
    spec, note = generator_requirement()
    values = {
        "{title}": json.dumps(title, ensure_ascii=False),
        "{title_text}": title,
        "{description}": json.dumps(description or f"{title}: every statement cited.", ensure_ascii=False),
        "{generator}": spec,
        "{generator_note}": note,
    }
    files = {
        path.relative_to(template).as_posix(): _filled(path.read_text(encoding="utf-8"), values)
        for path in sorted(template.rglob("*"))
        if path.is_file()
    }
    written = _write(folder, files)
    # The schemas as `json-schema` writes them: from the vocabulary of the briefing.yml just written.
    return written + _write(folder, schema_files(load_vocabulary(folder / "content")))


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for relative, text in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
            handle.write(text)
        written.append(target)
    return written


def next_steps(folder: str, program: str) -> list[str]:
    """What to run next, in the new briefing's folder, as the editor invoked the generator."""
    return [
        "next:",
        f"  cd {folder}",
        f"  {program} validate      # every record checked, each problem at its file:line",
        f"  {program} serve         # live preview at http://127.0.0.1:8000",
        f"  {program} new event <id>   # then replace the example records with your own",
        f"  {program} build && {program} check --strict   # what CI runs",
    ]


def _filled(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def generator_requirement() -> tuple[str, str]:
    """How pre-commit and CI should install this generator, and a note on it for the workflow.

    Read from the installed distribution's record of where it came from (PEP 610):
    a git checkout or archive is named by its URL, an index release by its version;
    a local folder cannot be reached from CI, so its note says to replace it.
    """
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return DISTRIBUTION, "not installed as a package here: name where CI can install it from"
    origin = json.loads(distribution.read_text("direct_url.json") or "null")
    if origin is None:
        return f"{DISTRIBUTION}=={distribution.version}", "the release this briefing was started with"
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info")
    if vcs:
        return f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}", "the commit in use here"
    if url.startswith("file://"):
        return (
            DISTRIBUTION,
            f"installed here from a local folder ({url}): replace with a git URL or a release CI can reach",
        )
    return f"{DISTRIBUTION} @ {url}", "the archive in use here"
