"""Run a command; print its standard output, then its peak memory and its CPU seconds.

    python bench/measured.py COMMAND [ARG ...]

The last line is `PEAK_KB LARGEST_KB CPU_S`: PEAK_KB is the most the command's
processes held at one moment together (sampled from /proc every 0.2 s, so a
build whose workers run side by side is counted whole); LARGEST_KB is the
largest single process (getrusage). Where /proc is missing, PEAK_KB is
LARGEST_KB. A separate process, so the getrusage figures are this command's alone.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_kb(root: int) -> int:
    """Resident KB of `root` and all its descendants now."""
    parent, resident = {}, {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:  # ended while we looked
                continue
            fields = stat[stat.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
            pid = int(entry.name)
            parent[pid], resident[pid] = int(fields[1]), int(fields[21]) * PAGE_KB
    total, stack = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    while stack:
        pid = stack.pop()
        total += resident.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def main(command: list[str]) -> int:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], tree_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/stat").exists():
        sampler.start()
    out, _ = process.communicate()
    done.set()
    if process.returncode != 0:
        print(out)
        return process.returncode
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(out)
    print(max(peak[0], usage.ru_maxrss), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
