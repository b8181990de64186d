"""`migrate-dates`: rewrite a briefing's dates from the old form to EDTF, keeping every comment and line.

The old form put '~' in front (`~2024-01-20`, which an EDTF reader takes as "only
the year approximate") and wrote times without seconds. Each date field of every
record is found through the schema, with its position, and only its value is
replaced in the file's text; an approximate time, which EDTF cannot say, becomes
the exact time plus `time_approximate: true` beside it. Running it again changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Position, Problem, display_path
from generator.records import schema
from generator.records.dates import migrated_date
from generator.records.load import RECORD_FOLDERS
from generator.records.yaml_positions import YList, YMap, parse_yaml

APPROXIMATE_TIME = "time_approximate"


@dataclass(frozen=True)
class _DateValue:
    value: str
    position: Position
    key: Position
    """Where the field's name stands: a block mapping's added line is indented to it."""
    owner: YMap
    fields: tuple[schema.Field, ...]


@dataclass(frozen=True)
class Migration:
    files: tuple[Path, ...]
    dates: int
    problems: tuple[Problem, ...]


def migrate_dates(content: Path) -> Migration:
    """Rewrite every record under `content` whose dates are in the old form; say what changed."""
    changed: list[Path] = []
    problems: list[Problem] = []
    dates = 0
    for kind in RECORD_FOLDERS:
        for path in sorted((content / kind).glob("*.yml")):
            text = path.read_text(encoding="utf-8")
            data = parse_yaml(text, display_path(path), [])
            if data is None:
                continue  # validate reports what is wrong with it
            found = [d for d in _dates(data, schema.RECORDS[kind]) if migrated_date(d.value) != d.value]
            new_text = _rewritten(text, found, problems)
            if new_text != text:
                path.write_text(new_text, encoding="utf-8")
                changed.append(path)
                dates += len(found)
    return Migration(tuple(changed), dates, tuple(problems))


def _dates(data: YMap, fields: tuple[schema.Field, ...]) -> Iterator[_DateValue]:
    for spec in fields:
        if spec.name in data:
            yield from _values(data[spec.name], spec.type, data, spec.name, fields)


def _values(
    value: Any, ftype: schema.FieldType, owner: YMap, key: str, fields: tuple[schema.Field, ...]
) -> Iterator[_DateValue]:
    if isinstance(ftype, schema.Date) and isinstance(value, str):
        yield _DateValue(value, owner.value_positions[key], owner.key_positions[key], owner, fields)
    elif isinstance(ftype, schema.Object) and isinstance(value, YMap):
        yield from _dates(value, schema.OBJECTS[ftype.name])
    elif isinstance(ftype, schema.ListOf) and isinstance(value, YList) and isinstance(ftype.item, schema.Object):
        for item in value:
            if isinstance(item, YMap):
                yield from _dates(item, schema.OBJECTS[ftype.item.name])


def _rewritten(text: str, found: list[_DateValue], problems: list[Problem]) -> str:
    lines = text.splitlines(keepends=True)
    # From the last date up, so that an added line does not move the ones still to rewrite.
    for date in sorted(found, key=lambda d: (d.position.line, d.position.col), reverse=True):
        new = migrated_date(date.value)
        row = date.position.line - 1
        start = date.position.col - 1
        at = lines[row].find(date.value, start)
        if new.startswith("~"):
            if not any(f.name == APPROXIMATE_TIME for f in date.fields):
                problems.append(_cannot(date))
                continue
            new = new[1:]
        lines[row] = lines[row][:at] + new + lines[row][at + len(date.value) :]
        if migrated_date(date.value).startswith("~") and APPROXIMATE_TIME not in date.owner:
            _add_flag(lines, row, at + len(new), date)
    return "".join(lines)


def _add_flag(lines: list[str], row: int, after_value: int, date: _DateValue) -> None:
    """`time_approximate: true` beside the date: in a flow mapping after its value, else on the next line."""
    line = lines[row]
    if "{" in line[: date.key.col - 1]:
        closing = line.find(",", after_value)
        closing = line.find("}", after_value) if closing < 0 else closing
        lines[row] = f"{line[:closing]}, {APPROXIMATE_TIME}: true{line[closing:]}"
    else:
        ending = "\r\n" if line.endswith("\r\n") else "\n"
        lines.insert(row + 1, f"{' ' * (date.key.col - 1)}{APPROXIMATE_TIME}: true{ending}")


def _cannot(date: _DateValue) -> Problem:
    return Problem(
        date.position,
        "error",
        f"'{date.value}' is an approximate time, which EDTF cannot write and this field cannot flag",
        "write the exact time if the source gives it, or the day with '~' after it",
    )
