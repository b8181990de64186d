"""Index → {path: markdown}. Pure: reads templates, writes nothing.

Templates are Jinja2 with StrictUndefined and autoescaping on, but the
escaping is Markdown's: `finalize` turns every plain string into escaped
Markdown (`Markup`) before Jinja's HTML escape sees it, so only `Markup` built
by `context` or `records.markup` (links, footnotes, escaped narrative) or by a
macro passes through unchanged. What pages there are, and what each shows,
is planned by `record_pages` and `listings`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.pages.chain_figure import chain_figure
from generator.pages.chains import plan_chains_page
from generator.pages.context import LinkMemo, PageContext
from generator.pages.data_page import plan_data_page
from generator.pages.drawing import counts_figure, timeline_figure
from generator.pages.event_filter import event_index_json, finder_form, plan_event_finder
from generator.pages.filters import anchor, date_text, figure, label
from generator.pages.listings import UNSEARCHED, plan_listings
from generator.pages.record_pages import PagePlan, plan_record_pages
from generator.pages.terms import plan_terms
from generator.records import schema
from generator.records.dates import MONTHS
from generator.records.index import Index
from generator.records.markup import code_span, escape_plain
from generator.records.model import Record


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_plain(value)
    if value is None:
        raise ValueError("a template printed None; guard optional fields with {% if %}")
    return value


@jinja2.pass_context
def _vocabulary_label(context: jinja2.runtime.Context, term: str, vocabulary: str | None = None) -> str:
    """A term as the briefing labels it (its own label for a term it added), else made from the term."""
    page = context.get("page")
    return page.index.corpus.vocabulary.label(term, vocabulary) if page is not None else label(term)


def make_environment(templates: Path | Sequence[Path]) -> jinja2.Environment:
    """Templates are looked up in each folder in turn: a briefing's own, then the generator's."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A template edit makes a new environment (see pipeline._stamp), so
        # Jinja need not stat every template file on every page.
        auto_reload=False,
    )
    env.filters["label"] = _vocabulary_label
    env.filters["date"] = date_text
    env.filters["figure"] = figure
    env.filters["code"] = code_span
    env.globals["schema"] = schema
    env.globals["MONTHS"] = MONTHS
    # trim_blocks eats the newline after a line that ends in a block tag;
    # templates end such lines with {{ eol }} to keep it.
    env.globals["eol"] = Markup("")
    env.globals["anchor"] = anchor
    env.globals["timeline_figure"] = timeline_figure
    env.globals["counts_figure"] = counts_figure
    env.globals["chain_figure"] = chain_figure
    env.globals["event_index_json"] = event_index_json
    env.globals["finder_form"] = finder_form
    # Search indexes only what a reader looks for (titles, names, narrative);
    # sections marked with this are left out, keeping the index small at scale.
    env.globals["unsearched"] = Markup(" { data-search-exclude }")
    # With Pagefind, only regions marked so are indexed (the same titles, names
    # and narrative), and pages without one (the listing pages) are skipped.
    env.globals["indexed"] = Markup(" { data-pagefind-body }")
    return env


_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters JSON leaves as they are but YAML refuses (DEL, C1 controls, U+FFFE/F) or reads as line breaks."""


def _yaml_string(value: Any) -> str:
    """A JSON value as YAML flow text: JSON's escapes are YAML's, for the characters YAML cannot take raw."""
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter; the title is HTML-escaped text.

    Without it MkDocs takes the title from the H1 and Material prints it
    through `striptags`, which *unescapes* entities: a record named
    '</title><script>…' would then break out of <title>. Material prints a
    front-matter title verbatim, and a browser decodes the escapes for display.
    Front matter YAML cannot read is dropped, and the H1 used again: so every
    value is written as YAML can read it.
    """
    if not meta:
        return ""
    lines = ["---"]
    for key, value in meta.items():
        shown = html.escape(value, quote=False) if key == "title" else value
        if isinstance(shown, list):
            lines += [f"{key}:", *(f"  - {_yaml_string(v)}" for v in shown)]
        elif isinstance(shown, dict):
            lines += [f"{key}:", *(f"  {k}: {_yaml_string(v)}" for k, v in shown.items())]
        else:
            lines.append(f"{key}: {_yaml_string(shown)}")
    return "\n".join([*lines, "---", "", ""])


def plan(index: Index) -> Iterator[PagePlan]:
    """Every page of the site: the records', the listings', the vocabulary and the hand-written ones."""
    yield from plan_record_pages(index)
    yield from plan_listings(index)
    yield from plan_terms(index)
    yield from plan_data_page(index)
    yield plan_chains_page(index)
    yield from plan_event_finder(index)
    for page in index.corpus.pages:
        yield page.name, "handwritten.md.j2", {"text": page.text}


@dataclass
class _Rendered:
    template: str
    context: dict[str, Any]
    used: frozenset[str]
    text: str


@dataclass
class RenderCache:
    """Pages rendered last time, reused when nothing they show has changed.

    A page's text is a function of its template, its context and the records
    it linked to or cited (PageContext.used). If the context is equal and
    each used record is the same (the validate cache hands back the very same
    object for an unchanged file), the old text is the new text. Templates
    must not reach into the index except through those two channels.

    A page whose used record changes is re-rendered in that same run, so a
    kept page's records are always those of the last run (`records`): one
    comparison per record per run finds what changed, and each page then
    needs only a set-disjointness test rather than a comparison per link.
    """

    templates: Path | Sequence[Path] | None = None
    env: jinja2.Environment | None = None
    pages: dict[str, _Rendered] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    rendered: int = 0


Texts = list[tuple[str, frozenset[str]]]
"""Each page's text and the records it used, as a share of the pages sends them back."""


@dataclass(frozen=True)
class Shares:
    """How to render the pages in `jobs` processes: `run` calls each function in its own (a fork, so
    the index and the plan need not be sent) and returns their results in order."""

    jobs: int
    run: Callable[[Sequence[Callable[[], Texts]]], list[Texts]]


def render_site(
    index: Index,
    templates: Path | Sequence[Path],
    cache: RenderCache | None = None,
    search_page: bool = False,
    planned: list[PagePlan] | None = None,
    shares: Shares | None = None,
) -> dict[str, str]:
    """Every page of the site, keyed by its path in the docs tree (plus search.md for Pagefind).

    `planned` is `plan(index)` when the caller has made it already; with `shares`, the pages
    to render are rendered in that many processes.
    """
    cache = RenderCache() if cache is None else cache
    if cache.env is None or cache.templates != templates:
        cache.templates, cache.env, cache.pages = templates, make_environment(templates), {}
    renderer = _Renderer(index, cache.env)
    changed = _changed_ids(cache.records, index.by_id) if cache.pages else set()
    extra = [("search.md", "search.md.j2", {"title": "Search", "meta": UNSEARCHED})] if search_page else []
    fresh: dict[str, _Rendered] = {}
    todo: list[PagePlan] = []
    for path, template, context in [*(plan(index) if planned is None else planned), *extra]:
        old = cache.pages.get(path)
        if old is not None and _still_valid(old, template, context, changed):
            fresh[path] = old
        else:
            todo.append((path, template, context))
    fresh.update(_render_all(renderer, todo, shares))
    # Only a complete run updates the cache: a template error leaves the last one whole.
    cache.pages, cache.records, cache.rendered = fresh, index.by_id, len(todo)
    return {path: fresh[path].text for path in sorted(fresh)}


def _render_all(renderer: _Renderer, todo: list[PagePlan], shares: Shares | None) -> dict[str, _Rendered]:
    if shares is None or shares.jobs < 2 or len(todo) < 2 * shares.jobs:
        return {path: renderer.render(path, template, context) for path, template, context in todo}
    parts = [todo[n :: shares.jobs] for n in range(shares.jobs)]  # dealt in turn: each gets every kind of page
    results = shares.run([partial(_texts, renderer, part) for part in parts])
    return {
        path: _Rendered(template, context, used, text)
        for part, texts in zip(parts, results, strict=True)
        for (path, template, context), (text, used) in zip(part, texts, strict=True)
    }


def _texts(renderer: _Renderer, part: list[PagePlan]) -> Texts:
    """In a share's process: its pages' texts, without their contexts, which the caller holds."""
    return [(page.text, page.used) for page in (renderer.render(*planned) for planned in part)]


def page_paths(index: Index, search_page: bool = False) -> set[str]:
    """The path of every page `render_site` makes, without rendering one: what a nav entry may name."""
    planned = {path for path, _, _ in plan(index)}
    return planned | {"search.md"} if search_page else planned


def _changed_ids(before: dict[str, Record], after: dict[str, Record]) -> set[str]:
    """Ids whose record was removed or is no longer the same (or an equal) object."""
    changed = set(before.keys() - after.keys())
    for record_id, record in after.items():
        old = before.get(record_id)
        if old is not record and old != record:
            changed.add(record_id)
    return changed


def _still_valid(old: _Rendered, template: str, context: dict[str, Any], changed: set[str]) -> bool:
    return old.template == template and old.context == context and old.used.isdisjoint(changed)


class _Renderer:
    """Renders one page after another, sharing the run's memo of links and citations."""

    def __init__(self, index: Index, env: jinja2.Environment) -> None:
        self.index = index
        self.env = env
        self.links = LinkMemo()

    def render(self, path: str, template: str, context: dict[str, Any]) -> _Rendered:
        page = PageContext(path, self.index, self.links)
        text = self.env.get_template(template).render(page=page, **context)
        title = context.get("title")
        meta = {"title": title, **context.get("meta", {})} if title else context.get("meta", {})
        return _Rendered(template, context, frozenset(page.used), front_matter(meta) + text.rstrip() + "\n")
