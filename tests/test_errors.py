"""How a problem reads: its position, and characters an editor could not otherwise see."""

from __future__ import annotations

import pytest

from generator.errors import ContentError, Position, Problem, shown, unseen


def test_a_whole_file_or_folder_is_named_without_a_line() -> None:
    assert str(Position.whole("content/events")) == "content/events"
    assert str(Problem(Position.whole("content"), "error", "no records", "add some")) == (
        "content: error: no records (add some)"
    )


def test_a_whole_file_sorts_before_its_lines() -> None:
    line = Problem(Position("a.yml", 1, 1), "error", "x")
    whole = Problem(Position.whole("a.yml"), "error", "y")
    assert ContentError([line, whole]).problems == [whole, line]


@pytest.mark.parametrize(
    ("text", "escaped", "notes"),
    [
        ("s\u200brc", "s\\u200brc", ["\\u200b is an invisible ZERO WIDTH SPACE"]),
        ("ab\u202ecd", "ab\\u202ecd", ["\\u202e is an invisible RIGHT-TO-LEFT OVERRIDE"]),
        ("a\u2066b\u2069", "a\\u2066b\\u2069", [
            "\\u2066 is an invisible LEFT-TO-RIGHT ISOLATE", "\\u2069 is an invisible POP DIRECTIONAL ISOLATE"
        ]),
        ("\ufeffid", "\\ufeffid", ["\\ufeff is an invisible ZERO WIDTH NO-BREAK SPACE"]),
        ("soft\u00adhyphen", "soft\\u00adhyphen", ["\\u00ad is an invisible SOFT HYPHEN"]),
        ("no\u00a0break", "no\\u00a0break", ["\\u00a0 is an invisible NO-BREAK SPACE"]),
        ("bell\x07", "bell\\u0007", ["\\u0007 is a control character"]),
        ("two\nlines", "two\\u000alines", ["\\u000a is a control character"]),
        ("tag\U000e0041", "tag\\U000e0041", ["\\U000e0041 is an invisible TAG LATIN CAPITAL LETTER A"]),
        ("\u0455rc", "\\u0455rc", ["\\u0455 is CYRILLIC SMALL LETTER DZE, not a Latin letter"]),
        ("kata\u03b9b", "kata\\u03b9b", ["\\u03b9 is GREEK SMALL LETTER IOTA, not a Latin letter"]),
        ("us-\u0441\u043em", "us-\\u0441\\u043em", [
            "\\u0441 is CYRILLIC SMALL LETTER ES, not a Latin letter",
            "\\u043e is CYRILLIC SMALL LETTER O, not a Latin letter",
        ]),
        ("\uff47roup", "\\uff47roup", ["\\uff47 is FULLWIDTH LATIN SMALL LETTER G, not 'g'"]),
        ("\U0001d420x", "\\U0001d420x", ["\\U0001d420 is MATHEMATICAL BOLD SMALL G, not 'g'"]),
    ],
)  # fmt: skip
def test_invisible_and_look_alike_characters_are_escaped_and_named(text: str, escaped: str, notes: list[str]) -> None:
    assert shown(text) == escaped
    assert unseen(text) == notes


@pytest.mark.parametrize(
    "text",
    [
        "kataib-hezbollah",
        "Катаиб Хезболла",  # Cyrillic on its own is a name, not a look-alike
        "Κρήτη and Crete",  # Greek and Latin in separate words
        "café Kataʼib Ḥizbullāh",  # Latin letters with marks and a modifier apostrophe
        "كتائب حزب الله",
    ],
)
def test_text_anyone_can_read_is_left_as_it_is(text: str) -> None:
    assert shown(text) == text
    assert unseen(text) == []


def test_a_problem_shows_the_escapes_and_says_what_they_are_after_its_hint() -> None:
    problem = Problem(
        Position("content/actors/group.yml", 5, 11), "error", "unknown source 's\u200brc'", "did you mean 'src'?"
    )
    assert str(problem) == (
        "content/actors/group.yml:5:11: error: unknown source 's\\u200brc' "
        "(did you mean 'src'?; \\u200b is an invisible ZERO WIDTH SPACE)"
    )


def test_a_problem_without_a_hint_gets_one_saying_what_the_escapes_are() -> None:
    problem = Problem(Position.whole("content/pages/a\u202eb.md"), "error", "bad name")
    assert str(problem) == (
        "content/pages/a\\u202eb.md: error: bad name (\\u202e is an invisible RIGHT-TO-LEFT OVERRIDE)"
    )


def test_each_character_is_named_once() -> None:
    problem = Problem(Position("a.yml", 1, 1), "error", "'x\u200by' and 'x\u200bz'", "not 'x\u200by'")
    assert str(problem).count("is an invisible ZERO WIDTH SPACE") == 1
