"""Command line: the only module that prints or sets an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import ContentError, format_problems
from generator.pipeline import load_index

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return EXIT_ERRORS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("validate", help="check the content and report every problem")
    check.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    check.set_defaults(run=_validate)
    return parser


def _validate(args: argparse.Namespace) -> int:
    index, warnings = load_index(args.content)
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    corpus = index.corpus
    print(f"ok: {len(corpus.events)} events, {len(corpus.actors)} actors, {len(corpus.places)} places, "
          f"{len(corpus.sources)} sources, {len(corpus.campaigns)} campaigns")
    return EXIT_OK
