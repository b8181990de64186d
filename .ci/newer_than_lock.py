"""Print the installed packages whose version differs from requirements/lock.txt (the weekly job's log).

Run with the interpreter of the environment to compare: `.venv-latest/bin/python .ci/newer_than_lock.py`.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parent.parent / "requirements" / "lock.txt"


def main() -> None:
    text = LOCK.read_text(encoding="utf-8")
    locked = {canonicalize_name(n): v for n, v in re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", text, re.M)}
    for dist in sorted(importlib.metadata.distributions(), key=lambda d: canonicalize_name(d.metadata["Name"])):
        name = canonicalize_name(dist.metadata["Name"])
        if name in locked and locked[name] != dist.version:
            print(f"{name}: locked {locked[name]}, installed {dist.version}")
        elif name not in locked and name not in ("pip", "briefing-generator"):
            print(f"{name}: not in the lock, installed {dist.version}")


if __name__ == "__main__":
    main()
