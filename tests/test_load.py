from __future__ import annotations

import locale
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from generator.errors import ContentError, Position, Problem
from generator.records import load
from generator.records.load import MAX_FILE_BYTES, LoadCache, load_content, load_yaml_file
from generator.records.yaml_positions import _Builder, parse_yaml
from tests.conftest import MakeTree, valid_records


def parse(text: str) -> tuple[object, list[str]]:
    problems: list[Problem] = []
    value = parse_yaml(text, "f.yml", problems)
    return value, [str(p) for p in problems]


def test_values_keep_their_positions() -> None:
    value, problems = parse("id: x\ndate: 2024-01-02\nlist:\n  - a\n  - {b: 1}\n")
    assert problems == []
    assert value == {"id": "x", "date": "2024-01-02", "list": ["a", {"b": 1}]}
    assert value.value_positions["date"] == Position("f.yml", 2, 7)  # type: ignore[attr-defined]
    assert value["list"].item_positions[1] == Position("f.yml", 5, 5)  # type: ignore[index]


def test_dates_stay_text_so_precision_is_not_lost() -> None:
    value, _ = parse("date: 2024-01-02\nyear: 2024\n")
    assert value == {"date": "2024-01-02", "year": 2024}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "id: x\ntitle: a\ntitle: b\n",
            "f.yml:3:1: error: duplicate key 'title' (first at line 2) (keep one; YAML would silently drop the other)",
        ),
        ("a: &x [1]\nb: *x\n", "f.yml:2:4: error: YAML alias '*x' is not allowed (write the value out in full)"),
        (
            "a: 1\n b: 2\n",
            "f.yml:2:3: error: YAML syntax error: mapping values are not allowed in this context "
            "(check indentation and quoting; quote text containing ': ' or starting with a special "
            "character)",
        ),
        (
            "a: [1,\n",
            "f.yml:2:1: error: YAML syntax error: while parsing a flow node, did not find expected node "
            "content (check indentation and quoting; quote text containing ': ' or starting with a special "
            "character)",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "f.yml:2:1: error: more than one YAML document in the file "
            "(one record per file: remove the '---' separator)",
        ),
        ("", "f.yml:1:1: error: file is empty (start it with 'id: <file name>')"),
        ("- a\n", "f.yml:1:1: error: a record must be a mapping of field: value (start it with 'id: <file name>')"),
        (
            "a: !!binary aGk=\n",
            "f.yml:1:4: error: unsupported YAML tag 'tag:yaml.org,2002:binary' (remove the '!' tag)",
        ),
        (
            "a: !!python/object:os.system ls\n",
            "f.yml:1:4: error: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system' (remove the '!' tag)",
        ),
        ("? [a]\n: 1\n", "f.yml:1:3: error: field names must be plain text (write the key as a word such as 'title')"),
        (
            "a: !!int abc\n",
            "f.yml:1:4: error: 'abc' is not a valid value for YAML tag 'tag:yaml.org,2002:int' "
            "(remove the '!!' tag or correct the value)",
        ),
        (
            "a: !!bool maybe\n",
            "f.yml:1:4: error: 'maybe' is not a valid value for YAML tag 'tag:yaml.org,2002:bool' "
            "(remove the '!!' tag or correct the value)",
        ),
        (
            "a: 1\nb: !!float many\n",
            "f.yml:2:4: error: 'many' is not a valid value for YAML tag 'tag:yaml.org,2002:float' "
            "(remove the '!!' tag or correct the value)",
        ),
        (
            "sources: !!python/object/apply:os.system [ls]\n",
            "f.yml:1:10: error: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "(remove the '!' tag)",
        ),
        ("a: !!set {x, y}\n", "f.yml:1:4: error: unsupported YAML tag 'tag:yaml.org,2002:set' (remove the '!' tag)"),
        ("a: !!omap [b: 1]\n", "f.yml:1:4: error: unsupported YAML tag 'tag:yaml.org,2002:omap' (remove the '!' tag)"),
        ("a:\n  !mine\n  b: 1\n", "f.yml:2:3: error: unsupported YAML tag '!mine' (remove the '!' tag)"),
        ("a: !!map [1]\n", "f.yml:1:4: error: unsupported YAML tag 'tag:yaml.org,2002:map' (remove the '!' tag)"),
        (
            "id: x\nnotes: a\x01b\n",
            "f.yml:2:9: error: the character U+0001 is not allowed in YAML "
            "(remove it; if it is meant, write it as \\u0001 inside double quotes)",
        ),
        (
            "id: x\nname: é\x1b[31m\n",
            "f.yml:2:8: error: the character U+001B is not allowed in YAML "
            "(remove it; if it is meant, write it as \\u001b inside double quotes)",
        ),
        (
            "a: \x00\n",
            "f.yml:1:4: error: the character U+0000 is not allowed in YAML "
            "(remove it; if it is meant, write it as \\u0000 inside double quotes)",
        ),
        (
            "a: x\ufffe\n",
            "f.yml:1:5: error: the character U+FFFE is not allowed in YAML "
            "(remove it; if it is meant, write it as \\ufffe inside double quotes)",
        ),
    ],
)
def test_bad_yaml_is_reported_with_position(text: str, message: str) -> None:
    _, problems = parse(text)
    assert problems == [message]


def test_lists_and_mappings_may_carry_their_own_tag() -> None:
    value, problems = parse("a: !!seq [1]\nb: !!map {c: 1}\nd: ! [2]\n")
    assert (value, problems) == ({"a": [1], "b": {"c": 1}, "d": [2]}, [])


def test_escaped_control_characters_and_astral_characters_are_read() -> None:
    value, problems = parse('a: "bell\\u0007"\nb: "\\U0001F600 and \U0001f600"\nc: tab\there\n')
    assert (value, problems) == ({"a": "bell\x07", "b": "\U0001f600 and \U0001f600", "c": "tab\there"}, [])


def test_half_a_surrogate_pair_is_refused_by_the_pure_python_parser() -> None:
    """libyaml refuses '\\ud800' itself; the pure-Python parser would make a str that UTF-8 cannot write."""
    problems: list[Problem] = []
    _Builder("f.yml", problems).run('a: "x\\ud800"\n', yaml.SafeLoader)
    assert [str(p) for p in problems] == [
        "f.yml:1:4: error: text holds half of a UTF-16 surrogate pair (\\ud800–\\udfff), which is no character "
        "(write the character itself)"
    ]


def test_half_a_surrogate_pair_is_a_positioned_error() -> None:
    _, problems = parse('a: "x\\ud800"\n')
    assert len(problems) == 1 and problems[0].startswith("f.yml:1:")


def test_explicit_tags_that_fit_their_value_are_read_as_pyyaml_reads_them() -> None:
    text = "a: ! 12\nb: ! text\nc: !!int '7'\nd: !!float 2.5\ne: !!bool yes\nf: !!str 12\ng: !!null ~\n"
    value, problems = parse(text)
    assert problems == []
    assert value == yaml.safe_load(text) == {"a": 12, "b": "text", "c": 7, "d": 2.5, "e": True, "f": "12", "g": None}


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    value, problems = parse("\n".join(lines))
    assert value is None
    assert problems[0] == "f.yml:2:8: error: YAML alias '*a' is not allowed (write the value out in full)"
    assert time.perf_counter() - started < 5  # generous: refusal happens before any expansion


def _block_nesting(levels: int) -> str:
    """'k0:' / '  k1:' / … : mappings nested by indentation."""
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + f"{'  ' * levels}v\n"


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The loader's limits must not depend on which parser PyYAML has, nor on libyaml's own limits."""
    if request.param == "pure-python":
        monkeypatch.setattr("generator.records.yaml_positions._Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.fail("PyYAML was installed without libyaml: the C parser's case cannot be tested")
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # The 33rd bracket or indent, counting the top-level mapping as the first level.
        ("a: " + "[" * 100_000 + "]" * 100_000, "f.yml:1:35: error: YAML is nested too deeply"),
        ("a: " + "[" * 1_500 + "]" * 1_500, "f.yml:1:35: error: YAML is nested too deeply"),
        ("a: " + "{b: " * 2_000 + "}" * 2_000, "f.yml:1:128: error: YAML is nested too deeply"),
        (_block_nesting(2_000), "f.yml:33:65: error: YAML is nested too deeply"),
        ("- " * 40 + "x\n", "f.yml:1:65: error: YAML is nested too deeply"),
    ],
    ids=["flow-100000", "flow-1500", "flow-mapping", "block-mapping", "block-list"],
)
def test_deep_nesting_is_refused_at_the_first_level_too_deep(parser: str, text: str, message: str) -> None:
    value, problems = parse(text)
    assert value is None
    assert problems == [f"{message} (records nest at most 32 levels)"]


def test_a_syntax_error_libyaml_meets_beyond_its_own_depth_limit_is_reported() -> None:
    # libyaml stops at its own limit, 1,000 levels on; the pure-Python parser, asked where our
    # limit is, stops first at the tab: libyaml's words stand.
    if not yaml.__with_libyaml__:
        pytest.fail("PyYAML was installed without libyaml: the C parser's case cannot be tested")
    value, problems = parse("a: [\t" + "[" * 1_500)
    assert value is None
    assert problems == [
        "f.yml:1:1004: error: YAML syntax error: while increasing flow level, exceeded maximum nesting depth "
        "(check indentation and quoting; quote text containing ': ' or starting with a special character)"
    ]


def test_nesting_up_to_the_limit_is_read(parser: str) -> None:
    value, problems = parse("a: " + "[" * 31 + "1" + "]" * 31)
    assert problems == []
    assert isinstance(value, dict)


@pytest.mark.parametrize(("size", "shown"), [(1_050_000, "1.1 MB"), (3 * MAX_FILE_BYTES, "3.1 MB")])
def test_an_oversized_file_is_refused_before_it_is_read(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch, size: int, shown: str
) -> None:
    root = make_tree(valid_records())
    (root / "events" / "big.yml").write_text("a: " + "x" * (size - 4) + "\n")
    read: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        f"content/events/big.yml: error: file is {shown}, over the 1024 KiB limit for one file "
        "(split it into one record per file)"
    ]
    assert sum(read) < 2_000  # the small records only: the big one's size says it all


def test_a_file_that_says_it_is_small_is_still_read_no_further_than_the_limit(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some files' sizes say nothing of what they hold (/dev/zero, /proc files): reading stops at limit + 1."""
    root = make_tree(valid_records())
    (root / "events" / "endless.yml").write_text("a: b\n")
    real_fstat = os.fstat

    def zero_size(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))

    read: list[int] = []

    def endless_read(fd: int, n: int) -> bytes:
        read.append(n)
        assert sum(read) <= 7 * (MAX_FILE_BYTES + 1), "read on past the limit"
        return b"x" * n

    monkeypatch.setattr(os, "fstat", zero_size)
    monkeypatch.setattr(os, "read", endless_read)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert "content/events/endless.yml: error: file is over the 1024 KiB limit for one file" in [
        str(p).split(" (")[0] for p in caught.value.problems
    ]
    assert sum(read) <= 7 * (MAX_FILE_BYTES + 1)  # at most limit + 1 bytes from each of the seven files


def test_a_file_exactly_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.yml"
    path.write_text("a: " + "x" * (MAX_FILE_BYTES - 4) + "\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    problems: list[Problem] = []
    value = load_yaml_file(path, problems)
    assert problems == []
    assert value is not None and len(value["a"]) == MAX_FILE_BYTES - 4


def test_stray_files_and_folders_are_errors(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            **valid_records(),
            "events/notes.txt": "to do",
            "events/x.yaml": "id: x\n",
            "notes.txt": "hi",
            ".DS_Store": "",
            "events/.x.yml.swp": "",
        }
    )
    (root / "events" / "drafts").mkdir()
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/drafts: error: 'drafts' is a folder (records are read from content/events/ itself, not from "
        "sub-folders: move its files up into content/events/)",
        "content/events/notes.txt: error: 'notes.txt' is not a .yml record (move it out of the content folder)",
        "content/events/x.yaml: error: 'x.yaml' is not a .yml record (rename it to .yml)",
        "content/notes.txt: error: unexpected 'notes.txt' in the content folder "
        "(records go in actors, campaigns, events, places, sources/; pages in pages/)",
    ]


def test_not_utf8(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    (root / "actors" / "bad.yml").write_bytes(b"id: bad\nname: \xff\n")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert str(caught.value.problems[0]) == (
        "content/actors/bad.yml:2:7: error: file is not UTF-8 text (byte 0xff: invalid start byte) (save it as UTF-8)"
    )


def test_records_are_read_as_utf8_whatever_the_locale(make_tree: MakeTree) -> None:
    records = {
        **valid_records(),
        "actors/group.yml": valid_records()["actors/group.yml"].replace("Group", "Kataʼib Ḥizbullāh"),
    }
    root = make_tree(records)
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # a machine whose default encoding is ASCII
    try:
        raw = load_content(root)
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert raw.records[0].data["name"] == "Kataʼib Ḥizbullāh"


def test_a_symlinked_record_is_refused_and_named_where_it_sits(make_tree: MakeTree, tmp_path: Path) -> None:
    """A link could publish any file of the machine building the site: it is not followed, whatever it points at."""
    root = make_tree(valid_records())
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text(valid_records()["actors/group.yml"].replace("group", "bad"))
    (root / "actors" / "bad.yml").symlink_to(elsewhere)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        f"content/actors/bad.yml: error: 'bad.yml' is a symbolic link to '{elsewhere}', which is not followed "
        "(put the file itself here instead of a link, so nothing from outside the folder is published)"
    ]


def test_missing_content_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "nope")
    assert [str(p) for p in caught.value.problems] == [
        "nope: error: no content folder: 'nope' does not exist (pass --content with the folder holding actors/, "
        "campaigns/, events/, places/, sources/ and briefing.yml, or start a briefing with: "
        "python -m generator init DIR)"
    ]


def test_a_file_named_as_the_content_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").write_text("")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content")
    assert str(caught.value.problems[0]).startswith(
        "content: error: no content folder: 'content' is a file, not a folder ("
    )


def test_an_unexpected_folder_in_the_content_folder_is_named_without_a_line(make_tree: MakeTree) -> None:
    root = make_tree({**valid_records(), "event/x.yml": "id: x\n", "notes.txt": "x"})
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/event: error: unexpected 'event' in the content folder "
        "(records go in actors, campaigns, events, places, sources/; pages in pages/)",
        "content/notes.txt: error: unexpected 'notes.txt' in the content folder "
        "(records go in actors, campaigns, events, places, sources/; pages in pages/)",
    ]


def test_records_load_in_sorted_order(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    raw = load_content(root)
    assert [(r.kind, r.stem) for r in raw.records] == [
        ("actors", "group"),
        ("events", "2024-01-01-attack"),
        ("places", "town"),
        ("sources", "src"),
    ]


def test_cache_sees_a_same_size_edit_in_the_same_instant(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    cache: LoadCache = {}
    first = {r.stem: r for r in load_content(root, cache).records}
    path = root / "places" / "town.yml"
    stat = path.stat()
    path.write_text(path.read_text().replace("name: Town", "name: Town"[:-1] + "X"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    second = {r.stem: r for r in load_content(root, cache).records}
    assert second["town"].data["name"] == "TowX"
    assert second["group"] is first["group"]  # unchanged files are not parsed again


def test_cache_sees_an_edit_whose_modification_time_is_old(make_tree: MakeTree) -> None:
    # e.g. a file restored from a backup or checked out with its original time
    root = make_tree(valid_records())
    cache: LoadCache = {}
    load_content(root, cache)
    path = root / "places" / "town.yml"
    path.write_text(path.read_text().replace("name: Town", "name: Town Centre"))
    os.utime(path, ns=(0, 0))
    raw = load_content(root, cache)
    assert [r.data["name"] for r in raw.records if r.stem == "town"] == ["Town Centre"]


def test_cache_rereads_a_file_saved_at_the_edge_of_the_racy_window(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(valid_records())
    now = time.time_ns()
    monkeypatch.setattr(load, "time", SimpleNamespace(time_ns=lambda: now))
    edge = now - load.RACY_NS  # saved exactly this long before the last read: still not trusted unread
    path = root / "places" / "town.yml"
    os.utime(path, ns=(edge, edge))
    cache: LoadCache = {}
    load_content(root, cache)
    path.write_text(path.read_text().replace("name: Town", "name: Tow2"))
    os.utime(path, ns=(edge, edge))  # same inode, size and time as when it was read
    raw = load_content(root, cache)
    assert [r.data["name"] for r in raw.records if r.stem == "town"] == ["Tow2"]


def test_pages_are_md_files_of_the_pages_folder_itself(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            **valid_records(),
            "pages/about.md": "# About\n",
            "pages/notes.markdown": "# x\n",
            "pages/logo.png": "png",
            "pages/drafts/old.md": "# Old\n",
            "pages/a\\b.md": "# x\n",
            f"pages/{'é' * 51}.md": "# x\n",
            "pages/.hidden.md": "# never read\n",
        }
    )
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/pages/a\\b.md: error: page name 'a\\b' holds a backslash or a control character, which no web "
        "address can keep (rename the file with letters, digits, '-' and '_')",
        "content/pages/drafts: error: 'drafts' is a folder (pages are read from content/pages/ itself, not from "
        "sub-folders: move its files up into content/pages/)",
        "content/pages/logo.png: error: 'logo.png' is not a .md page (move it out of the content folder)",
        "content/pages/notes.markdown: error: 'notes.markdown' is not a .md page (rename it to .md)",
        f"content/pages/{'é' * 51}.md: error: page name is 102 bytes long in UTF-8, over the limit of 100 "
        "(shorten the file's name: the site's file names are made from it)",
    ]


def test_a_page_name_of_exactly_the_limit_is_read(make_tree: MakeTree) -> None:
    root = make_tree({**valid_records(), f"pages/{'é' * 50}.md": "# x\n"})
    assert [p.name for p in load_content(root).pages] == [f"{'é' * 50}.md"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("events", "'events' is a file, not a folder (make it a folder of records)"),
        ("pages", "'pages' is a file, not a folder (make it a folder of pages)"),
    ],
)
def test_a_file_where_a_folder_belongs_is_an_error(make_tree: MakeTree, name: str, message: str) -> None:
    records = {k: v for k, v in valid_records().items() if not k.startswith(f"{name}/")}
    root = make_tree({**records, name: "x"})
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [f"content/{name}: error: {message}"]


def test_a_folder_where_the_briefing_belongs_is_an_error(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    (root / "briefing.yml").mkdir()
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/briefing.yml: error: 'briefing.yml' is a folder (make it a file)"
    ]


def test_a_content_folder_without_records_is_an_error_naming_the_folder(make_tree: MakeTree) -> None:
    root = make_tree({"briefing.yml": "scope: x\n", "pages/about.md": "# About\n"})
    (root / "events").mkdir()
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p) for p in caught.value.problems] == [
        "content: error: the content folder has no records, so the site would have no pages (add records to its "
        "folders actors, campaigns, events, places, sources, e.g. with python -m generator new event ID; or pass "
        "--content with the briefing's content folder)"
    ]


def test_one_record_is_enough(make_tree: MakeTree) -> None:
    root = make_tree({"sources/src.yml": valid_records()["sources/src.yml"]})
    assert [r.stem for r in load_content(root).records] == ["src"]


def test_a_broken_record_is_reported_as_itself_not_as_no_records(make_tree: MakeTree) -> None:
    root = make_tree({"sources/src.yml": "id: [\n"})
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [str(p).split(": error: ")[1][:17] for p in caught.value.problems] == ["YAML syntax error"]


def test_a_settings_file_the_briefing_names_may_be_a_link(tmp_path: Path) -> None:
    """mkdocs.yml is where the briefing says it is, unlike the content folder's files."""
    (tmp_path / "real.yml").write_text("site_name: Linked\n")
    (tmp_path / "mkdocs.yml").symlink_to(tmp_path / "real.yml")
    problems: list[Problem] = []
    assert load_yaml_file(tmp_path / "mkdocs.yml", problems) == {"site_name": "Linked"}
    assert problems == []
