"""A function run in a forked child: its result or its exception comes back."""

from __future__ import annotations

import os
import threading

import pytest

from generator.cli import main
from generator.errors import ContentError, Position, Problem
from generator.site.forked import ChildError, in_child
from tests.conftest import ROOT

PROBLEM = Problem(Position("content/events/x.yml", 3, 7), "error", "bad date", "write YYYY-MM-DD")


def pid_plus(n: int) -> int:
    return os.getpid() + n


def unpicklable_result() -> threading.Lock:
    return threading.Lock()


def raise_content_error() -> None:
    raise ContentError([PROBLEM])


def raise_unpicklable() -> None:
    raise ValueError(threading.Lock())  # a lock cannot be pickled


def die() -> None:
    os._exit(3)


def test_the_result_comes_back_from_another_process() -> None:
    assert in_child(pid_plus, 5) not in (os.getpid() + 5, 5)


def test_a_content_error_comes_back_with_its_problems() -> None:
    with pytest.raises(ContentError) as caught:
        in_child(raise_content_error)
    assert caught.value.problems == [PROBLEM]
    assert str(caught.value) == "content/events/x.yml:3:7: error: bad date (write YYYY-MM-DD)\n1 error, 0 warnings"


def test_an_exception_that_cannot_be_pickled_comes_back_as_its_traceback() -> None:
    with pytest.raises(ChildError, match=r"(?s)raise_unpicklable.*ValueError: <unlocked _thread.lock"):
        in_child(raise_unpicklable)


def test_a_result_that_cannot_be_pickled_is_a_clear_error() -> None:
    with pytest.raises(ChildError, match=r"(?s)TypeError: cannot pickle '_thread.lock' object"):
        in_child(unpicklable_result)


def test_a_child_that_dies_is_a_clear_error() -> None:
    with pytest.raises(ChildError, match=r"^the child process ended without a result \(exit code 3\)$"):
        in_child(die)


def test_build_reports_a_dead_generator_as_one_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def killed(*args: object, **kwargs: object) -> None:
        raise ChildError("the child process ended without a result (exit code -9)")

    monkeypatch.setattr("generator.cli.in_child", killed)
    assert main(["build", "-f", str(ROOT / "mkdocs.yml")]) == 1
    assert capsys.readouterr().err == "error: the child process ended without a result (exit code -9)\n"
