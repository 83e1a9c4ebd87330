"""Child, the floor for creating companies: the rows the services stored, inserted the fastest
known way (benchmarks.sqlite_floor)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks import cached, end_state, sqlite_floor
from benchmarks.probe import report


def main(argv: list[str]) -> int:
    rows_path, database_path = Path(argv[0]), Path(argv[1])
    columns, rows = cached.read(rows_path)  # what create_companies stored, untimed
    connection = sqlite_floor.connect(database_path)
    start = time.perf_counter()
    sqlite_floor.insert(connection, {"companies": (columns, rows)})
    seconds = time.perf_counter() - start
    state = end_state.describe(connection, ["companies"])
    connection.close()
    report(seconds=seconds, rows=state["counts"]["companies"], end_state=state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
