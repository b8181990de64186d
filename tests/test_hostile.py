"""The hostile corpus (issue 18): what a hostile contributor or an unlucky machine can put in the content folder.

Three kinds of case, each named and tagged with the issue's class:

- `hostile/errors.yml`: content that must give exactly these problems, each at its `path:line:col`
  (or build, where `expect` is empty): the smallest valid content (conftest's `valid_records`)
  with files added, replaced, removed or appended to.
- `hostile/shown.yml`: text that must be shown exactly as typed and make nothing live. Each case
  is a copy of a record of `hostile/base/` (every field of every kind filled in) with one text
  field set, or a hand-written page. The site is built twice, with the cases and with plain text
  in their place; a case's page must show its text and hold exactly the elements of the plain
  one, and neither its page nor the search index may hold anything live.
- The cases below that need what a YAML file cannot hold: links, devices, pipes and sockets,
  unreadable files, read-only folders, a full disk. Those that need root or a tool the machine
  lacks run where they can and skip saying why.
"""

from __future__ import annotations

import errno
import html
import json
import math
import os
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import ContentError
from generator.pages.pipeline import generate
from generator.records import schema
from tests.conftest import ROOT, TEMPLATES, MakeTree, shipped_config_text, valid_records

CORPUS = ROOT / "tests" / "hostile"
BASE = CORPUS / "base"


def cases(name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
    return found


ERROR_CASES = cases("errors.yml")
SHOWN_CASES = cases("shown.yml")


def config_text(nav: list[str]) -> str:
    """The shipped mkdocs.yml, its hand-written pages replaced by `nav` (a page no reader can reach is an error)."""
    text = shipped_config_text()
    pages = "".join(f"  - {json.dumps(page)}\n" for page in nav)
    return text.replace("  - About: about.md\n  - Method: method.md\n", pages)


def write_files(root: Path, files: dict[str, str | None]) -> None:
    for relative, text in files.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def case_files(case: dict[str, Any]) -> dict[str, str | None]:
    files: dict[str, str | None] = {**valid_records(), **case.get("files", {})}
    for relative, extra in case.get("append", {}).items():
        files[relative] = (files[relative] or "") + extra
    return files


def outcome(project: Path, case: dict[str, Any]) -> list[str]:
    """What generating the case's content says: its problems, or its warnings once the pages are written."""
    write_files(project / "content", case_files(case))
    (project / "content").mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text(config_text(case.get("nav", [])), encoding="utf-8")
    try:
        _, warnings = generate(
            project / "content", TEMPLATES, project / "build" / "docs", config=project / "mkdocs.yml"
        )
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    assert (project / "build" / "docs" / "index.md").is_file()
    return [str(w) for w in warnings]


@pytest.mark.parametrize("case", ERROR_CASES, ids=[f"class{c['class']}-{c['case']}" for c in ERROR_CASES])
def test_content_gives_exactly_these_problems(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert outcome(tmp_path, case) == case["expect"]


# ---- accepted text: shown as typed, nothing live ---------------------------------------------------------------

PLAIN = "Plain text"


def field_type(kind: str, path: str) -> schema.FieldType:
    """The schema's type of a field path such as 'claims[0].note' in a record of `kind` (or the briefing)."""
    fields = schema.BRIEFING if kind == "briefing" else schema.RECORDS[kind]
    ftype: schema.FieldType = schema.Text()
    for part in path.split("."):
        name, _, _ = part.partition("[")
        ftype = next(f.type for f in fields if f.name == name)
        while isinstance(ftype, schema.ListOf):
            ftype = ftype.item
        if isinstance(ftype, schema.Object):
            fields = schema.OBJECTS[ftype.name]
    return ftype


def is_narrative(case: dict[str, Any]) -> bool:
    ftype = field_type(case["record"].split("/")[0].removesuffix(".yml"), case["field"])
    return isinstance(ftype, schema.Text) and ftype.markup


def set_field(data: dict[str, Any], path: str, value: str) -> None:
    target: Any = data
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for part, following in zip(parts, [*parts[1:], None], strict=True):
        key: Any = int(part[1:-1]) if part.startswith("[") else part
        if following is None:
            target[key] = value
        else:
            target = target[key]


def plain_value(case: dict[str, Any]) -> str:
    """Plain text of the value's shape: as many paragraphs, each ending in a full stop where the value's does.

    The shape is what a page's structure may rightly depend on: a summary of two sentences or more has a
    lead, one of several paragraphs several of them.
    """
    if "plain" in case:  # a field that takes only a shape of its own (a host name)
        return str(case["plain"])
    if case["record"] == "pages":
        return "# Plain page\n\nPlain text."
    if case["field"] in ("title", "name"):
        return f"{PLAIN} {case['case']}"  # two records of a kind may not share a title
    paragraphs = re.split(r"\n\s*\n", case["value"]) if is_narrative(case) else [case["value"]]
    return "\n\n".join(PLAIN + ("." if p.rstrip().endswith((".", "!", "?")) else "") for p in paragraphs)


def page_of(case: dict[str, Any]) -> str:
    """Where the case's value is shown: its record's page, the home page, or the hand-written page."""
    if case["record"] == "briefing.yml":
        return "index.html"
    if case["record"] == "pages":
        return f"{case['case']}/index.html"
    return f"{case['record'].split('/')[0]}/{case['case']}/index.html"


def shown_project(folder: Path, plain: bool) -> Path:
    """base/ with every case of shown.yml added: each its own record or page."""
    shutil.copytree(BASE, folder / "content")
    briefing = yaml.safe_load((BASE / "briefing.yml").read_text(encoding="utf-8"))
    nav = ["about.md"]
    for case in SHOWN_CASES:
        value = plain_value(case) if plain else case["value"]
        if case["record"] == "pages":
            (folder / "content" / "pages" / f"{case['case']}.md").write_text(value, encoding="utf-8")
            nav.append(f"{case['case']}.md")
            continue
        if case["record"] == "briefing.yml":
            set_field(briefing, case["field"], value)
            continue
        data = yaml.safe_load((BASE / case["record"]).read_text(encoding="utf-8"))
        data["id"] = case["case"]
        heading = "title" if "title" in data else "name"
        data[heading] = f"{data[heading]} ({case['case']})"  # two records of a kind may not share a title
        data["former_ids"] = [f"{case['case']}-old"] if "former_ids" in data else []  # nor a former id
        set_field(data, case["field"], value)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
        assert yaml.safe_load(text) == data
        (folder / "content" / case["record"].split("/")[0] / f"{case['case']}.yml").write_text(text, encoding="utf-8")
    (folder / "content" / "briefing.yml").write_text(yaml.safe_dump(briefing, allow_unicode=True), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config_text(nav), encoding="utf-8")
    return folder


def build(project: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--templates", str(TEMPLATES)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus built with its hostile text, and with plain text in its place."""
    hostile = build(shown_project(tmp_path_factory.mktemp("hostile"), plain=False))
    plain = build(shown_project(tmp_path_factory.mktemp("plain"), plain=True))
    return hostile, plain


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")] if "<article" in page else page


INLINE_TAGS = r"</?(?:a|abbr|b|code|em|i|mark|q|small|span|strong|sub|sup)\b[^>]*>"


def visible(markup: str) -> str:
    """The text a reader sees: inline tags dropped, others a space, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(INLINE_TAGS, "", markup))).split())


def elements(markup: str) -> list[str]:
    """Each element's name and classes, in order: what a build with plain text must match."""
    return [
        f"{m[1]}.{m[2] or ''}" for m in re.finditer(r"<([a-zA-Z0-9]+)(?:[^>]*?\sclass=\"([^\"]*)\")?[^>]*>", markup)
    ]


LIVE = [
    re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):", re.I),
    re.compile(r"<(?:iframe|object|embed|style|base|meta http-equiv)\b", re.I),
]
"""What runs or loads, which the theme has nowhere: an event attribute, a script URL, a frame, a style."""
LIVE_IN_ARTICLE = re.compile(r"<(?:script|form|input|button|textarea|select)\b", re.I)
"""What the theme has only around the page's text (its scripts, the search form)."""


FINDER = re.compile(
    r'<form class="briefing-finder" data-index="events\.json" data-events="[./a-z]+" '
    r'data-card-suffix="(?:/|\.html)" hidden>.*?</form>',
    re.S,
)
"""Find events' own filter form (pages/event_filter.finder_form): fixed markup, no text from the records."""


def live_in(page: str) -> list[str]:
    own = FINDER.sub("", article(page), count=1)
    return [m[0] for pattern in LIVE for m in pattern.finditer(page)] + LIVE_IN_ARTICLE.findall(own)


def shown_ids() -> list[str]:
    return [f"class{c['class']}-{c['case']}" for c in SHOWN_CASES]


@pytest.mark.e2e
@pytest.mark.parametrize("case", SHOWN_CASES, ids=shown_ids())
def test_text_is_shown_exactly_as_typed_and_makes_nothing_live(case: dict[str, Any], sites: tuple[Path, Path]) -> None:
    hostile, plain = ((site / page_of(case)).read_text(encoding="utf-8") for site in sites)
    assert live_in(hostile) == []
    if case["record"] == "pages":  # sanitised, so not shown as typed: what is kept, is
        assert case["keeps"] in visible(article(hostile))
        return
    paragraphs = re.split(r"\n\s*\n", case["value"]) if is_narrative(case) else [case["value"]]
    if case.get("shown", True):
        for paragraph in paragraphs:
            assert " ".join(paragraph.split()) in visible(article(hostile))
    assert elements(hostile) == elements(plain)


@pytest.mark.e2e
def test_every_page_has_the_elements_it_has_with_plain_text(sites: tuple[Path, Path]) -> None:
    """Listings, chronologies and the pages that cite or link the cases' records too (hand-written pages aside)."""
    hostile, plain = sites
    sanitised = {page_of(c) for c in SHOWN_CASES if c["record"] == "pages"}
    pages = sorted(p.relative_to(hostile).as_posix() for p in hostile.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.html"))
    differ = [
        page
        for page in pages
        if page not in sanitised
        and elements((hostile / page).read_text(encoding="utf-8"))
        != elements((plain / page).read_text(encoding="utf-8"))
    ]
    assert differ == []


@pytest.mark.e2e
def test_the_search_index_holds_nothing_live_and_the_same_entries(sites: tuple[Path, Path]) -> None:
    hostile, plain = (
        json.loads((s / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] for s in sites
    )
    for doc in hostile:
        assert live_in(doc["text"]) == [] and live_in(doc["title"]) == [], doc["location"]
        assert re.search(r"<(?:script|img|a|form)\b", doc["text"] + doc["title"], re.I) is None, doc["location"]
    sanitised = tuple(f"{c['case']}/" for c in SHOWN_CASES if c["record"] == "pages")
    shape = [(d["location"].split("#")[0], set(re.findall(r"<([a-z0-9]+)", d["text"]))) for d in hostile]
    plain_shape = [(d["location"].split("#")[0], set(re.findall(r"<([a-z0-9]+)", d["text"]))) for d in plain]
    assert [s for s in shape if not s[0].startswith(sanitised)] == [
        s for s in plain_shape if not s[0].startswith(sanitised)
    ]


def test_every_text_field_of_the_schema_has_a_case() -> None:
    """A field added to the schema without a case here would be untested for Markdown injection."""
    wanted = set()
    for kind, fields in [*schema.RECORDS.items(), ("briefing", schema.BRIEFING)]:
        wanted |= {f"{kind}:{path}" for path in _text_paths(fields)}
    covered = {
        c["record"].split("/")[0].removesuffix(".yml") + ":" + re.sub(r"\[\d+\]", "", c["field"])
        for c in SHOWN_CASES
        if c["record"] != "pages"
    }
    assert sorted(wanted - covered) == []


def _text_paths(fields: tuple[schema.Field, ...], prefix: str = "") -> Iterator[str]:
    for field in fields:
        ftype = field.type
        while isinstance(ftype, schema.ListOf):
            ftype = ftype.item
        if isinstance(ftype, schema.Text):
            yield f"{prefix}{field.name}"
        elif isinstance(ftype, schema.Object):
            yield from _text_paths(schema.OBJECTS[ftype.name], f"{prefix}{field.name}.")


PAYLOAD = (
    '</title><script>alert(4)</script><script>alert("x")</script><img src=x onerror=alert(1)>'
    "[link](javascript:alert(2)){: onclick=alert(3)}"
)


def hostile_records() -> dict[str, str]:
    """HTML and link syntax in every field at once: the first corpus, kept as a case of its own."""
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
    project = tmp_path_factory.mktemp("payload")
    write_files(project / "content", dict(hostile_records()))
    (project / "mkdocs.yml").write_text(config_text([]), encoding="utf-8")
    return build(project)


@pytest.mark.e2e
def test_hostile_text_is_inert_in_every_page(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in text, page
        assert "<script>alert(4)" not in text, page
        assert text.split("</head>")[0].count("</title>") == 1, page  # figures' SVG <title>s are in the body
        assert live_in(text) == [], page


@pytest.mark.e2e
def test_hostile_text_is_still_readable(built: Path) -> None:
    card = (built / "events" / "2024-01-01-attack" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in card or '&lt;script&gt;alert("x")' in card


# ---- what a YAML file cannot hold: links, devices, pipes, sockets, permissions, full disks --------------------


def problems_of(root: Path) -> list[str]:
    try:
        generate(root, TEMPLATES, root.parent / "build" / "docs")
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


LINK_HINT = "(put the file itself here instead of a link, so nothing from outside the folder is published)"


@pytest.mark.parametrize(
    ("where", "target"),
    [
        ("pages/passwd.md", "/etc/passwd"),
        ("actors/passwd.yml", "/etc/passwd"),
        ("events/zero.yml", "/dev/zero"),
        ("sources/random.yml", "/dev/urandom"),
        ("places/inside.yml", "town.yml"),  # inside the content folder, but a link all the same
        ("pages", "/etc"),
        ("campaigns", "/usr/share"),
        ("briefing.yml", "/etc/hostname"),
    ],
)
def test_class1_a_link_is_never_followed(make_tree: MakeTree, where: str, target: str) -> None:
    root = make_tree(valid_records())
    (root / where).parent.mkdir(exist_ok=True)
    (root / where).symlink_to(target)
    assert problems_of(root) == [
        f"content/{where}: error: '{Path(where).name}' is a symbolic link to '{target}', which is not followed "
        f"{LINK_HINT}"
    ]
    assert not (root.parent / "build").exists()


def test_class1_a_named_pipe_is_refused_without_blocking(make_tree: MakeTree) -> None:
    """Run in a child with a time limit: reading a pipe would wait for a writer forever."""
    root = make_tree(valid_records())
    (root / "pages").mkdir()
    os.mkfifo(root / "events" / "pipe.yml")
    os.mkfifo(root / "pages" / "pipe.md")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--content", str(root), "-f", str(_config(root))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=root.parent,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.stderr.splitlines() == [
        "content/events/pipe.yml: error: 'pipe.yml' is a named pipe, not a file (only regular files are read: "
        "remove it)",
        "content/pages/pipe.md: error: 'pipe.md' is a named pipe, not a file (only regular files are read: remove it)",
        "2 errors, 0 warnings",
    ]


def _config(root: Path) -> Path:
    config = root.parent / "mkdocs.yml"
    config.write_text(config_text([]), encoding="utf-8")
    return config


def test_class1_a_socket_is_refused(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(str(root / "sources" / "s.yml"))
        assert problems_of(root) == [
            "content/sources/s.yml: error: 's.yml' is a socket, not a file (only regular files are read: remove it)"
        ]


@pytest.mark.parametrize(("kind", "words"), [(stat.S_IFCHR, "a character device"), (stat.S_IFBLK, "a block device")])
def test_class1_a_device_is_refused(make_tree: MakeTree, kind: int, words: str) -> None:
    root = make_tree(valid_records())
    try:
        os.mknod(root / "events" / "dev.yml", 0o600 | kind, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("making a device file needs root: the case is not tested here")
    assert problems_of(root) == [
        f"content/events/dev.yml: error: 'dev.yml' is {words}, not a file (only regular files are read: remove it)"
    ]


def test_class1_a_symlinked_asset_of_the_templates_is_not_copied(make_tree: MakeTree, tmp_path: Path) -> None:
    root = make_tree(valid_records())
    templates = tmp_path / "templates"
    (templates / "assets").mkdir(parents=True)
    (templates / "assets" / "extra.css").symlink_to("/etc/passwd")
    with pytest.raises(ContentError) as caught:
        generate(root, (templates, TEMPLATES), tmp_path / "build" / "docs")
    assert [str(p) for p in caught.value.problems] == [
        "templates/assets/extra.css: error: 'extra.css' is a symbolic link to '/etc/passwd', which is not followed "
        f"{LINK_HINT}"
    ]
    assert not (tmp_path / "build").exists()


def test_class1_a_file_over_the_limit_is_refused_without_reading_it(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    with (root / "events" / "huge.yml").open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    assert problems_of(root) == [
        "content/events/huge.yml: error: file is 52.4 MB, over the 1024 KiB limit for one file "
        "(split it into one record per file)"
    ]


def test_class1_a_file_that_is_not_utf8_is_placed_at_its_first_bad_byte(make_tree: MakeTree) -> None:
    root = make_tree(valid_records())
    (root / "sources" / "latin1.yml").write_bytes(b"id: latin1\ntitle: Caf\xe9\nkind: other\n")
    assert problems_of(root) == [
        "content/sources/latin1.yml:2:11: error: file is not UTF-8 text (byte 0xe9: invalid continuation byte) "
        "(save it as UTF-8)"
    ]


def run_cli(project: Path, *args: str, unprivileged: bool = False, **options: Any) -> subprocess.CompletedProcess[str]:
    """The command line in `project`; `unprivileged`: as a user whom file modes stop (root drops its override)."""
    command = [sys.executable, "-m", "generator", *args, "--templates", str(TEMPLATES)]
    if unprivileged and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root, and no setpriv to drop the override of file modes: the case is not tested here")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        **options,
    )


@pytest.fixture
def project(make_tree: MakeTree, tmp_path: Path) -> Path:
    make_tree(valid_records())
    (tmp_path / "mkdocs.yml").write_text(config_text([]), encoding="utf-8")
    return tmp_path


def test_class4_an_unreadable_record_is_one_error_naming_it(project: Path) -> None:
    (project / "content" / "sources" / "src.yml").chmod(0)
    result = run_cli(project, "validate", unprivileged=True)
    assert result.stderr.splitlines() == [
        "content/sources/src.yml: error: cannot read it: Permission denied "
        "(make it readable (chmod a+r) or move it out of the content folder)",
        "1 error, 0 warnings",
    ]


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    marked: list[Path] = []

    def mark(folder: Path) -> None:
        folder.chmod(0o555)
        marked.append(folder)

    yield mark
    for folder in marked:
        folder.chmod(0o755)


def test_class4_a_read_only_docs_folder_is_one_error_line(project: Path, read_only: Callable[[Path], None]) -> None:
    assert run_cli(project, "generate").returncode == 0
    (project / "content" / "sources" / "src.yml").write_text("id: src\ntitle: Changed\nkind: news-report\n")
    read_only(project / "build" / "docs" / "sources")
    result = run_cli(project, "build", unprivileged=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"build/docs/sources/.tmp-{result.stderr.split('.tmp-')[1].split(':')[0]}: error: cannot write the "
        "generated pages: Permission denied (make build/docs writable, or set docs_dir in mkdocs.yml to another "
        "folder; the site was left as it was)",
        "1 error, 0 warnings",
    ]
    assert not (project / "site").exists()


def _small_disk() -> None:
    """In the child: files may grow to 64 KiB, then writing fails as on a full disk (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_class5_a_full_disk_while_writing_pages_is_one_error_line(project: Path) -> None:
    padding = "x" * 80_000
    summary = f"summary: Rockets hit [[town]]. {padding}[@src]\n"
    event = project / "content" / "events" / "2024-01-01-attack.yml"
    event.write_text(event.read_text().replace("summary: Rockets hit [[town]].[@src]\n", summary))
    result = run_cli(project, "generate", preexec_fn=_small_disk)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [  # the first file written that holds the summary: the events table
        "build/docs/data/events.csv: error: cannot write the generated pages: File too large "
        "(free space on the disk; the site was left as it was)",
        "1 error, 0 warnings",
    ]
    assert not (project / "build" / "docs" / "events" / "2024-01-01-attack.md").exists()


def test_class4_an_error_is_never_a_traceback_on_the_command_line(project: Path) -> None:
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "a\\b.md").write_text("# A\n")
    result = run_cli(project, "build")
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert result.stderr.splitlines()[0] == (
        "content/pages/a\\b.md: error: page name 'a\\b' holds a backslash or a control character, which no web "
        "address can keep (rename the file with letters, digits, '-' and '_')"
    )


def test_class8_a_card_with_thousands_of_cited_rows_has_one_back_link_per_footnote(
    make_tree: MakeTree, tmp_path: Path
) -> None:
    """The shape that made footnotes quadratic: bench/footnotes.py measures the time, this holds the shape."""
    rows = "".join(
        f"  - {{actor: group, role: {role}, attribution: claimed, sources: [src]}}\n"
        for role in list(schema.VOCABULARIES["role"]) * 60
    )
    event = valid_records()["events/2024-01-01-attack.yml"]
    event = event.replace("participants:\n", f"participants:\n{rows}")
    root = make_tree({**valid_records(), "events/2024-01-01-attack.yml": event})
    generate(root, TEMPLATES, tmp_path / "docs")
    card = (tmp_path / "docs" / "events" / "2024-01-01-attack.md").read_text(encoding="utf-8")
    assert card.count('href="#fn:1"') > 960  # each row's, and the summary's and the event's sources
    assert (card.count('id="fnref:1"'), card.count("[^1]:"), card.count("[^1]")) == (1, 1, 1)


def test_the_corpus_has_a_case_for_every_class() -> None:
    classes = {c["class"] for c in ERROR_CASES + SHOWN_CASES}
    names = {name.split("_")[1] for name in globals() if name.startswith("test_class")}
    assert classes | {int(n.removeprefix("class")) for n in names} >= {1, 2, 3, 4, 5, 6, 7, 8, 9}
    assert len({c["case"] for c in ERROR_CASES + SHOWN_CASES}) == len(ERROR_CASES) + len(SHOWN_CASES)


CLASSES = {
    1: "Files from outside the content folder",
    2: "Raw HTML in hand-written pages",
    3: "Markdown injection in record text",
    4: "A traceback instead of a positioned error",
    5: "A failed build that wedges later ones",
    6: "Name collisions",
    7: "Impossible or contradictory data",
    8: "Quadratic footnotes",
    9: "Errors that hide what is wrong",
}
"""Issue 18's classes, by number."""


def corpus_table() -> str:
    """Cases per class: from errors.yml, shown.yml and this file's test_classN_ tests (each parameter a case)."""
    counts = {number: [0, 0, 0] for number in CLASSES}
    for column, found in enumerate((ERROR_CASES, SHOWN_CASES)):
        for case in found:
            counts[case["class"]][column] += 1
    for name, test in sorted(globals().items()):
        if number := re.match(r"test_class(\d)_", name):
            marks = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
            counts[int(number[1])][2] += math.prod(len(m.args[1]) for m in marks)
    lines = ["| class | errors.yml | shown.yml | test_hostile.py | cases |", "|---|--:|--:|--:|--:|"]
    for number, (errors, shown, tests) in counts.items():
        lines.append(f"| {number}. {CLASSES[number]} | {errors} | {shown} | {tests} | {errors + shown + tests} |")
    errors, shown, tests = (sum(column) for column in zip(*counts.values(), strict=True))
    lines.append(f"| all | {errors} | {shown} | {tests} | {errors + shown + tests} |")
    return "\n".join(lines) + "\n"


def test_the_readme_counts_the_corpus_by_class() -> None:
    """tests/hostile/README.md's table is this corpus's, and the corpus holds at least 100 cases."""
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- cases by class -->\n", 1)[1].split("<!-- end -->", 1)[0]
    assert table == corpus_table(), "update tests/hostile/README.md's table to:\n" + corpus_table()
    assert int(table.splitlines()[-1].split("|")[-2]) >= 100


def test_os_errors_the_cases_rely_on_are_the_usual_ones() -> None:
    """The messages above quote the system's words; a platform with other words fails here first."""
    assert (os.strerror(errno.EACCES), os.strerror(errno.EFBIG)) == ("Permission denied", "File too large")
