"""Child, the SQL floor of the company page: the same list and count queries through sqlite3."""

from __future__ import annotations

import sqlite3
import sys
import time
from typing import Any

from benchmarks import company_cases as cases
from benchmarks.probe import report


def _run(connection: sqlite3.Connection, query: cases.Query, count: bool) -> tuple[int, list[Any]]:
    """Count (when asked, first, as the model does) and fetch one window, every row."""
    total = connection.execute(query.count_sql(), query.params).fetchone()[0] if count else -1
    rows = connection.execute(query.list_sql(), query.params).fetchall()
    return total, rows


def _plan(connection: sqlite3.Connection, query: cases.Query) -> str:
    steps = connection.execute("EXPLAIN QUERY PLAN " + query.list_sql(), query.params).fetchall()
    return "; ".join(str(step[-1]) for step in steps)


def main(argv: list[str]) -> int:
    # A plain connection that only reads (the file stays as it is), autocommit like the app's.
    connection = sqlite3.connect(argv[0], isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 10000")
    values: dict[str, Any] = {}
    _run(connection, cases.ALL, count=True)  # schema read, caches as after the page opened
    for step in cases.FLOOR_STEPS:
        _run(connection, step.before, step.count)  # what the page showed before; untimed
        start = time.perf_counter()
        total, rows = _run(connection, step.query, step.count)
        values[f"{step.key}_s"] = time.perf_counter() - start
        values[f"{step.key}_total"] = total
        values[f"{step.key}_rows"] = len(rows)
        values[f"{step.key}_first_id"] = rows[0][0] if rows else None
        values[f"{step.key}_plan"] = _plan(connection, step.query)
    connection.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
