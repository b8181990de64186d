"""Run functions in forked child processes and hand back their results or their exceptions.

`build` generates in a child so that the generator's memory goes back to
the system before MkDocs starts: CPython keeps memory it has freed, so the
build process went on holding 179 MB beside MkDocs' 92 MB at 2,000 events
(about 0.7 GB at 10,000). MkDocs' pages are then rendered by several
children at once (`shared_build`). Where fork is unavailable the
functions simply run here, one after another.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class ChildError(RuntimeError):
    """The child process failed in a way its own exception could not carry back."""


def can_fork() -> bool:
    """Whether calls really run in children here (not on Windows, for one)."""
    return "fork" in multiprocessing.get_all_start_methods()


def in_child(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    return in_children([partial(func, *args, **kwargs)])[0]


def in_children(calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run every call in its own child, all at once; their results in order, or the first call's failure.

    Every child is waited for before a failure is raised, so none outlives the call.
    """
    if not can_fork():
        return [call() for call in calls]
    started = [_start(call) for call in calls]
    outcomes = [_outcome(child, receive) for child, receive in started]
    for succeeded, value in outcomes:
        if not succeeded:
            raise value
    return [value for _, value in outcomes]


def _start(call: Callable[[], Any]) -> tuple[BaseProcess, Connection]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # Not daemonic: a daemonic process may not start children, and the MkDocs build child starts its workers.
    child = context.Process(target=_run, args=(send, call))
    child.start()
    send.close()
    return child, receive


def _outcome(child: BaseProcess, receive: Connection) -> tuple[bool, Any]:
    """The child's (succeeded, value), read before joining: a large result would fill the pipe and block it."""
    try:
        outcome: tuple[bool, Any] = receive.recv()
    except EOFError:
        child.join()
        return False, ChildError(f"the child process ended without a result (exit code {child.exitcode})")
    finally:
        receive.close()
    child.join()
    return outcome


def _run(send: Connection, call: Callable[[], Any]) -> None:
    try:
        outcome: tuple[bool, Any] = (True, call())
    except BaseException as exc:  # everything goes back to the parent, which re-raises it
        exc.add_note(f"(raised in the child process)\n{''.join(traceback.format_exception(exc)).rstrip()}")
        outcome = (False, exc)
    try:
        send.send(outcome)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        failed = outcome[1] if not outcome[0] else exc
        send.send((False, ChildError("".join(traceback.format_exception(failed)).rstrip())))
    finally:
        send.close()
