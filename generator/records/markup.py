"""Inline syntax of narrative text, and Markdown escaping of YAML text.

Narrative fields accept ``[[id]]`` / ``[[id|label]]`` cross-references and
``[@source]`` / ``[@a; @b]`` citations. Everything else is plain text: it is
escaped with numeric character references so that no text from YAML can open
a link, an HTML tag, a footnote, an attribute list or a table cell.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_TOKEN = re.compile(r"\[\[(?P<xref>[^\[\]]*)\]\]|\[@(?P<cite>[^\[\]]*)\]")
_XREF = re.compile(rf"^\s*(?P<id>{SLUG})\s*(?:\|(?P<label>[^|]+))?$")
_CITE_ID = re.compile(rf"^@?(?P<id>{SLUG})(?:\s*,\s*(?P<locator>\S[^;]*?))?$")
"""One citation in [@a; @b, para. 3]: a source id, and perhaps a locator after a comma."""

# Characters with a meaning in Markdown, HTML or the enabled extensions
# ('[' covers links, images and footnotes; '{' attribute lists; '|' tables).
_ALWAYS = "&<>[]\\`{}|#~^"
_EMPHASIS = "*_"
_PLAIN = {ord(c): f"&#{ord(c)};" for c in _ALWAYS + _EMPHASIS}
_PLAIN[ord("&")] = "&amp;"
_PLAIN[ord("<")] = "&lt;"
_PLAIN[ord(">")] = "&gt;"
_NARRATIVE = {k: v for k, v in _PLAIN.items() if chr(k) not in _EMPHASIS}
# What opens a block when it starts a line: a list ('-', '+', '* ' or '1.'), a setext heading
# underline or a content tab ('='), an admonition ('!!!'), a collapsible one ('???', pymdownx.details),
# a definition (': ', def_list), a generic block ('///', pymdownx.blocks). Text is one line per
# paragraph once its white space is folded, so only the start of each run of text needs it. The rest
# of Markdown's block syntax starts with a character escaped everywhere ('#', '>', '|', '`', '~',
# '[', '{', '<'), and indented code cannot start a folded line.
_BLOCK_START = re.compile(r"^(\s*)([-+=!?:]|/(?=//)|\d+(?=[.)])|\*(?=\s))")
_RULE = re.compile(r"^\s*([*_-])(?:\s*\1){2,}\s*$")
"""A thematic break ('***', '_ _ _'): made of emphasis characters, so narrative would keep them."""


@dataclass(frozen=True)
class XRef:
    id: str
    label: str | None
    offset: int


@dataclass(frozen=True)
class Cite:
    citations: tuple[str, ...]
    """Each a source id, perhaps with a locator after a comma (see split_citation)."""
    offset: int


Segment = str | XRef | Cite


@dataclass(frozen=True)
class Narrative:
    """Parsed narrative text: plain strings interleaved with references."""

    segments: tuple[Segment, ...]
    starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """Where each segment starts in `text`, so that a sentence can be found in its file."""
    text: str = field(default="", compare=False, repr=False)
    """The text as written in the field, markup and all."""

    def xrefs(self) -> list[XRef]:
        return [s for s in self.segments if isinstance(s, XRef)]

    def cites(self) -> list[Cite]:
        return [s for s in self.segments if isinstance(s, Cite)]

    def plain(self) -> str:
        """Text without markup, labels kept: for search descriptions and tests."""
        parts = [s if isinstance(s, str) else (s.label or s.id) if isinstance(s, XRef) else "" for s in self.segments]
        return " ".join("".join(parts).split())


@dataclass(frozen=True)
class MarkupIssue:
    offset: int
    message: str
    hint: str


def parse_narrative(text: str) -> tuple[Narrative, list[MarkupIssue]]:
    """Split text into plain runs, cross-references and citations."""
    segments: list[tuple[int, Segment]] = []
    issues: list[MarkupIssue] = []
    last = 0
    for match in _TOKEN.finditer(text):
        segments.append((last, text[last : match.start()]))
        last = match.end()
        token = _parse_token(match, issues)
        if token is not None:
            segments.append((match.start(), token))
    segments.append((last, text[last:]))
    issues.extend(_stray_brackets(segments))
    kept = [(start, segment) for start, segment in segments if segment != ""]
    return Narrative(tuple(s for _, s in kept), tuple(start for start, _ in kept), text), issues


def _parse_token(match: re.Match[str], issues: list[MarkupIssue]) -> Segment | None:
    if match["xref"] is not None:
        xref = _XREF.match(match["xref"])
        if xref is None:
            issues.append(
                MarkupIssue(
                    match.start(),
                    f"malformed cross-reference '{match[0]}'",
                    "write [[record-id]] or [[record-id|link text]]",
                )
            )
            return None
        label = " ".join(xref["label"].split()) if xref["label"] else None
        return XRef(xref["id"], label, match.start())
    parts = [p.strip() for p in match["cite"].split(";")]
    ids = [_CITE_ID.match(p) for p in parts]
    if not parts or any(m is None for m in ids):
        issues.append(
            MarkupIssue(
                match.start(),
                f"malformed citation '{match[0]}'",
                "write [@source-id], [@source-a; @source-b] or, with a locator, [@source-id, para. 3]",
            )
        )
        return None
    return Cite(tuple(_citation(m["id"], m["locator"]) for m in ids if m is not None), match.start())


def _citation(source: str, locator: str | None) -> str:
    return f"{source}, {' '.join(locator.split())}" if locator else source


def split_citation(citation: str) -> tuple[str, str | None]:
    """'report-a, para. 3' → ('report-a', 'para. 3'); 'report-a' → ('report-a', None).

    A citation (in a sources list or inside [@…]) is a source id, and perhaps where in
    the source: a page, a paragraph, a timestamp.
    """
    source, _, locator = citation.partition(",")
    return source.strip(), " ".join(locator.split()) or None


def _stray_brackets(segments: list[tuple[int, Segment]]) -> list[MarkupIssue]:
    """'[[' or '[@' left in plain text means a reference the editor mistyped: an issue where the first one opens."""
    issues = []
    for start, segment in segments:
        opened = [i for i in (segment.find("[["), segment.find("[@")) if i >= 0] if isinstance(segment, str) else []
        if opened:
            issues.append(
                MarkupIssue(
                    start + min(opened),
                    "unclosed cross-reference or citation",
                    "close [[id]] with ']]' and [@id] with ']'",
                )
            )
    return issues


@functools.lru_cache(maxsize=1 << 16)
def escape_plain(text: str) -> Markup:
    """Escape a one-line field for any Markdown context (headings, tables, links).

    Memoised: the same names and titles are escaped on thousands of pages.
    """
    return Markup(_escape_block_start(" ".join(text.split()).translate(_PLAIN)))


def code_span(text: str) -> Markup:
    """A one-line field shown as code, exactly as typed: `&` stays '&', a backtick stays a backtick.

    Markdown shows a code span's content literally, so nothing is escaped inside it (an entity
    would be shown as typed, `&amp;`); the fence is one backtick longer than any run in the text,
    and a space pads a text that starts or ends with one.
    """
    line = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", line)), default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return Markup(f"{fence}{pad}{line}{pad}{fence}")


def _escape_block_start(line: str) -> str:
    """`line` with whatever would open a block at its start escaped, so it stays text."""
    if _RULE.match(line):
        start = len(line) - len(line.lstrip())
        return f"{line[:start]}&#{ord(line[start])};{line[start + 1 :]}"
    return _BLOCK_START.sub(_escape_line_start, line)


def _escape_line_start(match: re.Match[str]) -> str:
    return match[1] + "".join(f"&#{ord(c)};" for c in match[2])


def render_narrative(
    narrative: Narrative,
    link: Callable[[XRef], Markup],
    cite: Callable[[Cite], Markup],
) -> Markup:
    """Turn a narrative into Markdown, with references rendered by the caller.

    Only the plain runs are escaped; blank lines in them stay paragraph breaks.
    """
    out: list[str] = []
    for segment in narrative.segments:
        if isinstance(segment, XRef):
            out.append(link(segment))
        elif isinstance(segment, Cite):
            out.append(cite(segment))
        else:
            out.append("\n\n".join(_escape_run(run) for run in re.split(r"\n\s*\n", segment)))
    paragraphs = (p.strip() for p in "".join(out).split("\n\n"))
    return Markup("\n\n".join(p for p in paragraphs if p))


def _escape_run(text: str) -> str:
    # Keep one leading/trailing space: it separates the run from its neighbours.
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + _escape_block_start(inner.translate(_NARRATIVE)) + trail
