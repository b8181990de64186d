"""Hand-written pages made safe to publish: raw HTML kept to an allowlist, links to http(s) and the site.

Python-Markdown passes raw HTML through and makes a link of any destination, so a
page holding `<script>`, `<img onerror=…>` or `[x](javascript:…)` would run script
for every reader. Fenced code is left exactly as written (what fenced_code takes for it,
the attributes of its opening line aside), and a code span becomes `<code>` with its
signs as entities, which shows the same and is inert wherever it stands; an indented
block is not exempt, as inside raw HTML or a list item it is not code. In the rest,
until nothing changes, each HTML tag is cleaned by nh3 (the Ammonia sanitiser) against an
allowlist, `<script>` and `<style>` go with their content, an attribute list (`{: … }`)
keeps only ids, classes, titles, languages and data attributes, and a Markdown link or
image whose destination has another scheme loses its destination. A briefing whose
editors are all trusted may opt out (`extra.briefing.trusted_html: true`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "markdown"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_DROPPED_WITH_CONTENT = re.compile(r"<(script|style|template|iframe|object|noscript)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
FENCED = re.compile(
    r"""
(?P<fence>^(?:~{3,}|`{3,}))[ ]*                          # opening fence
((\{(?P<attrs>[^\n]*)\})|                                # (optional {attrs} or
(\.?(?P<lang>[\w#.+-]*)[ ]*)?                            # optional (.)lang
(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?) # optional hl_lines)
\n                                                       # newline (end of opening fence)
(?P<code>.*?)(?<=\n)                                     # the code block
(?P=fence)[ ]*$                                          # closing fence
""",
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)
"""fenced_code's FENCED_BLOCK_RE, as written there (a test holds them equal): what it takes for code, is."""
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
"""A run of text without a blank line: a code span never crosses one."""
_BACKTICKS = re.compile(r"`+")
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>]*>", re.S)
_DESTINATION = re.compile(r"(\]\(\s*<?)((?:[^()\s>]|\((?:[^()\s>]|\([^()\s>]*\))*\))*)")
"""A link's destination, balanced brackets in it too ('javascript:alert(1)'), as Python-Markdown reads it."""
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s|$))", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_PASSES = 8
_OPENINGS = 8
"""Past these, a line's braces are written as `&#123;` (no attribute list at all): the checks stay linear."""
_LIST_START = re.compile(r"\{:?[ ]*")
_LIST_TOKEN = re.compile(r"""[^ =}\n]+=(?:"[^"\n]*"|'[^'\n]*'|[^ =}\n]+)|[^ =}\n]+""")
"""attr_list's own scanner (key="v", key='v', key=v, word), but never stopping where it would give up."""
_LIST_KEYS = {"id", "class", "title", "lang", "dir"}
"""What an attribute list (`{: title=x }`) may set; '#id' and '.class' are always kept, and data-* too."""


def sanitise(markdown: str) -> str:
    """The page's Markdown with only allowlisted HTML and safe link destinations left in its text.

    Again until nothing changes: taking a tag out can make another of what was around it
    ('<<x>img onerror=…>'), or a fence of a line that was not one. What is left exempt is then
    what Python-Markdown itself takes for fenced code in the text it is given.
    """
    text = _normalised(markdown)
    for _ in range(_PASSES):
        cleaned = "".join(part if is_code else _clean(part) for part, is_code in _split_code(text))
        if cleaned == text:
            return cleaned
        text = cleaned
    return html.escape(text, quote=False)  # never seen; no markup at all is the safe end


def _normalised(markdown: str) -> str:
    """Line ends and tabs as Python-Markdown's first step makes them, so fences are found where it finds them."""
    text = markdown.replace("\x02", "").replace("\x03", "").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(4))


def _split_code(markdown: str) -> Iterator[tuple[str, bool]]:
    """The text in runs: (run, whether it is code to leave alone), in order.

    Fenced code is found with fenced_code's own pattern (MkDocs always enables it, and it runs
    before raw HTML is looked for), its opening line's `{ … }` cleaned as an attribute list. An
    indented block is not exempt: inside raw HTML or a list item it is not code.
    """
    last = 0
    for fenced in FENCED.finditer(markdown):
        yield from _spans(markdown[last : fenced.start()])
        opening, _, rest = fenced[0].partition("\n")
        yield _clean_attribute_lists(opening) + "\n" + rest, True
        last = fenced.end()
    yield from _spans(markdown[last:])


def _spans(text: str) -> Iterator[tuple[str, bool]]:
    """Prose and its code spans, each span written as `<code>` with every sign an entity.

    A span so written shows the same text as code in a paragraph and in raw HTML alike, so it
    is inert whether or not Python-Markdown agrees that it is a span (an escaped backtick, a
    blank line or a raw HTML block around it).
    """
    last = 0
    for start, end, fence in _code_spans(text):
        yield text[last:start], False
        yield _inert_code(text[start + fence : end - fence]), True
        last = end
    yield text[last:], False


def _code_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, fence length) of each code span: a run of backticks to the next run as long, in a paragraph."""
    for paragraph in _PARAGRAPH.finditer(text):
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, paragraph.start(), paragraph.end())]
        following: dict[int, int] = {}
        latest: dict[int, int] = {}
        for i in reversed(range(len(runs))):
            length = runs[i][1] - runs[i][0]
            if length in latest:
                following[i] = latest[length]
            latest[length] = i
        i = 0
        while i < len(runs):
            j = following.get(i)
            if j is None:
                i += 1
                continue
            yield runs[i][0], runs[j][1], runs[i][1] - runs[i][0]
            i = j + 1


def _inert_code(code: str) -> str:
    shown = " ".join(code.split("\n")).strip()
    return "<code>" + "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in shown) + "</code>"


def _clean(text: str) -> str:
    text = _DROPPED_WITH_CONTENT.sub("", text)
    text = _TAG.sub(lambda tag: _clean_tag(tag[0]), text)
    text = _clean_attribute_lists(text)
    text = _DESTINATION.sub(lambda link: link[1] + _safe_destination(link[2]), text)
    return _REFERENCE.sub(lambda ref: ref[1] + _safe_destination(ref[2]) + ref[3], text)


def _clean_tag(tag: str) -> str:
    if tag.startswith("<!--"):
        return ""
    name = re.match(r"</?([A-Za-z][A-Za-z0-9]*)", tag)
    if name is None or name[1].lower() not in ALLOWED_TAGS:
        return ""
    if tag.startswith("</"):
        return f"</{name[1].lower()}>"
    cleaned = nh3.clean(
        tag,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # nh3 closes what it opens: keep only the opening tag, as the page wrote it. A bare `markdown`
    # (md_in_html's switch) comes back empty, which Python-Markdown would read as off.
    opening = cleaned.split("</", 1)[0] if not tag.endswith("/>") else cleaned
    return opening.replace(' markdown=""', ' markdown="1"')


def _clean_attribute_lists(text: str) -> str:
    """attr_list sets any attribute it is given, `{: onclick=… }` too: only the harmless ones stay."""
    return "\n".join(_clean_line(line) for line in text.split("\n"))


def _clean_line(line: str) -> str:
    """attr_list reads from a '{' to the last '}' of its line, quotes and all: that stretch is checked.

    Again until nothing changes, as taking a token out can join what is left into another.
    """
    for _ in range(_PASSES):
        start, end = line.find("{"), line.rfind("}")
        if start < 0 or end < start:
            return line
        stretch = line[start : end + 1]
        cleaned = _clean_stretch(stretch)
        if cleaned == stretch:
            return line
        line = line[:start] + cleaned + line[end + 1 :]
    return line.replace("{", "&#123;")


def _clean_stretch(stretch: str) -> str:
    """Tokens read from every '{' in the stretch, as attr_list would from whichever it takes as the start."""
    if stretch.count("{") > _OPENINGS:
        return stretch.replace("{", "&#123;")
    dropped: set[int] = set()
    for opening in (i for i, char in enumerate(stretch) if char == "{"):
        start = _LIST_START.match(stretch, opening)
        assert start is not None
        for token in _LIST_TOKEN.finditer(stretch, start.end()):
            if not _harmless(token[0]):
                dropped.update(range(token.start(), token.end()))
    if not dropped:
        return stretch
    kept = "".join(char for i, char in enumerate(stretch) if i not in dropped)
    return "" if re.fullmatch(r"\{:?[ ]*\}", kept) else kept  # an empty '{: }' would set an attribute ':'


def _harmless(token: str) -> bool:
    """'#id', '.class', an allowlisted key or data-*; a bare word (an attribute without a value) unless an event's."""
    key, is_pair, _ = token.partition("=")
    key = key.lower()
    if is_pair:
        return key in _LIST_KEYS or key.startswith("data-")
    return not key.startswith("on")


def _safe_destination(url: str) -> str:
    scheme = _SCHEME.match(url)
    return url if scheme is None or scheme[1].lower() in URL_SCHEMES else ""
