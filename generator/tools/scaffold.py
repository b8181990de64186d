"""`new KIND ID`: a commented record to fill in, never overwriting one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from generator.records import schema
from generator.tools.json_schema import KIND_FILES, SCHEMA_FOLDER

KINDS = {singular: plural for plural, singular in KIND_FILES.items()}
_SLUG = re.compile(schema.SLUG_PATTERN)


class ScaffoldError(ValueError):
    """The record cannot be created; the message says why and what to do."""


def scaffold(content: Path, kind: str, record_id: str, templates: Sequence[Path]) -> Path:
    """Write content/<kind>s/<id>.yml from the first `new/<kind>.yml` found in the template folders."""
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
    found = [folder / "new" / f"{kind}.yml" for folder in templates if (folder / "new" / f"{kind}.yml").is_file()]
    if not found:
        raise ScaffoldError(f"no record template new/{kind}.yml in {', '.join(str(f) for f in templates)}")
    template = found[0].read_text(encoding="utf-8")
    schema_path = Path("..", "..", SCHEMA_FOLDER, f"{kind}.schema.json").as_posix()
    text = template.replace("{id}", record_id).replace("{schema}", schema_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{record_id}.yml"
    with target.open("x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
        handle.write(text)
    return target
