"""Former ids: the addresses a renamed record had, each kept alive by a redirect page.

A former id must name nothing else: not another record (whose page sits at that
address), not the record itself, and not another record's former id (two redirects
would claim one address). Checked on the raw records, so each problem points at the
former id as written, whatever else is wrong with the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.errors import Position, Problem
from generator.records.load import RawRecord
from generator.records.yaml_positions import YList

FIELD = "former_ids"


def former_id_problems(items: Iterable[RawRecord]) -> Iterator[Problem]:
    """Every former id that collides with a record's id or another former id, at the former id's position."""
    items = list(items)
    ids = {item.stem: item.data.position for item in items}
    claimed: dict[str, tuple[str, Position]] = {}
    for item in items:
        for n, former, where in _former_ids(item):
            name = f"{FIELD}[{n}]"
            if former == item.stem:
                yield Problem(where, "error", f"{name} '{former}' is the record's own id", "remove it")
            elif former in ids:
                yield Problem(
                    where,
                    "error",
                    f"{name} '{former}' is the id of another record ({ids[former]}): its page is at that address",
                    "remove the former id, or rename the other record",
                )
            elif former in claimed:
                owner, at = claimed[former]
                yield Problem(
                    where,
                    "error",
                    f"{name} '{former}' is also a former id of '{owner}' ({at}): one address cannot redirect to both",
                    "keep it on the record that had the id",
                )
            else:
                claimed[former] = (item.stem, where)


def _former_ids(item: RawRecord) -> Iterator[tuple[int, str, Position]]:
    """The record's former ids that are text (the converter reports the others), with their positions."""
    values = item.data.get(FIELD)
    if not isinstance(values, YList):
        return
    for n, (value, where) in enumerate(zip(values, values.item_positions, strict=True)):
        if isinstance(value, str):
            yield n, value.strip(), where
