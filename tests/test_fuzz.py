"""Fuzz properties (issue 18): nothing the content folder can hold gives anything but problems or pages.

Random bytes as a record or a page, random YAML documents as records of every kind, a random value in
any field (nested ones too) of any record of a briefing with every field filled in, and random page
Markdown: load → validate → index → render either raises `ContentError` or gives the Markdown tree,
never another exception. MkDocs is left out (its own input is the generator's output, built by the
end-to-end tests); examples are few and fixed (conftest's profile), so the suite stays quick, and the
weekly `HYPOTHESIS_PROFILE=explore` job tries many more.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from generator.records import schema
from tests.conftest import ROOT, TEMPLATES, site_config, valid_records

BASE = ROOT / "tests" / "hostile" / "base"
KINDS = sorted(schema.RECORDS)
EXAMPLES = 30 if os.environ.get("HYPOTHESIS_PROFILE", "fixed") == "fixed" else settings.default.max_examples
"""Few in the suite, each a whole load and render; the explore profile's many otherwise."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKUP = "[]()<>{}!*_#`~|:@^&;=\"'\\/-.0123456789 \n\t\u200b\u202e\u0430"
"""Characters Markdown, YAML, the cross-references and the sentence splitter give a meaning to."""
TEXT = st.text(st.sampled_from(MARKUP) | st.characters(codec="utf-8"), max_size=60)
IDS = st.sampled_from(["src", "other", "group", "chief", "patron", "town", "country", "strikes", "2024-01-01-first"])
TERMS = st.sampled_from(sorted({term for terms in schema.VOCABULARIES.values() for term in terms}))
DATES = st.from_regex(r"\A[0-9X]{1,5}(-[0-9X]{2}(-[0-9X]{2}(T[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2}|Z)?)?)?)?[~?%]?"
                      r"(/(\.\.|[0-9]{4}(-[0-9]{2})?))?\Z")  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | TEXT
    | IDS
    | TERMS
    | DATES
)
KEYS = st.sampled_from(["id", "sources", "note", "x"]) | TEXT
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=8
)


@contextmanager
def project(files: dict[str, str | bytes], base: Path | None = None) -> Iterator[Path]:
    """A temporary content folder (a copy of `base`, else the smallest valid content) with `files` over it."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        if base is not None:
            shutil.copytree(base, content)
        for relative, text in {**({} if base else valid_records()), **files}.items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        yield content


def outcome(content: Path, pages: tuple[str, ...] = ()) -> None:
    """Problems or pages: whatever else load, validate, index and render raise fails the property."""
    config = site_config(content.parent, pages)
    try:
        index, _ = load_index(content, config=config)
    except ContentError as exc:
        assert exc.problems and all(p.severity in ("error", "warning") for p in exc.problems)
        event("problems")  # how many of each: pytest --hypothesis-show-statistics
        return
    pages_by_path = render_site(index, TEMPLATES)
    assert "index.md" in pages_by_path and all(isinstance(text, str) for text in pages_by_path.values())
    event("pages")


@FUZZ
@given(kind=st.sampled_from([*KINDS, "pages"]), data=st.binary(max_size=300))
def test_random_bytes_as_a_record_or_a_page(kind: str, data: bytes) -> None:
    name = "pages/about.md" if kind == "pages" else f"{kind}/fuzz.yml"
    with project({name: data}) as content:
        outcome(content, ("about.md",) if kind == "pages" else ())


@FUZZ
@given(kind=st.sampled_from(KINDS), document=VALUES, keep_id=st.booleans())
def test_random_yaml_documents_as_records(kind: str, document: Any, keep_id: bool) -> None:
    if keep_id and isinstance(document, dict):
        document["id"] = "fuzz"  # past the id check, so the rest of the record is read
    text = yaml.safe_dump(document, allow_unicode=True)
    with project({f"{kind}/fuzz.yml": text}) as content:
        outcome(content)


def field_paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every key and list item of a record, nested ones too."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from field_paths(value, (*prefix, key))


RECORDS = sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*.yml"))
FIELDS = [
    (record, path)
    for record in RECORDS
    for path in field_paths(yaml.safe_load((BASE / record).read_text(encoding="utf-8")))
]


def test_the_fields_drawn_from_are_every_field_of_every_kind() -> None:
    """base/ fills in every field, so a field the schema gains is fuzzed once base/ has it."""
    drawn = {(record.split("/")[0], path[0]) for record, path in FIELDS}
    wanted = {(kind, f.name) for kind in KINDS for f in schema.RECORDS[kind]}
    wanted |= {("briefing.yml", f.name) for f in schema.BRIEFING}
    assert sorted(wanted - drawn) == []


def like(current: Any) -> st.SearchStrategy[Any]:
    """Values of the current one's shape, so that half the draws pass the type check and reach the pages."""
    if isinstance(current, bool):
        return st.booleans()
    if isinstance(current, (int, float)):
        return st.integers(min_value=-(10**6), max_value=10**6) | st.floats()
    if isinstance(current, str):
        return TEXT | DATES | IDS | TERMS
    if isinstance(current, list) and current:
        return st.lists(like(current[0]), max_size=3)
    return st.just(current)


@FUZZ
@given(field=st.sampled_from(FIELDS), data=st.data())
def test_a_random_value_in_any_field_of_any_record(
    field: tuple[str, tuple[str | int, ...]], data: st.DataObject
) -> None:
    record, path = field
    document = yaml.safe_load((BASE / record).read_text(encoding="utf-8"))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(VALUES | like(target[path[-1]]), label="value")
    with project({record: yaml.safe_dump(document, allow_unicode=True)}, base=BASE) as content:
        outcome(content, ("about.md",))


PAGE_TEXT = st.lists(
    st.sampled_from(["# ", "[[", "]]", "[@", "]", "<", ">", "{: ", "}", "`", "```\n", "\n\n", "    ", "*", "|", "!!! ",
                     "[x](", ")", "javascript:", "<script>", "src", "group", "town", "|label", "\u200b"]) | TEXT,
    max_size=30,
).map("".join)  # fmt: skip


@FUZZ
@given(markdown=PAGE_TEXT)
def test_random_page_markdown(markdown: str) -> None:
    with project({"pages/about.md": markdown}, base=BASE) as content:
        outcome(content, ("about.md",))
