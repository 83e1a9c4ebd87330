"""Child, the SQL floor of the company page: the app's own statements, run through sqlite3.

The statements are captured once (untimed) as SQLAlchemy sends them to the driver when
company_query.first_window reads what the page shows, then each step's statements are run
again through a plain sqlite3 connection with the app's pragmas, every row fetched, timed.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import company_cases as cases
from benchmarks.probe import report

Statement = tuple[str, Any]


def capture(url: str, queries: list[cases.Query]) -> dict[str, list[Statement]]:
    """The statements (SQL and parameters) the app runs to show each query's first window,
    by repr() of the query."""
    from sqlalchemy import event

    from prospector.company_filter import CompanyFilter
    from prospector.schema import open_database
    from prospector.services.company_query import first_window

    opened = open_database(url)
    engine = opened.database.engine
    sent: list[Statement] = []

    def note(_c: Any, _cur: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        sent.append((statement, parameters))

    captured: dict[str, list[Statement]] = {}
    event.listen(engine, "before_cursor_execute", note)
    try:
        for query in queries:
            with opened.database.reading() as session:
                sent.clear()
                flt = CompanyFilter.from_json(query.filter)
                first_window(
                    session, flt, limit=cases.WINDOW, sort=query.sort, descending=query.descending
                )
                captured[repr(query)] = [
                    s for s in sent if not s[0].startswith(("BEGIN", "PRAGMA"))
                ]
    finally:
        event.remove(engine, "before_cursor_execute", note)
        opened.database.dispose()
    return captured


def _run(connection: sqlite3.Connection, statements: list[Statement]) -> list[list[Any]]:
    """Every statement with all its rows fetched, as the app's read does."""
    return [connection.execute(sql, params).fetchall() for sql, params in statements]


def main(argv: list[str]) -> int:
    report(**measure_steps(Path(argv[0]), cases.FLOOR_STEPS))
    return 0


def measure_steps(database: Path, steps: tuple[cases.FloorStep, ...]) -> dict[str, Any]:
    """Each step's statements through sqlite3, timed, after its `before` state untimed (the
    first step's query is read first, untimed, as the page shows it on opening)."""
    from prospector.db import SQLITE_PRAGMAS

    queries = [q for step in steps for q in (step.before, step.query)]
    captured = capture(f"sqlite:///{database.resolve()}", queries)
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    values: dict[str, Any] = {}
    _run(connection, captured[repr(steps[0].query)])  # schema read, caches as after opening
    for step in steps:
        _run(connection, captured[repr(step.before)])  # what the page showed before; untimed
        # The window, then the count when the window is full (company_query.first_window);
        # a new order of the same rows is not counted again (the model keeps its total).
        statements = captured[repr(step.query)] if step.count else captured[repr(step.query)][:1]
        start = time.perf_counter()
        results = _run(connection, statements)
        values[f"{step.key}_s"] = time.perf_counter() - start
        rows = results[0]
        counted = results[1][0][0] if len(results) > 1 else len(rows)
        values[f"{step.key}_total"] = counted if step.count else -1
        values[f"{step.key}_rows"] = len(rows)
        values[f"{step.key}_first_id"] = rows[0][0] if rows else None
        values[f"{step.key}_statements"] = len(results)
        sql, params = captured[repr(step.query)][0]
        plan = connection.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        values[f"{step.key}_plan"] = "; ".join(str(line[-1]) for line in plan)
    connection.close()
    return values


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
