"""Ids, page names and URLs: text that becomes a file name or a link, and what an editor is told when it cannot."""

from __future__ import annotations

from typing import Any

import pytest

from generator.records.names import MAX_NAME_BYTES, id_problem, page_name_problem, url_problem


@pytest.mark.parametrize(
    ("value", "stem", "problem"),
    [
        ("group", "group", None),
        ("a" * MAX_NAME_BYTES, "a" * MAX_NAME_BYTES, None),
        (2024, "2024", ("id 2024 is a number to YAML, not text", "put it in quotes: id: '2024'")),
        (2024, "report", ("id 2024 is a number to YAML, not text", "put it in quotes: id: '2024'")),
        (1.5, "1.5", ("id 1.5 is a number to YAML, not text", "write it as a slug")),
        (-3, "x", ("id -3 is a number to YAML, not text", "write it as a slug")),
        (
            True,
            "yes",
            ("id 'True' is not a lowercase slug", "use lowercase letters, digits and single hyphens, e.g. 'true'"),
        ),
        (
            "Group",
            "group",
            ("id 'Group' is not a lowercase slug", "use lowercase letters, digits and single hyphens, e.g. 'group'"),
        ),
        (
            "a" * (MAX_NAME_BYTES + 1),
            "a" * (MAX_NAME_BYTES + 1),
            (
                "id is 101 characters long, over the limit of 100",
                "shorten it and rename the file to match: the site's file names are made from it",
            ),
        ),
        (
            "group",
            "other",
            (
                "id 'group' does not match the file name 'other.yml'",
                "rename the file to 'group.yml' or set 'id: other'",
            ),
        ),
    ],
)
def test_id_problems(value: Any, stem: str, problem: tuple[str, str] | None) -> None:
    assert id_problem(value, stem) == problem


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/a?b=c#d", None),
        ("http://[::1]:8080/x", None),
        ("http://example.org:65535/", None),
        (
            "http://[::1",
            ("is not a URL that can be read (Invalid IPv6 URL): 'http://[::1'", "write the full https://… address"),
        ),
        (
            "http://example.org:99999/",
            (
                "is not a URL that can be read (Port out of range 0-65535): 'http://example.org:99999/'",
                "write the full https://… address",
            ),
        ),
        (
            "http://example.org:port/",
            (
                "is not a URL that can be read (Port could not be cast to integer value as 'port'): "
                "'http://example.org:port/'",
                "write the full https://… address",
            ),
        ),
        (
            "http://user:pass@example.org/",
            (
                "holds a user name or password ('user:pass@'), which the site would publish",
                "remove it: write http://example.org…",
            ),
        ),
        (
            "https://token@example.org/x",
            (
                "holds a user name or password ('token@'), which the site would publish",
                "remove it: write https://example.org…",
            ),
        ),
        (
            "https://:@example.org/",
            (
                "holds a user name or password (':@'), which the site would publish",
                "remove it: write https://example.org…",
            ),
        ),
        (
            "javascript:alert(1)",
            ("must be an http(s) URL, not 'javascript:alert(1)'", "write the full https://… address"),
        ),
        ("https://", ("must be an http(s) URL, not 'https://'", "write the full https://… address")),
        ("https://:80/", ("must be an http(s) URL, not 'https://:80/'", "write the full https://… address")),
        ("https://a b/", ("must be an http(s) URL, not 'https://a b/'", "write the full https://… address")),
    ],
)
def test_url_problems(url: str, problem: tuple[str, str] | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize(
    ("stem", "problem"),
    [
        ("about", None),
        ("Über uns", None),
        ("é" * 50, None),
        (
            "a\\b",
            (
                "page name 'a\\b' holds a backslash or a control character, which no web address can keep",
                "rename the file with letters, digits, '-' and '_'",
            ),
        ),
        (
            "tab\there",
            (
                "page name 'tab\there' holds a backslash or a control character, which no web address can keep",
                "rename the file with letters, digits, '-' and '_'",
            ),
        ),
        (
            "é" * 51,
            (
                "page name is 102 bytes long in UTF-8, over the limit of 100",
                "shorten the file's name: the site's file names are made from it",
            ),
        ),
    ],
)
def test_page_name_problems(stem: str, problem: tuple[str, str] | None) -> None:
    assert page_name_problem(stem) == problem


def test_every_name_made_from_the_longest_id_fits_the_file_system() -> None:
    """events/<id>/index.html, the page events/<id>.md, and the writer's temporary name beside it."""
    longest = "a" * MAX_NAME_BYTES
    assert all(len(name.encode()) <= 255 for name in (longest, f"{longest}.md", ".tmp-4194304", "é" * 50 + ".md"))
