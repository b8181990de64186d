"""The incremental build: only pages whose inputs changed are rendered, and the site is a full build's."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File

from generator.cli import main
from generator.errors import ContentError
from generator.pages.pipeline import generate
from generator.site import cache_key, incremental
from generator.site.build import BuildError, build_site, cache_folder
from generator.site.incremental import Cache, PageRecord
from tests.conftest import FIXTURE, FIXTURE_CONFIG, TEMPLATES, shipped_config_text, snapshot
from tests.test_incremental import EDITS, Edit, write

CONFIG = """\
site_name: Reuse
docs_dir: docs
strict: true
theme:
  name: material
plugins:
  - search
nav:
  - Home: index.md
  - Alpha: a.md
extra_css:
  - style.css
validation:
  links:
    anchors: warn
"""

PAGES = {
    "index.md": "# Welcome\n\nStart at [alpha](a.md).\n",
    "a.md": "# Alpha\n\n## First part\n\nSee [beta's second part](b.md#second-part) and [gamma](c.md).\n",
    "b.md": "# Beta\n\n## Second part\n\nBack to [alpha's first part](a.md#first-part).\n",
    "c.md": "# Gamma\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "d.md": "# Delta\n\nSee [gamma](c.md).\n",
    "style.css": "body { color: black; }\n",
}

KEY = {part: f"{part}-digest" for part in cache_key.REASONS}
PRINTS_META_TITLES = (
    '{% extends "base.html" %}{% block extrahead %}{{ super() }}'
    "{% for item in nav %}<meta name=x content='{{ item.meta.title }}'>{% endfor %}{% endblock %}"
)
INSTALLED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}


# Unit tests: the key, the reasons, the plan, the cache file.


def cache(key: dict[str, str] | None = None, pages: dict[str, PageRecord] | None = None) -> Cache:
    return Cache(dict(key or KEY), dict(INSTALLED), ["a.md", "b.md", "c.md", "style.css"], pages or {})


def test_without_a_cache_every_page_is_rendered() -> None:
    assert incremental.difference(None, KEY, INSTALLED) == "no cache yet"


def test_the_same_key_reuses_the_pages() -> None:
    assert incremental.difference(cache(), KEY, INSTALLED) == ""


@pytest.mark.parametrize("part", [part for part in cache_key.REASONS if part != "packages"])
def test_each_shared_input_that_changed_is_named(part: str) -> None:
    assert incremental.difference(cache(), {**KEY, part: "other"}, INSTALLED) == cache_key.REASONS[part]


def test_changed_packages_are_named_with_their_versions() -> None:
    installed = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.3", "pymdown-extensions": "10.0"}
    assert incremental.difference(cache(), {**KEY, "packages": "other"}, installed) == (
        "installed packages changed (mkdocs-material 9.8.2 → 9.8.3, pymdown-extensions none → 10.0)"
    )


def test_many_changed_packages_are_counted() -> None:
    after = {f"p{n}": "2" for n in range(5)}
    assert cache_key.changed_packages({}, after) == "p0 none → 2, p1 none → 2, p2 none → 2 and 2 more"


def test_the_nav_is_compared_last_as_the_reason_most_specific() -> None:
    assert list(cache_key.REASONS)[-1] == "nav"
    assert incremental.difference(cache(), {**KEY, "config": "x", "nav": "y"}, INSTALLED) == "mkdocs.yml changed"


def page(src: str, docs: Path) -> File:
    return File(src, str(docs), str(docs.parent / "site"), use_directory_urls=True)


@pytest.fixture
def last_site(tmp_path: Path) -> Path:
    """A last site holding b/ and c/ (d/ was never written)."""
    for name in ("b", "c"):
        (tmp_path / "site" / name).mkdir(parents=True)
        (tmp_path / "site" / name / "index.html").write_text(f"<p>{name}</p>", encoding="utf-8")
    return tmp_path / "site"


def records(site: Path, **lookups: list[str]) -> dict[str, PageRecord]:
    html = {name: site / name / "index.html" for name in "abcd"}
    return {
        f"{name}.md": PageRecord(
            f"md-{name}",
            lookups.get(name, []),
            html=incremental.html_stamp(html[name]),
            html_digest=incremental.html_digest(html[name]),
        )
        for name in "abcd"
    }


def plan(previous: Cache, files: list[str], site: Path, markdown: dict[str, str] | None = None) -> list[str]:
    """The pages the plan renders."""
    docs = site.parent / "docs"
    pages = [page(f"{name}.md", docs) for name in ("a", "b", "c", "d", "e")]
    digests = [(markdown or {}).get(f.src_uri, f"md-{f.src_uri[0]}") for f in pages]
    planned = incremental.plan(previous, "", pages, digests, files, {"a.md"}, site)
    assert sorted([*planned.render, *planned.kept]) == list(range(len(pages)))
    return [pages[n].src_uri for n in planned.render]


def test_a_plan_renders_the_nav_new_pages_and_pages_whose_html_is_not_the_cached_file(last_site: Path) -> None:
    # a.md: in the nav; d.md: its HTML was never written, which the cache says; e.md: new.
    previous = cache(pages=records(last_site))
    assert plan(previous, previous.files, last_site) == ["a.md", "e.md"]


def test_a_page_whose_markdown_changed_is_rendered(last_site: Path) -> None:
    previous = cache(pages=records(last_site))
    assert plan(previous, previous.files, last_site, {"c.md": "md-c, edited"}) == ["a.md", "c.md", "e.md"]


@pytest.mark.parametrize("change", ["came", "went"])
def test_a_page_whose_link_looked_up_a_file_that_came_or_went_is_rendered(last_site: Path, change: str) -> None:
    previous = cache(pages=records(last_site, b=["c.md", "style.css"], c=["gone.md"]))
    files = [*previous.files, "gone.md"] if change == "came" else [f for f in previous.files if f != "style.css"]
    assert plan(previous, files, last_site) == ["a.md", "c.md" if change == "came" else "b.md", "e.md"]


@pytest.mark.parametrize("how", ["edited", "removed"])
def test_a_page_whose_html_was_changed_by_hand_is_rendered(last_site: Path, how: str) -> None:
    previous = cache(pages=records(last_site))
    html = last_site / "b" / "index.html"
    if how == "edited":
        html.write_text("<p>b, by hand and longer</p>", encoding="utf-8")
    else:
        html.unlink()
    assert plan(previous, previous.files, last_site) == ["a.md", "b.md", "e.md"]


def test_a_restored_site_whose_pages_have_other_times_but_the_same_bytes_is_kept(last_site: Path) -> None:
    previous = cache(pages=records(last_site))
    for name in "bc":  # as actions/cache restores it: the same files, other times
        os.utime(last_site / name / "index.html", ns=(1, 1))
    assert plan(previous, previous.files, last_site) == ["a.md", "e.md"]


def test_a_full_plan_renders_every_page_and_keeps_none(tmp_path: Path) -> None:
    pages = [page("a.md", tmp_path), page("b.md", tmp_path)]
    planned = incremental.plan(cache(), "mkdocs.yml changed", pages, ["x", "y"], [], set(), tmp_path)
    assert (planned.full, planned.render, planned.kept) == ("mkdocs.yml changed", [0, 1], {})


def test_the_cache_reads_back_what_was_saved(tmp_path: Path) -> None:
    entries = [{"location": "a/", "title": "A", "text": "é"}]
    record = PageRecord("md", ["c.md"], entries, ["x"], {"b.md": {"s": "b.md#s"}}, [(1, 20, "INFO    -  a line")])
    saved = cache({**KEY, "format": str(cache_key.FORMAT)}, {"a.md": record})
    incremental.save(saved, tmp_path / incremental.CACHE_FILE)
    assert incremental.load(tmp_path) == saved


@pytest.mark.parametrize("text", ["", "{", "[]", f'{{"key": {{"format": "{cache_key.FORMAT}"}}}}', '{"key": 3}'])
def test_an_unreadable_cache_is_no_cache(tmp_path: Path, text: str) -> None:
    (tmp_path / incremental.CACHE_FILE).write_text(text, encoding="utf-8")
    assert incremental.load(tmp_path) is None


def test_a_cache_of_another_format_is_named_so(tmp_path: Path) -> None:
    (tmp_path / incremental.CACHE_FILE).write_text('{"key": {"format": "0"}, "pages": {}}', encoding="utf-8")
    assert incremental.difference(incremental.load(tmp_path), KEY, INSTALLED) == cache_key.REASONS["format"]


def config_with(tmp_path: Path, extra: str, base: str = CONFIG) -> cache_key.MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(base + extra, encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("", ""),
        ("markdown_extensions:\n  - admonition\n  - pymdownx.details\n", ""),
        (
            "markdown_extensions:\n  - pymdownx.snippets\n",
            "the Markdown extension pymdownx.snippets may read files other than the page",
        ),
        (
            "markdown_extensions:\n  - some_package.includer\n",
            "the Markdown extension some_package.includer may read files other than the page",
        ),
        ("extra:\n  home: !ENV [HOME, '/']\n", "mkdocs.yml reads environment variables (!ENV)"),
    ],
)
def test_what_cannot_be_proven_unchanged_is_refused(tmp_path: Path, extra: str, reason: str) -> None:
    if "some_package" in extra:  # MkDocs would refuse to load an extension that is not installed
        config = config_with(tmp_path, "")
        config.markdown_extensions.append("some_package.includer")
    else:
        config = config_with(tmp_path, extra)
    assert cache_key.refusal(config) == reason


def test_mkdocs_own_theme_is_refused_for_the_build_date_on_its_pages(tmp_path: Path) -> None:
    config = config_with(tmp_path, "", CONFIG.replace("name: material", "name: mkdocs"))
    assert cache_key.refusal(config) == "the mkdocs theme is not known to leave the build date out of its pages"


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("{% extends 'base.html' %}{% block footer %}{{ page.title }}{% endblock %}", ""),
        ("{{ build_date_utc }}", "the template main.html reads every page or the build date"),
        ("{% for p in pages %}{{ p.title }}{% endfor %}", "the template main.html reads every page or the build date"),
    ],
)
def test_custom_templates_that_read_every_page_are_refused(tmp_path: Path, template: str, reason: str) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(template, encoding="utf-8")
    config = config_with(tmp_path, "", CONFIG.replace("name: material\n", "name: material\n  custom_dir: overrides\n"))
    assert cache_key.refusal(config) == reason


def test_a_custom_template_is_part_of_the_key(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    config = config_with(tmp_path, "", CONFIG.replace("name: material\n", "name: material\n  custom_dir: overrides\n"))
    files = cache_key._own_theme_files(config)
    before = cache_key._files_digest(files)
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}{# edited #}", encoding="utf-8")
    assert [p.name for p in files] == ["main.html"]
    assert cache_key._files_digest(cache_key._own_theme_files(config)) != before


def test_the_shipped_theme_override_keeps_builds_incremental_and_is_part_of_the_key(tmp_path: Path) -> None:
    """The feed link's main.html (site_templates/init/overrides) reads no other page: builds stay incremental."""
    text = shipped_config_text().replace("docs_dir: build/docs", "docs_dir: docs")
    config = config_with(tmp_path, "", text)
    assert cache_key.refusal(config) == ""
    assert [p.name for p in cache_key._own_theme_files(config)] == ["main.html"]


def test_a_config_s_inherited_settings_are_part_of_the_key(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: Base\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text('INHERIT: "base.yml"  # shared settings\n', encoding="utf-8")
    before = cache_key._config_bytes(tmp_path / "mkdocs.yml")
    (tmp_path / "base.yml").write_text("site_name: Base, renamed\n", encoding="utf-8")
    assert cache_key._config_bytes(tmp_path / "mkdocs.yml") != before


def static_files(root: Path, out: str) -> list[File]:
    """data/a.csv and data/b.csv in root/docs, to be copied into root/<out>."""
    for name in ("a", "b"):
        if not (root / "docs" / "data" / f"{name}.csv").exists():
            put(root / "docs" / "data" / f"{name}.csv", f"id\n{name}\n")
    return [File(f"data/{n}.csv", str(root / "docs"), str(root / out), use_directory_urls=True) for n in "ab"]


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_unchanged_static_files_are_linked_from_the_last_site_and_changed_ones_copied(tmp_path: Path) -> None:
    stamps = incremental.copy_static(static_files(tmp_path, "site"), {}, None, set())
    put(tmp_path / "docs" / "data" / "b.csv", "id\nB\n")  # the generator rewrote it
    again = incremental.copy_static(static_files(tmp_path, "next"), stamps, tmp_path / "site", set())
    assert inode(tmp_path / "next" / "data" / "a.csv") == inode(tmp_path / "site" / "data" / "a.csv")
    assert inode(tmp_path / "next" / "data" / "b.csv") != inode(tmp_path / "site" / "data" / "b.csv")
    assert (tmp_path / "next" / "data" / "b.csv").read_text(encoding="utf-8") == "id\nB\n"
    assert again["data/a.csv"] == stamps["data/a.csv"] and again["data/b.csv"] != stamps["data/b.csv"]


@pytest.mark.parametrize("how", ["edited in the last site", "rewritten by a template", "no stamps kept"])
def test_a_static_file_is_copied_when_its_last_copy_cannot_be_proven_the_same(tmp_path: Path, how: str) -> None:
    stamps = incremental.copy_static(static_files(tmp_path, "site"), {}, None, set())
    rewritten = {"data/a.csv"} if how == "rewritten by a template" else set()
    if how == "edited in the last site":
        (tmp_path / "site" / "data" / "a.csv").write_text("id\nhand\n", encoding="utf-8")
    previous = {} if how == "no stamps kept" else stamps
    incremental.copy_static(static_files(tmp_path, "next"), previous, tmp_path / "site", rewritten)
    assert inode(tmp_path / "next" / "data" / "a.csv") != inode(tmp_path / "site" / "data" / "a.csv")
    assert (tmp_path / "next" / "data" / "a.csv").read_text(encoding="utf-8") == "id\na\n"


# End to end: MkDocs builds.


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # one build date: sitemaps compare byte for byte
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in PAGES.items():
        put(tmp_path / "docs" / name, text)
    return tmp_path


def put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rebuild(project: Path) -> tuple[str, int]:
    """Build incrementally, then fully elsewhere: why it was full ("" if not) and pages rendered; sites equal."""
    built = build_site(project / "mkdocs.yml", project / "site", jobs=2)
    shutil.rmtree(project / "full", ignore_errors=True)
    build_site(project / "mkdocs.yml", project / "full", jobs=2, full=True)
    assert snapshot(project / "site") == snapshot(project / "full")
    return built.full, built.rendered


@pytest.mark.e2e
def test_a_second_build_of_the_same_pages_renders_none(project: Path) -> None:
    assert build_site(project / "mkdocs.yml", project / "site", jobs=2).full == "no cache yet"
    assert rebuild(project) == ("", 0)


@pytest.mark.e2e
@pytest.mark.parametrize(("front_matter", "rendered"), [("---\ntitle: Alpha\n---\n", 0), ("", 1)])
def test_a_nav_page_is_kept_unless_only_rendering_can_title_it(project: Path, front_matter: str, rendered: int) -> None:
    """A page the nav does not title is titled by its front matter (as the generator's are), else by its
    heading, which only rendering finds: MkDocs renders that one while gathering, so it always is."""
    (project / "mkdocs.yml").write_text(CONFIG.replace("  - Alpha: a.md", "  - a.md"), encoding="utf-8")
    put(project / "docs" / "a.md", front_matter + PAGES["a.md"])
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    assert rebuild(project) == ("", rendered)
    put(project / "docs" / "a.md", front_matter + PAGES["a.md"] + "\nMore.\n")
    assert rebuild(project) == ("", 1)


@pytest.mark.e2e
@pytest.mark.parametrize("full", [False, True])
def test_a_full_build_for_a_shared_input_still_links_unchanged_static_files(project: Path, full: bool) -> None:
    """A stylesheet edit renders every page, but a download proves itself by its own stamps; only --full copies."""
    put(project / "docs" / "data.json", "[]\n")
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    before = inode(project / "site" / "data.json")
    put(project / "docs" / "style.css", "body { color: navy; }\n")
    built = build_site(project / "mkdocs.yml", project / "site", jobs=2, full=full)
    assert built.full == ("asked for (--full)" if full else cache_key.REASONS["assets"])
    assert (inode(project / "site" / "data.json") == before) is not full


@pytest.mark.e2e
@pytest.mark.parametrize(("override", "expected"), [("", ("", 1)), (PRINTS_META_TITLES, None)])
def test_the_front_matter_title_of_a_page_the_nav_titles_is_its_own_pages_alone(
    project: Path, override: str, expected: tuple[str, int] | None
) -> None:
    """The nav says "Alpha": every other page shows that, so retitling a.md's front matter renders a.md
    only, unless a template of the site's own prints other pages' front-matter titles."""
    if override:
        put(project / "overrides" / "main.html", override)
        (project / "mkdocs.yml").write_text(
            CONFIG.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8"
        )
    put(project / "docs" / "a.md", "---\ntitle: Alpha, part 1 of 10\n---\n" + PAGES["a.md"])
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    put(project / "docs" / "a.md", "---\ntitle: Alpha, part 1 of 11\n---\n" + PAGES["a.md"])
    assert rebuild(project) == (expected or (cache_key.REASONS["nav"], 5))


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: put(p / "docs" / "c.md", PAGES["c.md"] + "\nMore.\n"), ("", 1)),
        (lambda p: (p / "docs" / "d.md").unlink(), ("", 0)),  # nothing links to d.md
        (lambda p: put(p / "docs" / "e.md", "# Epsilon\n\n[Gamma](c.md#gamma)\n"), ("", 1)),
        (
            lambda p: put(p / "docs" / "a.md", PAGES["a.md"].replace("# Alpha", "# Alef")),
            ("", 1),
        ),  # the nav names it "Alpha": only its own page changed
        (
            lambda p: put(p / "docs" / "style.css", "body { color: navy; }\n"),
            (cache_key.REASONS["assets"], 5),
        ),
        (lambda p: put(p / "docs" / "data.json", "[]\n"), ("", 0)),  # a download no page names
        (
            lambda p: put(p / "mkdocs.yml", CONFIG.replace("site_name: Reuse", "site_name: Reused")),
            ("mkdocs.yml changed", 5),
        ),
        (
            lambda p: put(p / "mkdocs.yml", CONFIG.replace("  - Alpha: a.md\n", "  - Alpha: a.md\n  - Gamma: c.md\n")),
            ("mkdocs.yml changed", 5),
        ),
    ],
    ids=["page", "removed-page", "new-page", "nav-page-heading", "css", "download", "config", "nav-in-config"],
)
def test_an_incremental_build_is_the_full_build(project: Path, change: object, expected: tuple[str, int]) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    change(project)  # type: ignore[operator]
    assert rebuild(project) == expected


@pytest.mark.e2e
def test_a_retitled_nav_page_renders_every_page_again(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    put(project / "docs" / "a.md", PAGES["a.md"].replace("# Alpha", "# Alef"))
    (project / "mkdocs.yml").write_text(CONFIG.replace("  - Alpha: a.md", "  - a.md"), encoding="utf-8")
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    put(project / "docs" / "a.md", PAGES["a.md"].replace("# Alpha", "# Aleph"))
    assert rebuild(project) == (cache_key.REASONS["nav"], 5)


@pytest.mark.e2e
def test_a_kept_page_linking_to_a_removed_page_fails_the_build_as_a_full_build_would(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    good, kept = snapshot(project / "site"), (cache_folder(project / "site") / incremental.CACHE_FILE).read_bytes()
    (project / "docs" / "c.md").unlink()  # d.md, unchanged, links to it
    with pytest.raises(BuildError) as caught:
        build_site(project / "mkdocs.yml", project / "site", jobs=2)
    assert "Doc file 'd.md' contains a link 'c.md', but the target is not found among documentation files." in str(
        caught.value
    )
    assert snapshot(project / "site") == good
    assert (cache_folder(project / "site") / incremental.CACHE_FILE).read_bytes() == kept
    assert not list(cache_folder(project / "site").glob("*.new"))


@pytest.mark.e2e
def test_a_broken_anchor_into_a_kept_page_is_found(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    put(project / "docs" / "e.md", "# Epsilon\n\n[Beta's third part](b.md#third-part)\n")
    with pytest.raises(BuildError, match=re.escape("the doc 'b.md' does not contain an anchor '#third-part'")):
        build_site(project / "mkdocs.yml", project / "site", jobs=2)


@pytest.mark.e2e
def test_a_page_edited_by_hand_in_the_site_is_rendered_again(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    (project / "site" / "d" / "index.html").write_text("defaced", encoding="utf-8")
    assert rebuild(project) == ("", 1)


@pytest.mark.e2e
def test_a_deleted_cache_is_a_full_build(project: Path) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    shutil.rmtree(project / ".cache")
    assert rebuild(project) == ("no cache yet", 5)


@pytest.mark.e2e
@pytest.mark.parametrize(("flags", "reason"), [(["--jobs", "1"], "--jobs 1 runs mkdocs build itself")])
def test_a_build_that_keeps_no_cache_says_so_and_removes_the_old_one(
    project: Path, capsys: pytest.CaptureFixture[str], flags: list[str], reason: str
) -> None:
    build_site(project / "mkdocs.yml", project / "site", jobs=2)
    built = build_site(project / "mkdocs.yml", project / "site", jobs=1)
    assert built.full == f"no cache kept: {reason}"
    assert not (cache_folder(project / "site") / incremental.CACHE_FILE).exists()


# The whole pipeline: records edited, each edit followed by an incremental build, against a full build.

RENAMED = "events/2024-01-strike-renamed.yml"


def rename_event(root: Path) -> None:
    old = root / "content" / "events" / "2024-01-strike-month-only.yml"
    if old.exists():
        text = old.read_text(encoding="utf-8").replace("2024-01-strike-month-only", "2024-01-strike-renamed")
        write(RENAMED, text)(root)
        old.unlink()


BUILD_EDITS: dict[str, Edit] = {
    **{name: edit for name, edit in EDITS.items() if name != "template"},
    "rename-event": rename_event,
    "page-link": write("pages/about.md", "# About\n\nSee [[base-b]] and [[militia-k]].\n"),
}


def build_briefing(root: Path, site: str, full: bool = False) -> str | None:
    """Generate and build; the summary's reason for a full build ("" if incremental), None if it failed."""
    config = root / "mkdocs.yml"
    try:
        generate(root / "content", TEMPLATES, root / "build" / "docs", config=config)
        return build_site(config, root / site, jobs=2, full=full).full
    except (ContentError, BuildError):
        return None


@pytest.mark.e2e
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(BUILD_EDITS)), min_size=2, max_size=4))
def test_incremental_builds_equal_full_builds_after_any_edits(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, edits: list[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(FIXTURE, root / "content")
    shutil.copy(FIXTURE_CONFIG, root / "mkdocs.yml")
    assert build_briefing(root, "site") == "no cache yet"
    for name in edits:
        last_good = snapshot(root / "site")
        BUILD_EDITS[name](root)
        outcome = build_briefing(root, "site")
        if outcome is None:  # a failed build leaves the last good site
            assert snapshot(root / "site") == last_good, f"after {edits}"
            continue
        shutil.rmtree(root / "full", ignore_errors=True)
        assert build_briefing(root, "full", full=True) is not None
        assert snapshot(root / "site") == snapshot(root / "full"), f"after {edits}"


@pytest.mark.e2e
def test_the_summary_says_how_many_pages_were_rendered(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURE, project / "content")
    shutil.copy(FIXTURE_CONFIG, project / "mkdocs.yml")
    args = ["build", "-f", str(project / "mkdocs.yml"), "--jobs", "2"]
    assert main(args) == 0
    assert main(args) == 0
    assert main([*args, "--full"]) == 0
    first, second, third = (line for line in capsys.readouterr().out.splitlines() if line.startswith("built"))
    assert re.search(r"; full build \(no cache yet\): \d+ pages$", first)
    rendered = re.search(r"; incremental: (\d+) of (\d+) pages rendered, the rest taken from the last build$", second)
    assert rendered is not None and int(rendered[1]) == 0 < int(rendered[2])  # nothing changed: none rendered
    assert re.search(r"; full build \(asked for \(--full\)\): \d+ pages$", third)
    assert json.loads((cache_folder(project / "site") / incremental.CACHE_FILE).read_text())["key"]["format"] == str(
        cache_key.FORMAT
    )
