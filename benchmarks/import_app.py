"""Child: import a file end to end as `main.py import FILE` does, timed to the commit."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from benchmarks import end_state
from benchmarks.import_floor import TABLES
from benchmarks.probe import report


def main(argv: list[str]) -> int:
    source, database = Path(argv[0]), Path(argv[1]).resolve()
    from prospector import cli

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = cli.import_file(source, database=f"sqlite:///{database}", out=out, err=err)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"import failed: {err.getvalue()}")
    state = end_state.of_file(database, TABLES)
    report(
        seconds=seconds,
        companies=state["counts"]["companies"],
        contacts=state["counts"]["contacts"],
        end_state=state,
        summary=out.getvalue(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
