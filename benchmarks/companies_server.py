"""Child: the company list's reads on PostgreSQL, as the app runs them (`app`) or as the same
statements through a plain psycopg connection (`raw`), each step timed on its own."""

from __future__ import annotations

import sys
import time
from typing import Any

from benchmarks import company_cases as cases
from benchmarks.companies_sql import Statement, capture
from benchmarks.postgres import driver_dsn
from benchmarks.probe import report


def _app(url: str) -> dict[str, Any]:
    from prospector.company_filter import CompanyFilter
    from prospector.schema import open_database
    from prospector.services.company_query import first_window, list_companies

    database = open_database(url).database
    values: dict[str, Any] = {}

    def show(query: cases.Query, count: bool) -> tuple[int, list[Any]]:
        flt = CompanyFilter.from_json(query.filter)
        with database.reading() as session:
            if count:
                window = first_window(
                    session, flt, limit=cases.WINDOW, sort=query.sort, descending=query.descending
                )
                return window.total, list(window.rows)
            rows = list_companies(
                session, flt, limit=cases.WINDOW, sort=query.sort, descending=query.descending
            )
            return -1, rows

    show(cases.ALL, True)
    for step in cases.FLOOR_STEPS:
        show(step.before, True)
        start = time.perf_counter()
        total, rows = show(step.query, step.count)
        values[f"{step.key}_s"] = time.perf_counter() - start
        values[f"{step.key}_total"] = total
        values[f"{step.key}_first_id"] = rows[0].id if rows else None
    database.dispose()
    return values


def _raw(url: str) -> dict[str, Any]:
    import psycopg

    queries = [q for step in cases.FLOOR_STEPS for q in (step.before, step.query)]
    captured = capture(url, [cases.ALL, *queries])
    values: dict[str, Any] = {}
    with psycopg.connect(driver_dsn(url), autocommit=True) as connection:

        def run(statements: list[Statement]) -> list[list[Any]]:
            return [connection.execute(sql, params).fetchall() for sql, params in statements]

        run(captured[repr(cases.ALL)])
        for step in cases.FLOOR_STEPS:
            run(captured[repr(step.before)])
            statements = captured[repr(step.query)]
            statements = statements if step.count else statements[:1]
            start = time.perf_counter()
            results = run(statements)
            values[f"{step.key}_s"] = time.perf_counter() - start
            rows = results[0]
            counted = results[1][0][0] if len(results) > 1 else len(rows)
            values[f"{step.key}_total"] = counted if step.count else -1
            values[f"{step.key}_first_id"] = rows[0][0] if rows else None
    return values


def main(argv: list[str]) -> int:
    url, kind = argv[0], argv[1]
    report(**(_app(url) if kind == "app" else _raw(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
