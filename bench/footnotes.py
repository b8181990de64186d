"""Footnote benchmark (issue 18, class 8): an incident card with thousands of cited rows builds in linear time.

    .venv/bin/python bench/footnotes.py                    # 1,000 to 10,000 rows
    .venv/bin/python bench/footnotes.py --rows 500 1000    # a quick run
    .venv/bin/python bench/footnotes.py --contrast         # also each row as a Markdown footnote reference

Each case is one event whose participants table has N rows, every one citing the same source.
Python-Markdown's footnotes extension walks every earlier reference to a footnote for each new one
(1,000 references 1.6 s, 2,000 7.0 s, 4,000 15.9 s), so the card cites with plain links to the
footnote, and only the first carries `[^n]`. The table: the generator's time for the card (load,
validate, render, write), Python-Markdown's with the site's extensions (what MkDocs spends on the
page), and microseconds per row; the run fails (exit 1) when the time per row at the most rows is
over three times that at the fewest. `--contrast` renders the same table with a `[^1]` in every
row, the design that was quadratic, for the figure beside it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pages.pipeline import generate  # noqa: E402
from generator.records import schema  # noqa: E402

CARD = "events/2024-01-01-attack.md"
LINEAR = 3.0
"""The most the time per row may grow from the fewest rows to the most."""


def records(rows: int) -> dict[str, str]:
    """The smallest briefing, its one event with `rows` participant rows citing one source."""
    roles = list(schema.VOCABULARIES["role"])
    participants = "".join(
        f"  - {{actor: group, role: {roles[i % len(roles)]}, attribution: claimed, sources: [src]}}\n"
        for i in range(rows)
    )
    return {
        "sources/src.yml": "id: src\ntitle: A source\nkind: news-report\n",
        "actors/group.yml": "id: group\nname: Group\nkind: armed-group\nprofile: A group.[@src]\nsources: [src]\n",
        "places/town.yml": "id: town\nname: Town\nkind: town\ndescription: A town.[@src]\nsources: [src]\n",
        "events/2024-01-01-attack.yml": (
            'id: 2024-01-01-attack\ntitle: An attack\ndate: "2024-01-01"\ntype: rocket-attack\n'
            f"places:\n  - place: town\nparticipants:\n{participants}"
            "summary: Rockets hit [[town]].[@src]\nsources: [src]\n"
        ),
    }


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with mkdocs.yml's extensions, as MkDocs renders a page."""
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in settings["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def measure(rows: int, contrast: bool) -> tuple[float, float, float | None]:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        for relative, text in records(rows).items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(text, encoding="utf-8")
        start = time.perf_counter()
        generate(content, ROOT / "site_templates", Path(folder) / "docs")
        generated = time.perf_counter() - start
        card = (Path(folder) / "docs" / CARD).read_text(encoding="utf-8")
    start = time.perf_counter()
    site_markdown().convert(card)
    rendered = time.perf_counter() - start
    if not contrast:
        return generated, rendered, None
    naive = "".join(f"| row {i} | group[^1] |\n" for i in range(rows))
    start = time.perf_counter()
    site_markdown().convert(f"| Row | Actor |\n|---|---|\n{naive}\n[^1]: A source.\n")
    return generated, rendered, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 2_000, 4_000, 10_000])
    parser.add_argument("--contrast", action="store_true", help="also time a [^1] in every row")
    args = parser.parse_args()
    print(f"{'rows':>7} {'generate s':>11} {'markdown s':>11} {'µs/row':>8}" + ("  [^1] per row s" * args.contrast))
    per_row = []
    for rows in sorted(args.rows):
        generated, rendered, naive = measure(rows, args.contrast)
        per_row.append((generated + rendered) / rows)
        extra = f"  {naive:15.2f}" if naive is not None else ""
        print(f"{rows:>7,} {generated:>11.2f} {rendered:>11.2f} {per_row[-1] * 1e6:>8.0f}{extra}")
    growth = per_row[-1] / per_row[0]
    print(f"time per row grew {growth:.1f}× from {min(args.rows):,} to {max(args.rows):,} rows (limit {LINEAR:.0f}×)")
    return 0 if growth <= LINEAR else 1


if __name__ == "__main__":
    sys.exit(main())
