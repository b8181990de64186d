"""Hostile records: markup in every text field comes out as text in the built HTML; bad ids are refused."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from tests.conftest import ROOT, MakeTree, valid_records

PAYLOAD = (
    '</title><script>alert(4)</script><script>alert("x")</script><img src=x onerror=alert(1)>'
    "[link](javascript:alert(2)){: onclick=alert(3)}"
)


def hostile_records() -> dict[str, str]:
    quoted = PAYLOAD.replace("'", "''")
    return {
        "sources/src.yml": f"id: src\ntitle: 'Title {quoted}'\nkind: news-report\npublisher: 'Pub {quoted}'\n"
        f"authors: ['Author {quoted}']\nnotes: 'Notes {quoted}'\n",
        "actors/group.yml": f"id: group\nname: 'Group {quoted}'\nkind: armed-group\n"
        f"names:\n  - {{name: 'Alias {quoted}', kind: alias, sources: [src]}}\n"
        f"profile: 'Profile {quoted}[@src]'\nsources: [src]\n",
        "places/town.yml": f"id: town\nname: 'Town {quoted}'\nkind: town\n"
        f"description: 'Description {quoted}[@src]'\nsources: [src]\n",
        "events/2024-01-01-attack.yml": (
            f"id: 2024-01-01-attack\ntitle: 'Title {quoted}'\ndate: \"2024-01-01T10:00:00+03:00\"\n"
            f"time_zone_name: 'Zone {quoted}'\ntype: rocket-attack\nplaces:\n  - place: town\n"
            f"participants:\n  - {{actor: group, role: perpetrator, attribution: claimed, sources: [src],"
            f" note: 'Note {quoted}'}}\n"
            f"summary: 'Summary {quoted} [[town|Label <script>alert(9)</script> <b onclick=x>]].[@src]'\n"
            f"claims:\n  - {{counts: killed, of: 'Of {quoted}', value: 1, sources: [src]}}\n"
            f"statements:\n  - {{speaker: group, words: 'Quote {quoted}', sources: [src]}}\n"
            f"tags: [town]\nsources: [src]\n"
        ),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    for relative, text in hostile_records().items():
        path = project / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - About: about.md\n", "").replace("  - Method: method.md\n", ""), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--templates", str(ROOT / "site_templates")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.e2e
def test_hostile_text_is_inert_in_every_page(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        body = html[html.index("<article") : html.index("</article>")] if "<article" in html else ""
        assert '<script>alert("x")' not in html, page
        assert "<script>alert(4)" not in html, page
        assert html.count("</title>") == 1, page
        assert re.search(r"<img[^>]*onerror", html) is None, page
        assert re.search(r"<[^>]*\sonclick=", html) is None, page
        assert 'href="javascript:' not in html.lower(), page
        assert "<script" not in body, page


@pytest.mark.e2e
def test_hostile_text_is_still_readable(built: Path) -> None:
    card = (built / "events" / "2024-01-01-attack" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in card or '&lt;script&gt;alert("x")' in card


@pytest.mark.parametrize(
    ("stem", "message"),
    [
        ("a.b", "id 'a.b' is not a lowercase slug (use lowercase letters, digits and single hyphens, e.g. 'a-b')"),
        ("café", "id 'café' is not a lowercase slug (use lowercase letters, digits and single hyphens, e.g. 'caf')"),
        (
            "up--down",
            "id 'up--down' is not a lowercase slug (use lowercase letters, digits and single hyphens, e.g. 'up-down')",
        ),
    ],
)
def test_ids_that_are_not_slugs(make_tree: MakeTree, stem: str, message: str) -> None:
    record = f"id: {stem}\nname: X\nkind: armed-group\nprofile: x\nsources: [src]\n"
    root = make_tree({**valid_records(), f"actors/{stem}.yml": record})
    with pytest.raises(ContentError) as caught:
        load_index(root)
    assert [str(p) for p in caught.value.problems] == [f"content/actors/{stem}.yml:1:5: error: {message}"]


@pytest.mark.parametrize("bad", ["../escape", "a/b", "/etc/passwd", "..", "x/../../y"])
def test_path_like_ids_are_refused(make_tree: MakeTree, bad: str) -> None:
    record = valid_records()["actors/group.yml"].replace("id: group", f"id: '{bad}'")
    root = make_tree({**valid_records(), "actors/group.yml": record})
    with pytest.raises(ContentError) as caught:
        load_index(root)
    assert str(caught.value.problems[0]).startswith(
        f"content/actors/group.yml:1:5: error: id '{bad}' is not a lowercase slug"
    )


def test_fifty_megabyte_file_is_refused_without_reading_it(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    big = root / "events" / "huge.yml"
    with big.open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    with pytest.raises(ContentError) as caught:
        load_index(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/huge.yml: error: file is 52.4 MB, over the 1024 KiB limit for one file "
        "(split it into one record per file)"
    ]
    shutil.rmtree(root)
