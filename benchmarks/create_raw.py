"""Child, the floor for creating companies: raw sqlite3 executemany of the normalised rows."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from benchmarks import cached
from benchmarks.probe import report

# The pragmas prospector.db.make_engine gives every SQLite connection.
PRAGMAS = (
    "PRAGMA busy_timeout = 10000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)


def main(argv: list[str]) -> int:
    rows_path, database_path = Path(argv[0]), Path(argv[1])
    columns, rows = cached.read(rows_path)  # validate_company output as DB-API values, untimed
    connection = sqlite3.connect(database_path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO companies ({', '.join(columns)}) VALUES ({marks})"
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(sql, rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    count = connection.execute("SELECT count(*) FROM companies").fetchone()[0]
    connection.close()
    report(seconds=seconds, rows=count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
