"""Hand-written pages made safe to publish: raw HTML kept to an allowlist, links to http(s) and the site.

Python-Markdown passes raw HTML through and makes a link of any destination, so a
page holding `<script>`, `<img onerror=…>` or `[x](javascript:…)` would run script
for every reader. Code (fenced, indented, inline) is left exactly as written; in
the rest, each HTML tag is cleaned by nh3 (the Ammonia sanitiser) against an
allowlist, `<script>` and `<style>` go with their content, an attribute list (`{: … }`)
keeps only ids, classes, titles, languages and data attributes, and a Markdown link or
image whose destination has another scheme loses its destination. A briefing whose
editors are all trusted may opt out (`extra.briefing.trusted_html: true`).
"""

from __future__ import annotations

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
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>]*>", re.S)
_DESTINATION = re.compile(r"(\]\(\s*<?)((?:[^()\s>]|\((?:[^()\s>]|\([^()\s>]*\))*\))*)")
"""A link's destination, balanced brackets in it too ('javascript:alert(1)'), as Python-Markdown reads it."""
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s|$))", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ATTRIBUTE_LIST = re.compile(r"\{[^\n]*\}")
"""attr_list reads from a '{' to the last '}' of its line, quotes and all: each such stretch is checked."""
_LIST_START = re.compile(r"\{:?[ ]*")
_LIST_TOKEN = re.compile(r"""[^ =}\n]+=(?:"[^"\n]*"|'[^'\n]*'|[^ =}\n]+)|[^ =}\n]+""")
"""attr_list's own scanner (key="v", key='v', key=v, word), but never stopping where it would give up."""
_LIST_KEYS = {"id", "class", "title", "lang", "dir"}
"""What an attribute list (`{: title=x }`) may set; '#id' and '.class' are always kept, and data-* too."""


def sanitise(markdown: str) -> str:
    """The page's Markdown with only allowlisted HTML and safe link destinations left in its text."""
    return "".join(_clean(part) if not is_code else part for part, is_code in _split_code(markdown))


def _split_code(markdown: str) -> Iterator[tuple[str, bool]]:
    """The text in runs: (run, whether it is code to leave alone), in order."""
    fence: str | None = None
    prose: list[str] = []
    for line in markdown.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and opening:
            yield from _spans("".join(prose))
            prose, fence = [], opening[1][0] * len(opening[1])
            yield line, True
        elif fence is not None:
            yield line, True
            if line.strip().startswith(fence):
                fence = None
        elif line.startswith(("    ", "\t")) and (not prose or not prose[-1].strip()):
            yield from _spans("".join(prose))
            prose = []
            yield line, True  # an indented code block (after a blank line)
        else:
            prose.append(line)
    yield from _spans("".join(prose))


def _spans(text: str) -> Iterator[tuple[str, bool]]:
    last = 0
    for span in _CODE_SPAN.finditer(text):
        yield text[last : span.start()], False
        yield span[0], True
        last = span.end()
    yield text[last:], False


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
    """attr_list sets any attribute it is given, `{: onclick=… }` too: only the harmless ones stay.

    Repeated until nothing changes, as taking a token out can join what is left into another.
    """
    while (cleaned := _ATTRIBUTE_LIST.sub(lambda stretch: _clean_stretch(stretch[0]), text)) != text:
        text = cleaned
    return text


def _clean_stretch(stretch: str) -> str:
    """Tokens read from every '{' in the stretch, as attr_list would from whichever it takes as the start."""
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
