"""`new KIND ID`: a commented record to fill in, never overwriting one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from generator.records import schema
from generator.records.vocabulary import DEFAULT, Vocabulary
from generator.tools.json_schema import KIND_FILES, SCHEMA_FOLDER

KINDS = {singular: plural for plural, singular in KIND_FILES.items()}
_SLUG = re.compile(schema.SLUG_PATTERN)
_TERMS = re.compile(r"\{terms:([a-z-]+)\}")
"""A placeholder in a record template for a vocabulary's terms, as the briefing defines them."""
SHOWN_TERMS = 7


class ScaffoldError(ValueError):
    """The record cannot be created; the message says why and what to do."""


def scaffold(
    content: Path, kind: str, record_id: str, templates: Sequence[Path], vocabulary: Vocabulary = DEFAULT
) -> Path:
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
    text = _TERMS.sub(lambda found: terms_hint(vocabulary, found[1]), text)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{record_id}.yml"
    with target.open("x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
        handle.write(text)
    return target


def terms_hint(vocabulary: Vocabulary, name: str) -> str:
    """Some terms of a vocabulary for a comment beside its field: the briefing's own first, then the generator's."""
    terms = vocabulary.of(name)
    if not terms:
        return f"none yet: the briefing defines them under vocabularies: {name}: add: in briefing.yml"
    ordered = sorted(terms, key=lambda term: not terms[term].added)  # stable: each group keeps its order
    shown = ", ".join(ordered[:SHOWN_TERMS])
    return shown if len(ordered) <= SHOWN_TERMS else f"{shown}, … (all: python -m generator schema-doc)"
