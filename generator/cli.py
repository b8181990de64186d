"""Command line: the only module that prints or sets an exit code.

Exit codes: 0 success, 1 content errors or a failed build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.checks.check import run_check
from generator.checks.report import render_report
from generator.checks.urls import OnlineSettings
from generator.config import ConfigError, ConfigNotFoundError, Paths, resolve_paths
from generator.errors import ContentError, display_path, format_problems
from generator.pages.pipeline import generate, load_index
from generator.pages.render import Shares
from generator.pages.write import UnsafeOutputError
from generator.records.vocabulary import load_vocabulary
from generator.site.build import ENGINES, BuildError, build_site, default_jobs
from generator.site.forked import ChildError, in_child, in_children
from generator.tools.init import InitError, init_briefing, next_steps
from generator.tools.json_schema import schema_files, stale_schemas
from generator.tools.migrate_dates import migrate_dates
from generator.tools.scaffold import ScaffoldError, scaffold
from generator.tools.schema_doc import replace_reference, schema_reference
from generator.tools.synthetic import write_synthetic

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return EXIT_ERRORS
    except ConfigNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (BuildError, UnsafeOutputError, ConfigError, ChildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except FileNotFoundError as exc:
        print(f"error: {exc.filename}: not found", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build a briefing site from YAML records.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _command(commands, "validate", "check the content and report every problem", _validate)
    _command(commands, "generate", "write the Markdown pages into the docs folder", _generate)
    build = _command(commands, "build", "generate, then build the site with MkDocs, strict", _build)
    build.add_argument("--site", type=Path, help="output folder for the HTML site (default: site_dir)")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="site builder (properdocs: MkDocs 1.x's maintained continuation, should MkDocs stop installing)",
    )
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        help="processes rendering MkDocs' pages (default: the usable CPUs, at most 8; here %(default)s); "
        "1 runs mkdocs build itself",
    )
    build.add_argument("--full", action="store_true", help="render every page, even those the cache shows unchanged")
    serve = _command(commands, "serve", "live preview: regenerate on every save, reload the browser", _serve)
    serve.add_argument(
        "--engine",
        choices=("ondemand", "mkdocs", "zensical"),
        default="ondemand",
        help="ondemand: MkDocs renders each page when opened (fast at any size); mkdocs: its dev server "
        "rebuilds every page, search included; zensical: Zensical's dev server",
    )
    serve.add_argument("--dev-addr", type=_dev_addr, default="127.0.0.1:8000", help="HOST:PORT to serve on")
    _check_command(commands)
    init = _command(commands, "init", "start a new briefing in an empty folder", _init, briefing=False)
    init.add_argument("folder", type=Path, help="the new briefing's folder (absent or empty)")
    init.add_argument("--title", help="the site's title (default: the folder's name)")
    init.add_argument("--description", help="one line saying what the briefing covers")
    _command(commands, "migrate-dates", "rewrite old-form dates in EDTF, keeping comments and layout", _migrate_dates)
    new = _command(commands, "new", "write a commented record to fill in", _new)
    new.add_argument("kind", choices=("event", "actor", "place", "source", "campaign"), help="record kind")
    new.add_argument("id", help="the new record's id (a lowercase slug; also its file name)")
    synthetic = _command(commands, "synthetic", "write a synthetic briefing for benchmarks", _synthetic, briefing=False)
    synthetic.add_argument("events", type=int, help="number of events")
    synthetic.add_argument("out", type=Path, help="content folder to create (must not exist)")
    synthetic.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    schemas = _command(commands, "json-schema", "write the editors' JSON Schemas, with the briefing's terms", _schemas)
    schemas.add_argument("--out", type=Path, help="where to write schemas/ (default: beside the content folder)")
    doc = _command(commands, "schema-doc", "print the schema reference with the briefing's terms, or refresh it", _doc)
    doc.add_argument("--write", type=Path, metavar="FILE", help="replace the reference section in FILE")
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    run: object,
    briefing: bool = True,
) -> argparse.ArgumentParser:
    """A command; one run on a `briefing` (most) takes its folders and settings."""
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.set_defaults(run=run)
    if not briefing:
        return command
    command.add_argument("--content", type=Path, help="content folder (default: content/ beside the config)")
    command.add_argument(
        "--templates",
        type=Path,
        help="the briefing's own templates and CSS, overriding the generator's (default: extra.briefing.templates)",
    )
    command.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    return command


def _check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = _command(commands, "check", "check citations, coverage, links and URLs (the CI gate)", _check)
    check.add_argument("--site", type=Path, help="built site to check (default: site_dir)")
    check.add_argument(
        "--min-coverage",
        type=float,
        default=100.0,
        metavar="PCT",
        help="fail below this share of cited facts and sentences (default: 100)",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    check.add_argument("--online", action="store_true", help="also request every external URL")
    check.add_argument("--workers", type=int, default=4, help="online: requests in flight at once")
    check.add_argument("--timeout", type=float, default=10.0, help="online: seconds per request")
    check.add_argument("--cache", type=Path, default=Path(".cache/urlcheck.json"), help="online: results cache")
    check.add_argument("--max-age", type=float, default=7.0, metavar="DAYS", help="online: cache expiry in days")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes, 1 or more")
    return int(text)


def _dev_addr(text: str) -> str:
    """HOST:PORT, checked here so a typo is a usage error for every preview engine."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not HOST:PORT (for example 127.0.0.1:8000)")
    return text


def _paths(args: argparse.Namespace) -> Paths:
    return resolve_paths(args.config, args.content, args.templates, getattr(args, "site", None))


def _validate(args: argparse.Namespace) -> int:
    paths = _paths(args)
    index, warnings = load_index(paths.content, config=paths.config, search_page=paths.search == "pagefind")
    warnings += stale_schemas(paths.content.parent, index.corpus.vocabulary)
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    corpus = index.corpus
    print(
        f"ok: {len(corpus.events)} events, {len(corpus.actors)} actors, {len(corpus.places)} places, "
        f"{len(corpus.sources)} sources, {len(corpus.campaigns)} campaigns"
    )
    return EXIT_OK


def _generate(args: argparse.Namespace, forked: bool = False) -> int:
    """Generate the docs tree; `forked` (building): in a child, whose memory is freed when it ends."""
    paths = _paths(args)
    job, search_page = (paths.content, paths.template_path, paths.docs), paths.search == "pagefind"
    if forked:  # its pages rendered by as many processes as MkDocs' (`--jobs`)
        shares = Shares(args.jobs, in_children) if args.jobs > 1 else None
        report, warnings = in_child(generate, *job, search_page=search_page, config=paths.config, shares=shares)
    else:
        report, warnings = generate(*job, search_page=search_page, config=paths.config)
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    counts = f"{len(report.written)} written, {len(report.removed)} removed, {report.unchanged} unchanged"
    print(f"generated {paths.docs}: {counts}")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if _generate(args, forked=True) != EXIT_OK:  # MkDocs then runs without the generator's memory held
        return EXIT_ERRORS
    generated = time.perf_counter()
    paths = _paths(args)
    pagefind = paths.search == "pagefind"
    built = build_site(paths.config, paths.site, args.engine, pagefind=pagefind, jobs=args.jobs, full=args.full)
    done = time.perf_counter()
    took = f"in {done - generated:.1f} s (generator: {generated - started:.1f} s)"
    print(f"built {paths.site} with {built.builder(args.engine, args.jobs)} {took}; {built.pages_rendered}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve  # imported late: only serve needs subprocess watching

    return serve(_paths(args), args.engine, args.dev_addr)


def _doc(args: argparse.Namespace) -> int:
    vocabulary = load_vocabulary(_paths(args).content)
    if args.write is None:
        print(schema_reference(vocabulary))
        return EXIT_OK
    try:
        updated = replace_reference(args.write.read_text(encoding="utf-8"), vocabulary)
    except ValueError as exc:
        print(f"error: {args.write}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args.write.write_text(updated, encoding="utf-8")
    print(f"updated the schema reference in {args.write}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    online = None
    if args.online:
        online = OnlineSettings(
            workers=args.workers, timeout=args.timeout, cache=args.cache, max_age=args.max_age * 86400
        )
    report = run_check(_paths(args), args.min_coverage, online)
    print(render_report(report, args.format))
    failed = report.count("error") or (args.strict and report.count("warning"))
    return EXIT_ERRORS if failed else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    paths = _paths(args)
    try:
        target = scaffold(paths.content, args.kind, args.id, paths.template_path, load_vocabulary(paths.content))
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"created {display_path(target)}")
    run = _invocation(args)
    print(f"next: fill in the empty fields, then run `{run} validate` (or keep `{run} serve` running)")
    return EXIT_OK


def _invocation(args: argparse.Namespace | None = None) -> str:
    """The generator as the editor ran it (the installed script or the module, and its flags), for the next steps."""
    run = "briefing" if Path(sys.argv[0]).name == "briefing" else "python -m generator"
    if args is not None and args.config != Path("mkdocs.yml"):
        run += f" -f {display_path(args.config)}"
    return run + (f" --content {display_path(args.content)}" if args is not None and args.content else "")


def _init(args: argparse.Namespace) -> int:
    title = args.title or args.folder.resolve().name.replace("-", " ").replace("_", " ").capitalize()
    try:
        written = init_briefing(args.folder, title, args.description)
    except InitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"created the briefing '{title}' in {display_path(args.folder)} ({len(written)} files)")
    print("\n".join(next_steps(display_path(args.folder), _invocation())))
    return EXIT_OK


def _migrate_dates(args: argparse.Namespace) -> int:
    done = migrate_dates(_paths(args).content)
    for path in done.files:
        print(f"rewrote {display_path(path)}")
    print(f"{done.dates} dates rewritten in EDTF in {len(done.files)} files")
    if done.problems:
        print(format_problems(done.problems), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _schemas(args: argparse.Namespace) -> int:
    content = _paths(args).content
    out = content.parent if args.out is None else args.out  # records say $schema=../../schemas/…
    for relative, text in schema_files(load_vocabulary(content)).items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {display_path(target)}")
    return EXIT_OK


def _synthetic(args: argparse.Namespace) -> int:
    if args.out.exists():
        print(f"error: {args.out} already exists; choose a new folder", file=sys.stderr)
        return EXIT_USAGE
    count = write_synthetic(args.out, args.events, args.seed)
    print(f"wrote {count} records to {display_path(args.out)}")
    return EXIT_OK
