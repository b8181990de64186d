"""The downloads: each checked against its format, and against the records it was made from."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from generator.pages.data_files import SOURCES_CSL, ExportMemo, data_files
from generator.pages.exports import CLAIMS, EVENTS, KINDS, PARTICIPANTS, SOURCES, TABLES, Table, csv_text
from generator.pages.feed import FEED, LATEST
from generator.pages.pipeline import load_index
from generator.records.history import Revision
from generator.records.index import Index
from generator.records.model import Campaign, Event
from tests.conftest import FIXTURE, FIXTURE_CONFIG, ROOT, MakeTree, valid_records

CSL_SCHEMA = json.loads((ROOT / "tests" / "vendor" / "csl" / "csl-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(FIXTURE, config=FIXTURE_CONFIG)[0]


@pytest.fixture(scope="module")
def files(index: Index) -> dict[str, bytes]:
    return data_files(index)


def table(files: dict[str, bytes], which: Table) -> list[dict[str, str]]:
    text = files[which.path].decode("utf-8")
    assert "\r\n" in text and not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_each_csv_parses_with_its_header(files: dict[str, bytes]) -> None:
    for which in TABLES:
        header = next(csv.reader(io.StringIO(files[which.path].decode("utf-8"), newline="")))
        assert header == [c.name for c in which.columns]


def test_csv_rows_count_what_the_records_hold(index: Index, files: dict[str, bytes]) -> None:
    corpus = index.corpus
    assert [r["id"] for r in table(files, EVENTS)] == [e.id for e in corpus.events]
    assert [r["id"] for r in table(files, SOURCES)] == [s.id for s in corpus.sources]
    claimed: list[Event | Campaign] = [*corpus.events, *corpus.campaigns]
    claims = [(e.id, n) for e in claimed for n, _ in enumerate(e.claims, start=1)]
    assert [(r["record_id"], int(r["claim"])) for r in table(files, CLAIMS)] == claims
    roles = [(e.id, p.actor, p.role) for e in corpus.events for p in e.participants]
    assert [(r["event_id"], r["actor"], r["role"]) for r in table(files, PARTICIPANTS)] == roles


def test_every_row_carries_its_record_id_and_source_ids(index: Index, files: dict[str, bytes]) -> None:
    known = {s.id for s in index.corpus.sources}
    for which in TABLES:
        for row in table(files, which):
            record_id = row.get("id") or row.get("record_id") or row.get("event_id")
            assert record_id in index.by_id
            cited = row["source_ids"].split("; ")
            assert cited and set(cited) <= known, (which.name, row)


def test_a_claim_row_keeps_its_figure_claimant_and_note(files: dict[str, bytes]) -> None:
    rows = table(files, CLAIMS)
    assert rows[2] == {
        "record_id": "2024-01-24-strikes-on-site-t",
        "record_kind": "event",
        "claim": "2",
        "counts": "killed",
        "of": "Militia K fighters",
        "of_actor": "",
        "value": "1",
        "unit": "",
        "qualifier": "at-least",
        "value_max": "",
        "claimed_by": "umbrella-u",
        "unnamed_claimant": "",
        "note": "Given in a statement by the umbrella.",
        "source_ids": "report-b",
    }


def test_a_cell_with_commas_quotes_and_line_breaks_reads_back_whole(index: Index, files: dict[str, bytes]) -> None:
    event = next(r for r in table(files, EVENTS) if r["id"] == "2024-01-24-strikes-on-site-t")
    assert event["title"] == "Strikes on Site T <b>& co</b>"
    assert event["summary"].count("\n") == 2 and "[[state-s]] struck" in event["summary"]
    assert event["date_start"] == "2024-01-23T21:15:00Z" and event["precision"] == "minute"


def test_csv_of_no_records_is_its_header(make_tree: MakeTree) -> None:
    index = load_index(make_tree({"sources/src.yml": valid_records()["sources/src.yml"]}))[0]
    assert csv_text(EVENTS, index) == ",".join(c.name for c in EVENTS.columns) + "\r\n"


def test_json_per_kind_and_per_record_agree(files: dict[str, bytes]) -> None:
    for kind in KINDS:
        records = json.loads(files[f"data/{kind}.json"])
        assert records == sorted(records, key=lambda r: r["id"])
        for record in records:
            assert json.loads(files[f"{kind}/{record['id']}.json"]) == record


def test_json_holds_each_record_as_its_editor_wrote_it(files: dict[str, bytes]) -> None:
    for path in sorted(FIXTURE.glob("*/*.yml")):
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        exported = json.loads(files[f"{path.parent.name}/{path.stem}.json"])
        for key, value in written.items():
            if isinstance(value, str):
                assert exported[key] == value.strip() or exported[key] == value, (path, key)
        assert set(written) <= set(exported)


def test_json_round_trips_to_the_same_records(files: dict[str, bytes], tmp_path: Path) -> None:
    """The exported records, written back as a content folder, validate and export to the same bytes."""
    content = tmp_path / "content"
    for kind in KINDS:
        (content / kind).mkdir(parents=True)
        for record in json.loads(files[f"data/{kind}.json"]):
            (content / kind / f"{record['id']}.yml").write_text(json.dumps(record), encoding="utf-8")
    shutil.copy(FIXTURE / "briefing.yml", content)
    shutil.copytree(FIXTURE / "pages", content / "pages")
    again = data_files(load_index(content, config=FIXTURE_CONFIG)[0])
    for kind in KINDS:
        assert again[f"data/{kind}.json"] == files[f"data/{kind}.json"]


def test_csl_json_satisfies_the_csl_schema(files: dict[str, bytes]) -> None:
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    checked = [path for path in files if path.endswith(".csl.json")]
    assert SOURCES_CSL in checked and "events/2024-01-strike-month-only.csl.json" in checked
    for path in checked:
        errors = [e.message for e in validator.iter_errors(json.loads(files[path]))]
        assert errors == [], path


def test_csl_json_states_only_what_the_source_states(files: dict[str, bytes]) -> None:
    report_a, report_b = json.loads(files[SOURCES_CSL])
    assert report_a == {
        "URL": "https://example.org/strikes?id=1&x=(2)",
        "author": [{"literal": "A. Writer"}],
        "id": "report-a",
        "issued": {"date-parts": [[2024, 1, 23]]},
        "language": "en",
        "publisher": "Example Wire",
        "title": "Strikes hit three facilities",
        "type": "article-newspaper",
    }
    assert report_b == {"id": "report-b", "title": "Encyclopedia entry on the strikes", "type": "entry-encyclopedia"}


def test_a_page_cites_itself_with_the_briefing_its_version_and_last_update(files: dict[str, bytes]) -> None:
    assert json.loads(files["events/2024-01-strike-month-only.csl.json"]) == [
        {
            "container-title": "Fixture briefing",
            "id": "2024-01-strike-month-only",
            "issued": {"date-parts": [[2024, 2, 5]]},
            "title": "A strike known only to the month",
            "type": "webpage",
            "version": "1.0",
        }
    ]


def test_the_atom_feed_is_read_by_a_feed_reader(index: Index, files: dict[str, bytes]) -> None:
    feed = feedparser.parse(files[FEED])
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Fixture briefing"
    newest_first = list(reversed(index.chronology))[:LATEST]
    assert [e.title for e in feed.entries] == [e.title for e in newest_first]
    first = feed.entries[0]
    assert first.link == "../events/2024-01-24-strikes-on-site-t/"
    assert first.id.startswith("urn:uuid:")
    assert first.summary.startswith("24 January 2024, 00:15 (UTC+03:00): State S struck three facilities of Militia K")
    month_only = next(e for e in feed.entries if e.title == "A strike known only to the month")
    assert month_only.updated == "2024-02-05T00:00:00Z"  # its page's last update, from the record


def test_with_a_site_address_feed_and_citations_use_it(make_tree: MakeTree, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    text = FIXTURE_CONFIG.read_text(encoding="utf-8").replace("site_name:", "site_url: https://x.example/b\nsite_name:")
    config.write_text(text, encoding="utf-8")
    files = data_files(load_index(FIXTURE, config=config)[0])
    feed = feedparser.parse(files[FEED])
    assert feed.bozo == 0
    assert feed.feed.id == "https://x.example/b/data/feed.xml"
    assert feed.entries[0].link == "https://x.example/b/events/2024-01-24-strikes-on-site-t/"
    assert feed.entries[0].id == feed.entries[0].link
    item = json.loads(files["actors/militia-k.csl.json"])[0]
    assert item["URL"] == "https://x.example/b/actors/militia-k/"


def test_former_ids_redirect_to_the_page(files: dict[str, bytes]) -> None:
    page = files["actors/militia-kay/index.html"].decode("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../militia-k/">' in page
    assert '<link rel="canonical" href="../militia-k/">' in page
    assert '<a href="../militia-k/">Militia K</a>' in page
    assert [p for p in files if p.endswith("index.html")] == ["actors/militia-kay/index.html"]


@pytest.mark.parametrize("address", ["", "site_url: https://x.example/b\n"])
def test_without_directory_urls_feed_citations_and_redirects_name_html_files(tmp_path: Path, address: str) -> None:
    config = tmp_path / "mkdocs.yml"
    text = FIXTURE_CONFIG.read_text(encoding="utf-8").replace("site_name:", f"{address}site_name:")
    config.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    files = data_files(load_index(FIXTURE, config=config)[0])
    page = (
        "https://x.example/b/events/2024-01-24-strikes-on-site-t.html"
        if address
        else "../events/2024-01-24-strikes-on-site-t.html"
    )
    assert feedparser.parse(files[FEED]).entries[0].link == page
    if address:
        assert json.loads(files["actors/militia-k.csl.json"])[0]["URL"] == "https://x.example/b/actors/militia-k.html"
    moved = files["actors/militia-kay.html"].decode("utf-8")
    assert '<a href="militia-k.html">Militia K</a>' in moved  # a sibling file, as MkDocs publishes the page
    assert not any(p.endswith("index.html") for p in files)


def test_exports_are_byte_identical_for_the_same_content(index: Index, files: dict[str, bytes]) -> None:
    assert data_files(load_index(FIXTURE, config=FIXTURE_CONFIG)[0]) == files


def test_an_unchanged_record_is_not_exported_again_but_a_newly_dated_one_is(index: Index) -> None:
    memo = ExportMemo()
    first = data_files(index, memo)
    kept = dict(memo.records)
    assert data_files(index, memo) == first
    assert all(memo.records[key] is kept[key] for key in kept)
    event = "2024-01-20-attack-on-base-b"
    dated = replace(index, revisions={event: Revision(date(2024, 2, 1), date(2024, 3, 1))})
    again = data_files(dated, memo)
    assert memo.records[("events", event)] is not kept[("events", event)]
    assert memo.records[("actors", "militia-k")] is kept[("actors", "militia-k")]
    assert json.loads(again[f"events/{event}.csl.json"])[0]["issued"] == {"date-parts": [[2024, 3, 1]]}
    assert again == data_files(dated)


def test_the_shipped_briefings_exports_are_valid_too() -> None:
    """The shipped sources' CSL-JSON satisfies the schema, its feed parses, its tables count its records."""
    shipped = load_index(ROOT / "content", config=ROOT / "mkdocs.yml")[0]
    files = data_files(shipped)
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    for path in (p for p in files if p.endswith(".csl.json")):
        assert [e.message for e in validator.iter_errors(json.loads(files[path]))] == [], path
    feed = feedparser.parse(files[FEED])
    assert feed.bozo == 0 and len(feed.entries) == LATEST
    assert len(table(files, EVENTS)) == len(shipped.corpus.events)
    assert len(table(files, CLAIMS)) == sum(len(r.claims) for r in (*shipped.corpus.events, *shipped.corpus.campaigns))


def test_a_text_cell_a_spreadsheet_would_run_is_shown_not_run(make_tree: MakeTree) -> None:
    """OWASP's CSV injection: '=HYPERLINK(…)' in a title would run when the table is opened."""
    files = valid_records()
    event = files["events/2024-01-01-attack.yml"].replace("title: An attack", "title: '=HYPERLINK(\"http://x\")'")
    files["events/2024-01-01-attack.yml"] = event
    rows = list(csv.DictReader(io.StringIO(csv_text(EVENTS, load_index(make_tree(files))[0]))))
    assert [row["title"] for row in rows] == ['\'=HYPERLINK("http://x")']
    claim = "claims:\n  - {counts: killed, value: 3, claimed_by: group, unnamed_claimant: '@someone', sources: [src]}\n"
    files["events/2024-01-01-attack.yml"] = event + claim
    rows = list(csv.DictReader(io.StringIO(csv_text(CLAIMS, load_index(make_tree(files))[0]))))
    assert [(row["value"], row["unnamed_claimant"]) for row in rows] == [("3", "'@someone")]
