"""Check results as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json

from generator.checks.check import CheckReport
from generator.errors import Problem, format_problems

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def render_report(report: CheckReport, style: str) -> str:
    if style == "json":
        return json.dumps(_as_json(report), indent=2, ensure_ascii=False)
    lines = [_github(p) for p in report.problems] if style == "github" else [format_problems(report.problems)]
    if report.coverage is not None:
        cover = report.coverage
        lines.append(f"citation coverage: {cover.cited}/{cover.total} facts and sentences cited ({cover.share:.1%})")
    return "\n".join(lines)


def _as_json(report: CheckReport) -> dict[str, object]:
    cover = report.coverage
    return {
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "coverage": None if cover is None else {"cited": cover.cited, "total": cover.total, "share": cover.share},
        "problems": [
            {
                "path": p.position.path,
                "line": p.position.line,
                "col": p.position.col,
                "severity": p.severity,
                "message": p.message,
                "hint": p.hint,
            }
            for p in report.problems
        ],
    }


def _github(problem: Problem) -> str:
    text = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = problem.position
    place = f"file={where.path}" + (
        f",line={where.line},col={where.col}" if where.line else ""
    )  # a whole file: no line
    return f"::{_GITHUB_LEVEL[problem.severity]} {place}::{text}"
