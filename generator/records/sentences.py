"""Narrative split into sentences, each keeping its links and citations.

The citation gate counts a sentence as cited when a [@source] stands in it or
right after its full stop; the incident card leads with the summary's first
sentence. A sentence ends at a full stop, question or exclamation mark (and
any closing quotes or brackets and the citations after it) followed by white
space, whatever comes next: a capital, a digit, another script, or a
transliterated name in lower case ('al-Houthi …'). Ideographic stops ('。')
need no space. A stop after a known abbreviation ('Vice Adm.', 'U.S.', 'p.')
or an initial does not end a sentence; a briefing may add its own
abbreviations in briefing.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.records.markup import Cite, Narrative, Segment, XRef

ABBREVIATIONS = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cdr", "Cmdr", "Cdre", "Adm", "Sgt",
        "Cpl", "Pvt", "Brig", "Rev", "Gov", "Sen", "Rep", "Pres", "St", "Jr", "Sr", "No", "Nos", "vs", "etc",
        "approx", "e.g", "i.e", "a.m", "p.m", "c", "ca", "U.S", "U.K", "U.N", "Jan", "Feb", "Mar", "Apr", "Jun",
        "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Ltd", "Co", "Corp", "Dept", "Fig", "p", "pp",
        "para", "vol", "Mt", "Ft",
    }
)  # fmt: skip
"""Words that end in a full stop without ending a sentence, in English; a briefing adds its own."""

_MARK = "\x00"  # where a citation stands, in the text the boundaries are found in
_END = re.compile(r"(?:[.!?…][\"”’)\]]*|[。！？])(?:\s*" + _MARK + ")*")


def split(narrative: Narrative, abbreviations: Iterable[str] = ()) -> list[Narrative]:
    """The narrative's sentences, in order, each with its own links and the citations that follow it.

    Each sentence keeps where its segments start in the narrative's text (when the narrative knows).
    """
    known = ABBREVIATIONS | set(abbreviations)
    segments = list(narrative.segments)
    origins = narrative.starts or (0,) * len(segments)
    text, owners = _flatten(segments)
    cuts = list(_ends(text, known))
    sentences: list[list[tuple[int, Segment]]] = [[]]
    position = 0
    for index, segment in enumerate(segments):
        origin = origins[index]
        if isinstance(segment, str):
            start = position
            for cut in (c for c in cuts if start < c < start + len(segment)):
                sentences[-1].append((origin + position - start, segment[position - start : cut - start]))
                sentences.append([])
                position = cut
            sentences[-1].append((origin + position - start, segment[position - start :]))
            position = start + len(segment)
        else:
            sentences[-1].append((origin, segment))
            position += owners[index]
            if position in cuts:
                sentences.append([])
    return [_sentence(found, narrative) for found in sentences if _has_words([s for _, s in found])]


def _sentence(found: list[tuple[int, Segment]], whole: Narrative) -> Narrative:
    kept = [(start, segment) for start, segment in found if segment != ""]
    starts = tuple(start for start, _ in kept) if whole.starts else ()
    return Narrative(tuple(s for _, s in kept), starts, whole.text)


def _flatten(segments: list[Segment]) -> tuple[str, dict[int, int]]:
    """The narrative as text (a link as its words, a citation as a mark) and each non-text segment's length."""
    parts, lengths = [], {}
    for index, segment in enumerate(segments):
        shown = segment if isinstance(segment, str) else _MARK if isinstance(segment, Cite) else _link_text(segment)
        parts.append(shown)
        if not isinstance(segment, str):
            lengths[index] = len(shown)
    return "".join(parts), lengths


def _link_text(xref: XRef) -> str:
    return xref.label or xref.id


def _ends(text: str, known: frozenset[str] | set[str]) -> Iterable[int]:
    # Indices, not slices of the text before and after each stop: slicing made a long narrative quadratic.
    last = len(text.rstrip())  # past the last character that is not white space
    for match in _END.finditer(text):
        end = match.end()
        ideographic = match[0][:1] in "。！？"
        if not ideographic and end < len(text) and not text[end].isspace():
            continue  # '3.5', 'U.S.A', a stop inside a word
        if end >= last:
            continue  # the text's own end: nothing to cut
        if not ideographic and match[0][:1] == ".":
            word = _word_before(text, match.start()).lstrip("(“\"'")
            if word in known or re.fullmatch(r"[A-Z]", word):
                continue  # 'Vice Adm. Brad Cooper', 'J. Smith'
        yield end


def _word_before(text: str, end: int) -> str:
    """The characters up to `end` back to the last white space. Linear over a narrative: only full stops
    followed by white space are looked at, so no two such words overlap."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _has_words(segments: list[Segment]) -> bool:
    return any((isinstance(s, str) and s.strip()) or isinstance(s, XRef) for s in segments)


def plain(sentence: Narrative) -> str:
    """A sentence's words, links by their text, citations left out, white space folded."""
    words = "".join(
        s if isinstance(s, str) else _link_text(s) if isinstance(s, XRef) else "" for s in sentence.segments
    )
    return " ".join(words.split())


def is_cited(sentence: Narrative) -> bool:
    return any(isinstance(s, Cite) for s in sentence.segments)
