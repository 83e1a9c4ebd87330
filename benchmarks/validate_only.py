"""Child: validate and normalise the cached companies, nothing else, timed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks import cached
from benchmarks.probe import report


def main(argv: list[str]) -> int:
    from prospector.validation import validate_company

    inputs = cached.read(Path(argv[0]))
    start = time.perf_counter()
    for data in inputs:
        validate_company(data)
    seconds = time.perf_counter() - start
    report(seconds=seconds, rows=len(inputs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
