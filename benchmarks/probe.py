"""What a benchmark child hands back: one marked JSON line with its peak memory."""

from __future__ import annotations

import hashlib
import json
import resource
import sys
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

    `peak_mb` is this process's peak plus that of the largest process it waited for (the
    import's reader): the sum of their peaks, at least their peak together.
    """
    values["code_hash"], values["code_files"] = loaded_code()
    values["peak_rss_mb"] = round(peak_rss_mb(), 1)
    values["children_peak_mb"] = children_peak_mb()
    values["peak_mb"] = round(values["peak_rss_mb"] + values["children_peak_mb"], 1)
    print(RESULT_PREFIX + json.dumps(values), flush=True)


def children_peak_mb() -> float:
    """Peak memory of the largest child this process waited for (a workbook's reader)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
