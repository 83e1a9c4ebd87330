"""What a benchmark child hands back: one marked JSON line with its peak memory."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import sys
import threading
from pathlib import Path
from typing import Any

RESULT_PREFIX = "BENCH-RESULT "
ROOT = Path(__file__).resolve().parent.parent
# The project's own code, as opposed to the benchmarks and the installed libraries.
APP_PARTS = ("prospector", "ui", "main.py")


def loaded_code() -> tuple[str, int]:
    """A hash of the project source files this process has imported, and how many there are.

    Children that report the same hash ran the same code, whatever changed elsewhere meanwhile.
    """
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        resolved = Path(path).resolve()
        if resolved.is_relative_to(ROOT) and resolved.relative_to(ROOT).parts[0] in APP_PARTS:
            files.add(resolved)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12], len(files)


def peak_rss_mb() -> float:
    """Peak resident memory of this process image, in MB.

    Linux's VmHWM starts afresh at exec, so the parent's memory never leaks into it
    (ru_maxrss of a vforked child can include the parent's pages); rusage elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report(**values: Any) -> None:
    """Print the result for the parent; peak memory is read last, after all the work.

    `peak_mb` is the peak of this process and its children together: sampled over time by
    watch_memory (if started), and never below either one's own peak. `peaks_summed_mb`, this
    process's peak plus that of the largest child, is the bound when the two peaks coincide.
    """
    values["code_hash"], values["code_files"] = loaded_code()
    own = values["peak_rss_mb"] = round(peak_rss_mb(), 1)
    child = values["children_peak_mb"] = children_peak_mb()
    values["peaks_summed_mb"] = round(own + child, 1)
    sampled = _watch.peak_mb() if _watch is not None else None
    values["sampled_peak_mb"] = sampled
    if sampled is None:
        values["peak_mb"] = values["peaks_summed_mb"]
    else:
        values["peak_mb"] = round(max(sampled, own, child), 1)
    print(RESULT_PREFIX + json.dumps(values), flush=True)


def children_peak_mb() -> float:
    """Peak memory of the largest child this process waited for (a workbook's reader)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


class MemoryWatch:
    """The peak over time of the resident memory of this process and all its descendants.

    An import's reader process peaks while it loads the sheet and ends before the importer
    peaks over the parsed rows: adding the two peaks counts memory that never existed at once.
    Sampled every INTERVAL_S from /proc (Linux); each sample costs about 50 µs.
    """

    INTERVAL_S = 0.01

    def __init__(self) -> None:
        self._peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)

    def start(self) -> MemoryWatch:
        self._sample()
        self._thread.start()
        return self

    def peak_mb(self) -> float:
        self._stop.set()
        self._thread.join(1.0)
        self._sample()
        return round(self._peak_kb / 1024, 1)

    def _run(self) -> None:
        while not self._stop.wait(self.INTERVAL_S):
            self._sample()

    def _sample(self) -> None:
        total = sum(_rss_kb(pid) for pid in _tree(os.getpid()))
        self._peak_kb = max(self._peak_kb, total)


def _tree(pid: int) -> list[int]:
    """The process and its descendants, as /proc lists each thread's children."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
            except OSError:
                continue
            pending.extend(int(child) for child in children)
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process ended between listing and reading
    return 0


_watch: MemoryWatch | None = None


def watch_memory() -> None:
    """Sample the memory of this process and its children from now until report()."""
    global _watch
    if _watch is None and Path("/proc/self/task").is_dir():
        _watch = MemoryWatch().start()
