from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.records.markup import Cite, XRef, escape_plain, parse_narrative, render_narrative

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
            lambda c: Markup("".join(f"[^{i}]" for i in c.ids)),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[Not A Slug]]", "malformed cross-reference '[[Not A Slug]]'"),
        ("[@]", "malformed citation '[@]'"),
        ("[@a, b]", "malformed citation '[@a, b]'"),
        ("open [[kh without end", "unclosed cross-reference or citation"),
    ],
)
def test_malformed_markup(text: str, message: str) -> None:
    _, issues = parse_narrative(text)
    assert [i.message for i in issues] == [message]


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
