"""The import, company-list and export scenarios on PostgreSQL, each in a schema of its own."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import cached, fixtures, import_runner, postgres
from benchmarks import company_cases as cases
from benchmarks.import_floor import TABLES
from benchmarks.import_runner import MEMORY_GOAL_MB, RATIO_GOAL, ImportFiles
from benchmarks.measure import Run, Series, interleave, work_run
from benchmarks.runner import Outcome, Row, Target, end_state_problem, ratio_target, thousands
from benchmarks.spawn import run_child

Say = Callable[[str], None]
SEARCH_GOAL_MS = 100.0

SERVER_NOTE = (
    "PostgreSQL: every run gets a schema of its own on the server given (--postgres or"
    f" {postgres.URL_ENV}), created and migrated before the child starts and dropped after."
    " Import: the same child and file as on SQLite, the URL in place of the file; right after"
    " it, in the same child, the first searches a user types into the list ("
    " company_query.first_window, each on its own). Floor: python-calamine (csv module) reads"
    " the file, then the rows the app's import stored (captured from an untimed import into a"
    " schema of its own) go in by psycopg COPY with the tables' secondary indexes dropped and"
    " created again afterwards, and ANALYZE of the tables the import refreshes, one"
    " transaction. Company list: the statements company_query.first_window sends for each"
    " step (captured as on SQLite) through SQLAlchemy as the app runs them against the same"
    " statements through a plain psycopg connection, on the fixture copied in by COPY."
)


def _stored_rows(url: str) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every column of the tables an import fills, as the server holds them, by id."""
    import psycopg

    found = {}
    with psycopg.connect(postgres.driver_dsn(url)) as connection:
        for table in TABLES:
            # The stored columns only: a generated one (the search vector) is the server's.
            names = [
                name
                for (name,) in connection.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                    " AND table_schema = current_schema() AND is_generated = 'NEVER'"
                    " ORDER BY ordinal_position",
                    (table,),
                )
            ]
            cursor = connection.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id")
            columns = [column.name for column in cursor.description or ()]
            # JSON values (the import's mapping) as their text, which COPY takes back as is.
            found[table] = (
                columns,
                [
                    tuple(json.dumps(v) if isinstance(v, dict | list) else v for v in row)
                    for row in cursor.fetchall()
                ],
            )
    return found


def measure_import(files: ImportFiles, server: str, repeat: int, work: Path, say: Say) -> Outcome:
    outcome = Outcome(notes=[SERVER_NOTE])
    size = f"{files.size:,} rows x 15 columns"
    source, reader = files.csv, "csv module"
    say(f"PostgreSQL: capturing what an import of {source.name} stores …")
    captured = work / "server-import.rows.pickle"
    with postgres.fresh_schema(server) as url:
        run_child("benchmarks.import_app", str(source), url, work_dir=work)
        cached.write(captured, _stored_rows(url))

    app = Series(f"PostgreSQL: import {thousands(files.size)} rows from .csv")
    floor = Series(f"{reader} + psycopg COPY")

    def into_schema(module: str, *args: str) -> Run:
        with postgres.fresh_schema(server) as url:
            return work_run(module, *args, url, work_dir=work)

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (app, lambda: into_schema("benchmarks.import_app", str(source))),
        (floor, lambda: into_schema("benchmarks.import_floor_pg", str(source), str(captured))),
    ]
    interleave(plan, repeat, say)
    problem = end_state_problem(app, floor)
    row = Row(app.label, size, app, floor)
    outcome.rows.append(row)
    outcome.targets.append(
        ratio_target(
            f"PostgreSQL: import {thousands(files.size)} rows from .csv, within 2x",
            row,
            RATIO_GOAL,
            invalid=problem,
        )
    )
    outcome.targets.append(
        Target(
            "PostgreSQL: import from .csv, peak memory of its processes",
            app.peak_mb,
            MEMORY_GOAL_MB,
            "MB",
            invalid=problem,
        )
    )
    searches = Series("PostgreSQL: first searches right after the import")
    for text in app.runs[0].values["first_searches_s"]:
        each = Series(f'PostgreSQL: search "{text}" right after the import')
        each.runs = [Run(run.values["first_searches_s"][text], run.peak_mb, {}) for run in app.runs]
        searches.runs.extend(each.runs)
        outcome.rows.append(Row(each.label, "first window", each, None, unit="ms"))
        outcome.targets.append(
            Target(
                f'PostgreSQL: search "{text}" right after an import',
                each.median * 1000,
                SEARCH_GOAL_MS,
                "ms",
            )
        )
    outcome.notes.append(
        "PostgreSQL import end state: "
        + (
            problem
            or "every run of the app and of the floor left the same rows and indexes"
            " (counts, checksums, pg_indexes)"
        )
    )
    return outcome


def measure_fixture(
    big: fixtures.Fixture, server: str, repeat: int, work: Path, say: Say
) -> Outcome:
    """The company list and the export on the fixture copied to the server."""
    with postgres.fresh_schema(server) as url:
        say("PostgreSQL: copying the fixture into a schema of its own …")
        copied = postgres.copy_fixture(big.database, url)
        outcome = _companies(url, copied, repeat, work, say)
        exported = import_runner.measure_export(
            big, repeat, work, say, source=url, prefix="PostgreSQL: "
        )
    outcome.rows.extend(exported.rows)
    outcome.notes.extend(exported.notes)
    outcome.targets.extend(exported.targets)
    return outcome


def _companies(url: str, copied: dict[str, int], repeat: int, work: Path, say: Say) -> Outcome:
    """The list's reads: the app (SQLAlchemy) against the same statements through psycopg."""
    outcome = Outcome()
    runs: dict[str, list[dict[str, Any]]] = {"app": [], "raw": []}
    for index in range(repeat):
        for name in runs:
            values = run_child("benchmarks.companies_server", url, name, work_dir=work).values
            runs[name].append(values)
            say(
                f"  PostgreSQL company list ({name}): run {index + 1}/{repeat},"
                f" search {values['search_muller_s'] * 1000:.1f} ms"
            )
    wrong = sorted(
        {
            step.key
            for step in cases.FLOOR_STEPS
            for app in runs["app"]
            for raw in runs["raw"]
            if app[f"{step.key}_first_id"] != raw[f"{step.key}_first_id"]
            or app[f"{step.key}_total"] != raw[f"{step.key}_total"]
        }
    )
    problem = f"the app and the raw driver disagree on {', '.join(wrong)}" if wrong else ""
    size = f"{copied['companies']:,} + {copied['contacts']:,}"
    for step in cases.FLOOR_STEPS:
        if step.key == "open":
            continue
        app = Series(f"PostgreSQL list: {step.key}")
        raw = Series("the app's SQL via psycopg")
        for target, name in ((app, "app"), (raw, "raw")):
            target.runs = [
                Run(values[f"{step.key}_s"], values["peak_mb"], values) for values in runs[name]
            ]
        row = Row(app.label, size, app, raw, unit="ms")
        outcome.rows.append(row)
        outcome.targets.append(
            Target(
                f"PostgreSQL list: {step.key} to new rows in the model",
                app.median * 1000,
                SEARCH_GOAL_MS,
                "ms",
                invalid=problem,
            )
        )
    outcome.notes.append(
        "PostgreSQL company list: "
        + (
            problem
            or "the app and the raw driver agree on the count and the first row of every step"
        )
        + f"; fixture copied: {', '.join(f'{k} {v:,}' for k, v in copied.items() if v)}"
    )
    medians = {
        name: statistics.median(values["search_muller_s"] for values in runs[name]) for name in runs
    }
    outcome.notes.append(
        f'PostgreSQL search "muller": app {medians["app"] * 1000:.1f} ms,'
        f" raw {medians['raw'] * 1000:.1f} ms"
    )
    return outcome
