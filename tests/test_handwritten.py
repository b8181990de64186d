"""Hand-written pages: whatever HTML or link a page holds, nothing in it runs for a reader."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from generator.pages.handwritten import FENCED, sanitise

FENCED_BLOCK_RE = FencedBlockPreprocessor.FENCED_BLOCK_RE

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc", "fenced_code"]
"""mkdocs.yml's, and fenced_code, which MkDocs always adds."""
LIVE = re.compile(r"<script|<style|<iframe|<object|<svg|\son\w+\s*=|javascript:|vbscript:|data:text", re.I)


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<script>alert(1)</script>Text", "<p>Text</p>"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ""),
        ("<img src=x.png onerror=alert(1)>", '<p><img src="x.png"></p>'),
        ('<a href="javascript:alert(1)" title="t">x</a>', '<p><a title="t">x</a></p>'),
        ('<a href="data:text/html,x">d</a>', "<p><a>d</a></p>"),
        ("<svg onload=alert(1)></svg>after", "<p>after</p>"),
        ("<style>body{display:none}</style>Text", "<p>Text</p>"),
        ('<iframe src="https://evil.example"></iframe>', ""),
        ('<div onclick="steal()">Box</div>', "<div>Box</div>"),
        ("[click](javascript:alert)", '<p><a href="">click</a></p>'),
        ("![pixel](javascript:alert)", '<p><img alt="pixel" src="" /></p>'),
        ("[x][r]\n\n[r]: javascript:alert", "<p>[x][r]</p>\n<p>[r]: </p>"),
        ("<!-- <script>alert(1)</script> -->Text", "<p>Text</p>"),
        ('<IMG SRC="jav&#x09;ascript:alert(1)">', "<p><img></p>"),
        ('Text\n{: onclick="alert(1)" }', "<p>Text</p>"),
        ("Text\n{ onmouseover=alert(1) .note #t }", '<p class="note" id="t">Text</p>'),
        ("# Title {: style='position:fixed' title=T }", '<h1 id="title" title="T">Title</h1>'),  # the id is toc's
        ("[a](https://x.org){: onclick=steal() data-x=1 }", '<p><a data-x="1" href="https://x.org">a</a></p>'),
        ("*em*{:ONFOCUS=x lang=ar}", '<p><em lang="ar">em</em></p>'),
        ("[x](javascript:alert(1)) after", '<p><a href="">x</a> after</p>'),
        ("[x](<javascript:f((1))>)", '<p><a href="">x</a></p>'),
        ("[x](https://w.org/A_(b)) after", '<p><a href="https://w.org/A_(b)">x</a> after</p>'),
        ("A set {a=b, c} stays", "<p>A set { c} stays</p>"),
        ('Text\n{: x="}" onclick=alert(1) }', "<p>Text</p>"),  # attr_list reads to the line's last '}'
        ('Text\n{: title="a"onclick="alert(1)" }', '<p title="a">Text</p>'),
        ("Text\n{: onfocus tabindex=1 }", "<p>Text</p>"),  # a bare word is an attribute too
        ("*em*{x{onclick=alert(1)}", "<p><em>em</em></p>"),
        ("*e*" + "{" * 9 + "onclick=x}", "<p><em>e</em>" + "&#123;" * 9 + "onclick=x}</p>"),  # no list, in linear time
    ],
)
def test_hostile_html_and_links_lose_what_would_run(hostile: str, kept: str) -> None:
    shown = to_html(sanitise(hostile))
    assert LIVE.search(shown) is None, shown
    assert shown == kept


@pytest.mark.parametrize(
    "text",
    [
        "> A quote\n> continues",
        "Some **bold** and a < b & c -> d, [a link](https://x.org/?a=1&b=2).",
        '![A map](map.png "Title") and [a page](method.md#sources) and [mail](mailto:desk@example.org)',
        "<details markdown><summary>More</summary>\n\nText *inside*.\n\n</details>",
        "```\nfenced <script>alert(1)</script>\n```",
        "| a | b |\n|---|---|\n| 1 | <b>2</b> |",
        "[reference][r]\n\n[r]: https://example.org/page",
    ],
)
def test_what_editors_write_is_published_as_written(text: str) -> None:
    expected = text.replace("<details markdown>", '<details markdown="1">')
    assert sanitise(text) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("`inline <script>` stays code", "<p><code>inline &lt;script&gt;</code> stays code</p>"),
        ("A `` `tick` `` and `a&amp;b`", "<p>A <code>`tick`</code> and <code>a&amp;amp;b</code></p>"),
        ("```py\nfenced <script>alert(1)</script>\n```", '<pre><code class="language-py">fenced &lt;script&gt;'),
    ],
)
def test_code_shows_its_text_as_typed(text: str, shown: str) -> None:
    """A code span is written as <code> with entities, which a reader sees as Python-Markdown's own span."""
    assert html.unescape(to_html(sanitise(text))).startswith(html.unescape(shown))


def test_fences_are_found_as_fenced_code_finds_them() -> None:
    """The sanitiser leaves fenced code as written: only what Python-Markdown's extension takes for it."""
    assert (FENCED.pattern, FENCED.flags) == (FENCED_BLOCK_RE.pattern, FENCED_BLOCK_RE.flags)


@pytest.mark.parametrize(
    "hostile",
    [
        "\\`<img src=x onerror=alert(1)>`",  # an escaped backtick opens no span
        "`a\n\n<img src=x onerror=alert(2)>\n\nb`",  # a span never crosses a blank line
        "<div>\n\n`<img src=x onerror=alert(3)>`\n\n</div>",  # in raw HTML a span is no code
        "<div>\n\n    <img src=x onerror=alert(4)>\n\n</div>",  # nor is an indented block
        "- item\n\n    <img src=x onerror=alert(5)>",  # an indented block in a list item is a paragraph
        "  ```\n<img src=x onerror=alert(6)>\n\n  ```",  # fenced_code takes no indented fence
        "``` foo bar\n<img src=x onerror=alert(7)>\n\n```",  # nor a fence with two words after it
        "\\`[x](javascript:alert(8))`",
        "``` { .py onclick=alert(9) }\ncode\n```",  # a fence's attributes go to its <code>
        "<<x>img src=x onerror=alert(10)>",  # taking a tag out must not make another
        "<x>```\nx\n```\n<img src=x onerror=alert(11)>\n```",  # nor a fence of a line that was none
    ],
)
def test_what_only_looks_like_code_is_cleaned(hostile: str) -> None:
    assert LIVE.search(to_html(sanitise(hostile))) is None, to_html(sanitise(hostile))


@given(
    st.lists(
        st.sampled_from(
            [
                "<script>x()</script>",
                "<img src=a onerror=x()>",
                '<a href="javascript:x()">',
                "</a>",
                "[l](javascript:x)",
                "<svg/onload=x()>",
                "<p style=x onmouseover=x()>",
                "`code`",
                "```\n",
                "`",
                "\\",
                "    ",
                "- ",
                "<div>\n\n",
                "\n</div>",
                "``` {onclick=x()}\n",
                "<<x>",
                "{: onclick=x() }",
                "text ",
                "\n\n",
                "> ",
                "<b>",
                "</b>",
                "<!--",
                "-->",
            ]
        ),
        max_size=12,
    )
)
def test_no_arrangement_of_hostile_pieces_yields_live_markup(pieces: list[str]) -> None:
    shown = to_html(sanitise("".join(pieces)))
    code = re.sub(r"<code>.*?</code>", "", shown, flags=re.S)  # code shows its text, escaped
    assert LIVE.search(code) is None, shown
