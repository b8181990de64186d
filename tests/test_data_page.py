"""The Data page: every download linked, every column and field explained, from the one definition."""

from __future__ import annotations

import re

import pytest

from generator.pages.data_page import DATA_PAGE
from generator.pages.exports import TABLES, Table
from generator.pages.pipeline import load_index
from generator.pages.render import render_site
from generator.records import schema
from tests.conftest import FIXTURE, FIXTURE_CONFIG, TEMPLATES


@pytest.fixture(scope="module")
def page() -> str:
    index, _ = load_index(FIXTURE, config=FIXTURE_CONFIG)
    return render_site(index, TEMPLATES)[DATA_PAGE]


def section(page: str, heading: str) -> str:
    """The text under a ### heading, up to the next heading of level 2 or 3."""
    start = page.index(f"\n### {heading}\n")
    found = re.search(r"\n##?#? ", page[start + 1 :])
    return page[start : start + 1 + found.start()] if found else page[start:]


def test_every_download_is_linked(page: str) -> None:
    links = set(re.findall(r"\]\(([^)#]+)\)", page))
    expected = {
        "sources.csl.json",
        "feed.xml",
        *(f"{k}.json" for k in schema.RECORDS),
        *(t.name + ".csv" for t in TABLES),
    }
    assert expected <= links


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_every_csv_column_is_explained_in_order(page: str, table: Table) -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+) \|$", section(page, f"{table.name}.csv"), flags=re.MULTILINE)
    assert [name for name, _ in rows] == [c.name for c in table.columns]
    assert all(doc.strip() for _, doc in rows)


def test_a_field_column_is_explained_in_the_schemas_own_words(page: str) -> None:
    assert "| `qualifier` | How the figure is bounded. |" in section(page, "claims.csv")


def test_every_record_field_and_object_field_is_in_the_codebook(page: str) -> None:
    for kind, fields in schema.RECORDS.items():
        names = re.findall(
            r"^\| `([a-z_]+)` \|", section(page, f"{schema.KIND_SINGULAR[kind].capitalize()} records"), re.M
        )
        assert names == [f.name for f in fields]
    for name, fields in schema.OBJECTS.items():
        assert re.findall(r"^\| `([a-z_]+)` \|", section(page, f"Object: {name}"), re.M) == [f.name for f in fields]


def test_vocabularies_are_the_briefings(page: str) -> None:
    assert "| `airstrike` | Airstrike | An attack by aircraft. |" in page
    assert "#### Vocabulary: confidence\n\nThis briefing defines no terms for it." in page


def test_the_version_is_shown_and_no_build_date_without_history(page: str) -> None:
    assert "Version **&#49;.0**." in page
    assert "built" not in page
