"""Hand-written pages: whatever HTML or link a page holds, nothing in it runs for a reader."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.pages.handwritten import sanitise

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
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
        "    an indented <script> stays code",
        "`inline <script>` stays code",
        "```\nfenced <script>alert(1)</script>\n```",
        "| a | b |\n|---|---|\n| 1 | <b>2</b> |",
        "[reference][r]\n\n[r]: https://example.org/page",
    ],
)
def test_what_editors_write_is_published_as_written(text: str) -> None:
    expected = text.replace("<details markdown>", '<details markdown="1">')
    assert sanitise(text) == expected


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
