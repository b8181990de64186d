from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.errors import ContentError
from generator.pages.pipeline import load_index
from generator.records.markup import Cite, XRef, code_span, escape_plain, parse_narrative, render_narrative
from tests.conftest import MakeTree, valid_records

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
BLOCK_TAGS = ("<li", "<hr", "<h1", "<h2", "<blockquote", "<div", "<pre", "<table", "<dl")


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def render(text: str) -> str:
    narrative, issues = parse_narrative(text)
    assert issues == []
    return str(
        render_narrative(
            narrative,
            lambda x: Markup(f"[{escape_plain(x.label or x.id)}](/{x.id}/)"),
            lambda c: Markup("".join(f"[^{i}]" for i in c.citations)),
        )
    )


def test_parse_tokens() -> None:
    narrative, issues = parse_narrative("A [[kh]] and [[iraq|Iraq proper]] said so.[@a; @b]")
    assert issues == []
    assert narrative.segments == (
        "A ",
        XRef("kh", None, 2),
        " and ",
        XRef("iraq", "Iraq proper", 13),
        " said so.",
        Cite(("a", "b"), 42),
    )


XREF_HINT = "write [[record-id]] or [[record-id|link text]]"
CITE_HINT = "write [@source-id], [@source-a; @source-b] or, with a locator, [@source-id, para. 3]"
UNCLOSED_HINT = "close [[id]] with ']]' and [@id] with ']'"


@pytest.mark.parametrize(
    ("text", "offset", "message", "hint"),
    [
        ("[[Not A Slug]]", 0, "malformed cross-reference '[[Not A Slug]]'", XREF_HINT),
        ("[@]", 0, "malformed citation '[@]'", CITE_HINT),
        ("[@a,]", 0, "malformed citation '[@a,]'", CITE_HINT),
        ("Both [@a; @b c]", 5, "malformed citation '[@a; @b c]'", CITE_HINT),  # one bad id spoils the whole citation
        ("[@a;]", 0, "malformed citation '[@a;]'", CITE_HINT),
        ("open [[kh without end", 5, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("Said so.[@src", 8, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("Said so.[@src] and [@other", 19, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("[[a]] then [@b [[c", 11, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("[[a]] then [[b [@c", 11, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("[[kh without end", 0, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("[[a]][@b", 5, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("open [[a and [[b", 5, "unclosed cross-reference or citation", UNCLOSED_HINT),
        ("said [@a and [@b", 5, "unclosed cross-reference or citation", UNCLOSED_HINT),
    ],
)
def test_malformed_markup_is_reported_where_it_starts(text: str, offset: int, message: str, hint: str) -> None:
    _, issues = parse_narrative(text)
    assert [(i.offset, i.message, i.hint) for i in issues] == [(offset, message, hint)]


def test_an_unclosed_reference_in_a_hand_written_page_is_reported_at_its_line_and_column(make_tree: MakeTree) -> None:
    page = "# About\n\nWe cite [[town]] and\nthe report [@src without its end.\n"
    with pytest.raises(ContentError) as caught:
        load_index(make_tree({**valid_records(), "pages/about.md": page}))
    assert [str(p) for p in caught.value.problems] == [
        f"content/pages/about.md:4:12: error: unclosed cross-reference or citation ({UNCLOSED_HINT})"
    ]


def test_plain_text_keeps_link_labels_and_drops_citations() -> None:
    narrative, _ = parse_narrative("[[kh]] struck\n  [[iraq|Iraq proper]].[@a; @b] Then quiet.")
    assert narrative.plain() == "kh struck Iraq proper. Then quiet."


def test_render_keeps_paragraphs_and_emphasis() -> None:
    assert render("One *two*.\n\n\nThree [[x]].[@s]") == "One *two*.\n\nThree [x](/x/).[^s]"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![img](https://evil.example/x.png)",
        "<img src=x onerror=alert(1)>",
        'text {: onclick="alert(1)" }',
        "| a | b |\n|---|---|",
        "[^1]: fake footnote",
        "<https://evil.example>",
        "&lt;script&gt;",
        "# Heading",
        "- list item",
        "`code`",
    ],
)
def test_hostile_text_renders_as_text(hostile: str) -> None:
    html = to_html(render(hostile))
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert re.search(r"<[^>]*onclick", html) is None
    assert "<table" not in html and "<h1" not in html and "<li" not in html and "<code" not in html


@given(st.text(max_size=200))
def test_escaped_plain_text_never_makes_tags_or_links(text: str) -> None:
    html = to_html(str(escape_plain(text)))
    # Only the paragraph wrapper may be a tag: no element comes from the text.
    inner = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
@example("*\r0")  # a bullet once the carriage return is folded into a space
def test_narrative_text_never_makes_tags(text: str) -> None:
    narrative, issues = parse_narrative(text)
    if issues:
        return
    out = render_narrative(narrative, lambda x: Markup("LINK"), lambda c: Markup("NOTE"))
    html = to_html(str(out))
    allowed = {"p", "em", "strong", "/p", "/em", "/strong"}
    tags = {part.split(">")[0].split()[0] for part in html.split("<")[1:] if part}
    assert tags <= allowed


LINE_STARTS = [
    "- item",
    "+ item",
    "* item",
    "*\titem",
    "1991. The ministry said",
    "2) second",
    "***",
    "* * *",
    "___",
    "_ _ _",
    "- - -",
    "---",
    '!!! danger "Spoofed"',
    "= underline",
    "> quoted",
    "# heading",
]


@pytest.mark.parametrize("text", LINE_STARTS)
def test_a_one_line_field_opening_like_a_block_stays_text(text: str) -> None:
    shown = to_html(str(escape_plain(text)))
    assert not any(tag in shown for tag in BLOCK_TAGS), shown
    assert html.unescape(shown.removeprefix("<p>").removesuffix("</p>")) == " ".join(text.split())


@pytest.mark.parametrize("text", LINE_STARTS)
def test_a_narrative_paragraph_opening_like_a_block_stays_text(text: str) -> None:
    shown = to_html(render(f"First paragraph.\n\n{text}"))
    assert not any(tag in shown for tag in BLOCK_TAGS), shown
    assert html.unescape(shown).endswith(f"<p>{' '.join(text.split())}</p>")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*Kata'ib* Hezbollah", "&#42;Kata'ib&#42; Hezbollah"),
        ("al_Asad __base__", "al&#95;Asad &#95;&#95;base&#95;&#95;"),
        ("1991. The ministry", "&#49;&#57;&#57;&#49;. The ministry"),
        ("Two\nlines\r\n  and a tab\there", "Two lines and a tab here"),
    ],
)
def test_a_one_line_field_has_no_emphasis_and_no_line_breaks(text: str, escaped: str) -> None:
    assert escape_plain(text) == escaped


def test_a_paragraph_starting_with_a_year_and_a_full_stop_stays_text() -> None:
    assert render("Before.\n\n1991. The ministry said so.") == "Before.\n\n&#49;&#57;&#57;&#49;. The ministry said so."


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[[a]] [[b]]", "[a](/a/) [b](/b/)"),
        ("[[a]]\n[[b]]", "[a](/a/) [b](/b/)"),
        ("[[a]]  \n  [[b|B]]", "[a](/a/) [B](/b/)"),
        ("Said so.[@s]\n[[a]] agreed.", "Said so.[^s] [a](/a/) agreed."),
        ("[[a]][[b]]", "[a](/a/)[b](/b/)"),
        ("[[a]]\n\n[[b]]", "[a](/a/)\n\n[b](/b/)"),
    ],
)
def test_adjacent_references_keep_the_space_between_them(text: str, shown: str) -> None:
    assert render(text) == shown


def test_white_space_around_a_paragraph_is_dropped() -> None:
    assert render("Fighting resumed. \n\n  [[b]] said so. \n\n") == "Fighting resumed.\n\n[b](/b/) said so."


def test_emphasis_at_a_paragraph_start_is_kept() -> None:
    assert render("*Two* words.\n\n**Bold** start.\n\n_Under_ score.") == (
        "*Two* words.\n\n**Bold** start.\n\n_Under_ score."
    )


_BLOCK_PREFIXES = st.sampled_from(
    ["", "-", "+", "*", "_", "=", "!!!", "#", ">", "1.", "12)", "***", "- -", "|", "    "]
)


@given(prefix=_BLOCK_PREFIXES, gap=st.sampled_from(["", " ", "\t", "\r", "\n"]), rest=st.text(max_size=40))
def test_no_block_construct_survives_escaping_in_a_one_line_field(prefix: str, gap: str, rest: str) -> None:
    shown = to_html(str(escape_plain(prefix + gap + rest)))
    assert not any(tag in shown for tag in BLOCK_TAGS), shown


# Every construct that is block-level at a line start, in the site's Markdown and in the extensions a
# briefing may add to mkdocs.yml (abbreviations, definition lists, Material's details, tabs and blocks).
ALL_EXTENSIONS = [
    *EXTENSIONS,
    "abbr",
    "def_list",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
]
BLOCK_CONSTRUCTS = [
    "* item", "- item", "+ item", "1. item", "1) item", "10. item", "- [ ] task",  # lists
    "***", "___", "---", "* * *", "_ _ _", "- - -",  # rules
    '!!! danger "Spoofed"', "!!! note", '??? note "Folded"', "???+ note",  # admonitions, details
    "# heading", "###### heading", "#no-space",  # headings
    "> quoted", ">> nested",  # blockquotes
    "Title\n===", "Title\n---", "===", "=== \"Tab\"",  # setext underlines, content tabs
    "| a | b |", "a | b", "|---|---|",  # tables
    "    indented code", "\tcode",  # indented code
    "```", "```python", "~~~", "~~~~",  # fences
    "[^x]: footnote", "[^1]:", "*[HTML]: Hyper Text",  # footnote and abbreviation definitions
    "{: .class }", "{: onclick=alert(1) }", "[TOC]",  # attribute lists, the toc marker
    "<div>x</div>", "<script>alert(1)</script>", "<!-- comment -->", "<details markdown>",  # HTML blocks
    "Term\n: definition", ": definition",  # definition lists
    "/// admonition | Title", "/// details | x", "/// details", "/// note", "///",  # generic blocks
    "[link]: https://evil.example", "&amp;", "&#45;", "\\", "\\- escaped",  # references, entities, escapes
]  # fmt: skip
_WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_BREAKS = st.sampled_from(["\n", "\n\n", " ", "\n  \n", "\r\n"])


@st.composite
def block_text(draw: st.DrawFn) -> str:
    """Constructs from BLOCK_CONSTRUCTS, each at a line start, among random words and line breaks."""
    parts = draw(st.lists(st.tuples(st.sampled_from(BLOCK_CONSTRUCTS), _WORDS, _BREAKS), min_size=1, max_size=5))
    return "".join(f"{construct}{words}{gap}" for construct, words, gap in parts)


def visible(html_text: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


@given(block_text())
def test_a_one_line_field_shows_every_block_construct_exactly_as_typed(text: str) -> None:
    typed = " ".join(text.split())
    shown = markdown.markdown(str(escape_plain(text)), extensions=ALL_EXTENSIONS)
    assert shown == (f"<p>{shown[3:-4]}</p>" if typed else "")
    assert "<" not in shown[3:-4]
    assert html.unescape(shown[3:-4]) == typed


@given(block_text())
def test_a_narrative_shows_every_block_construct_exactly_as_typed(text: str) -> None:
    """Paragraph by paragraph; only *emphasis* is Markdown in narrative, so its marks are set aside."""
    narrative, issues = parse_narrative(text)
    if issues:  # '[[' or '[@' made by two constructs side by side: a reference, not text
        return
    shown = markdown.markdown(str(render_narrative(narrative, None, None)), extensions=ALL_EXTENSIONS)  # type: ignore[arg-type]
    tags = set(re.findall(r"</?([a-z0-9]+)", shown))
    assert tags <= {"p", "em", "strong"}, shown
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    assert [_unmarked(visible(p)) for p in re.findall(r"<p>(.*?)</p>", shown, re.S)] == [
        _unmarked(p) for p in paragraphs
    ]


def _unmarked(text: str) -> str:
    return " ".join(text.translate({ord("*"): None, ord("_"): None}).split())


@pytest.mark.parametrize(
    "text", ['??? note "Folded"', "???+ note", ": definition", "/// details", "Term\n\n: definition"]
)
def test_the_openers_of_material_extensions_stay_text(text: str) -> None:
    shown = markdown.markdown(render(f"Before.\n\n{text}"), extensions=ALL_EXTENSIONS)
    assert set(re.findall(r"<([a-z0-9]+)", shown)) == {"p"}, shown


@pytest.mark.parametrize(
    ("text", "span", "shown"),
    [
        ("AB-12", "`AB-12`", "<code>AB-12</code>"),
        ("a&b <c>", "`a&b <c>`", "<code>a&amp;b &lt;c&gt;</code>"),
        ("&amp; &#96;", "`&amp; &#96;`", "<code>&amp;amp; &amp;#96;</code>"),
        ("x `y` z", "``x `y` z``", "<code>x `y` z</code>"),
        ("``double``", "``` ``double`` ```", "<code>``double``</code>"),
        ("`", "`` ` ``", "<code>`</code>"),
        ("*not* _em_ [a](javascript:x) {: .c } | \\", "`*not* _em_ [a](javascript:x) {: .c } | \\`", None),
        ("two\nlines", "`two lines`", "<code>two lines</code>"),
    ],
)
def test_a_code_span_shows_its_text_exactly_as_typed(text: str, span: str, shown: str | None) -> None:
    assert code_span(text) == span
    out = markdown.markdown(f"Id {code_span(text)}.", extensions=ALL_EXTENSIONS)
    assert out == f"<p>Id {shown or '<code>' + html.escape(text, quote=False) + '</code>'}.</p>"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_in_a_code_span_is_shown_exactly(text: str) -> None:
    typed = " ".join(text.split())
    if not typed:
        return
    out = markdown.markdown(str(code_span(text)), extensions=ALL_EXTENSIONS)
    assert out == f"<p><code>{html.escape(typed, quote=False)}</code></p>"
