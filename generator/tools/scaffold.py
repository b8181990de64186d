"""`new KIND ID`: a commented record to fill in, never overwriting one."""

from __future__ import annotations

import re
from pathlib import Path

from generator.records import schema
from generator.tools.json_schema import KIND_FILES, SCHEMA_FOLDER

KINDS = {singular: plural for plural, singular in KIND_FILES.items()}
_SLUG = re.compile(schema.SLUG_PATTERN)


class ScaffoldError(ValueError):
    """The record cannot be created; the message says why and what to do."""


def scaffold(content: Path, kind: str, record_id: str, templates: Path) -> Path:
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
    if not _SLUG.match(record_id):
        raise ScaffoldError(
            f"'{record_id}' is not a lowercase slug (use letters, digits and single hyphens, "
            f"e.g. '{'-'.join(re.findall(r'[a-z0-9]+', record_id.lower())) or 'my-record'}')"
        )
    folder = content / KINDS[kind]
    existing = sorted(content.glob(f"*/{record_id}.yml"))
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists; ids are unique across kinds, pick another")
    template = (templates / "new" / f"{kind}.yml").read_text(encoding="utf-8")
    schema_path = Path("..", "..", SCHEMA_FOLDER, f"{kind}.schema.json").as_posix()
    text = template.replace("{id}", record_id).replace("{schema}", schema_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{record_id}.yml"
    with target.open("x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
        handle.write(text)
    return target
