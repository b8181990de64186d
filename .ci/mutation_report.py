"""The mutation score per module, from mutmut's results in mutants/, and every surviving mutant.

A mutant counts as killed when a test failed on it (or it timed out) or when mypy --strict
rejected it, as `make test` would. Mutants listed in tests/equivalent_mutants.txt, each with
why it cannot be observed, leave the count. Exits 1 when a module is below the threshold.

    python .ci/mutation_report.py [--threshold 90] [--diffs]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "equivalent_mutants.txt"
KILLED = {1: "killed", 3: "killed", 36: "killed", 24: "killed", -24: "killed", 152: "killed", 255: "killed"}
TYPE_CHECKED = 37


def outcome(exit_code: int | None) -> str:
    if exit_code == TYPE_CHECKED:
        return "typed"
    if exit_code in KILLED:
        return "killed"
    return {0: "survived", 5: "untested", 33: "untested", None: "unchecked"}.get(exit_code, "survived")


def equivalent_mutants() -> dict[str, str]:
    """{mutant name: why it cannot be observed} from the kept list ('name  # reason' per line)."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            found[name.strip()] = why.strip()
    return found


def results() -> dict[str, dict[str, str]]:
    """{module path: {mutant name: outcome}} for every module mutmut mutated."""
    by_module = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        module = meta.relative_to(ROOT / "mutants").as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        by_module[module] = {name: outcome(code) for name, code in codes.items()}
    return by_module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=90.0, help="lowest score per module, in percent")
    parser.add_argument("--diffs", action="store_true", help="print each survivor's change")
    args = parser.parse_args()
    equivalent = equivalent_mutants()
    failing, survivors = [], []
    print(f"{'module':<36} {'mutants':>7} {'killed':>7} {'by mypy':>7} {'equiv.':>6} {'left':>5} {'score':>7}")
    for module, outcomes in results().items():
        counts = Counter("equivalent" if name in equivalent else result for name, result in outcomes.items())
        counted = len(outcomes) - counts["equivalent"]
        caught = counts["killed"] + counts["typed"]
        score = 100.0 * caught / counted if counted else 100.0
        left = counted - caught
        print(
            f"{module:<36} {len(outcomes):>7} {counts['killed']:>7} {counts['typed']:>7} "
            f"{counts['equivalent']:>6} {left:>5} {score:>6.1f}%"
        )
        survivors += [
            (name, result)
            for name, result in outcomes.items()
            if result in ("survived", "untested", "unchecked") and name not in equivalent
        ]
        if score < args.threshold:
            failing.append(module)
    stale = sorted(set(equivalent) - {name for outcomes in results().values() for name in outcomes})
    print(f"\n{len(survivors)} mutants left (not killed, not listed as equivalent):")
    for name, result in survivors:
        print(f"  {name}  ({result})")
        if args.diffs:
            shown = subprocess.run(
                [sys.executable, "-m", "mutmut", "show", name], cwd=ROOT, capture_output=True, text=True, check=False
            )
            print("\n".join("      " + line for line in shown.stdout.splitlines()[1:]))
    if stale:
        print(f"\n{len(stale)} listed equivalent mutants no longer exist (remove them): {', '.join(stale)}")
    if failing:
        print(f"\nbelow {args.threshold:g}%: {', '.join(failing)}")
        return 1
    print(f"\nevery module at or above {args.threshold:g}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
