"""Child: build a fixture database through the services, plus the inputs and rows to cache."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.sql.dml import Insert

from benchmarks import cached
from benchmarks.probe import report

Captured = list[dict[str, Any]]


def _capture_company_inserts(engine: Engine) -> Captured:
    """Collect the parameter sets the services pass to INSERTs into companies.

    The raw floor then inserts exactly what the services insert, whatever columns they fill.
    """
    captured: Captured = []

    @event.listens_for(engine, "before_execute")
    def _on_execute(_conn: Any, clause: Any, multiparams: Any, params: Any, _options: Any) -> None:
        if isinstance(clause, Insert) and clause.table.name == "companies":
            captured.extend(multiparams if multiparams else [params])

    return captured


def _as_dbapi_rows(captured: Captured, engine: Engine) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The captured values as sqlite3 parameters, through each column's own bind processor."""
    from prospector.models import Company

    table, dialect = Company.__table__, engine.dialect
    columns = list(captured[0])
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    pairs = list(zip(columns, processors, strict=True))
    rows = [tuple(p(values[c]) if p else values[c] for c, p in pairs) for values in captured]
    return columns, rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--inputs", type=Path)
    parser.add_argument("--rows", type=Path)
    args = parser.parse_args(argv)

    from prospector.sampledata.generate import generate
    from prospector.schema import open_database
    from prospector.services import companies, contacts

    start = time.perf_counter()
    samples = list(generate(args.size))
    generate_s = time.perf_counter() - start

    url = f"sqlite:///{args.database.resolve()}"
    database = open_database(url).database  # created and migrated here, untimed
    captured = _capture_company_inserts(database.engine)
    start = time.perf_counter()
    with database.writing() as session:
        ids = companies.create_companies(session, (s.company for s in samples))
        contact_count = contacts.create_contacts(
            session,
            (
                dataclasses.replace(person, company_id=company_id)
                for sample, company_id in zip(samples, ids, strict=True)
                for person in sample.contacts
            ),
        )
    services_s = time.perf_counter() - start
    engine = database.engine
    database.dispose()  # the last connection checkpoints the WAL into the file
    # Open it once more as the app will, so nothing the app does on opening is left to the
    # timed start-ups (migrations, search index upkeep).
    open_database(url).database.dispose()

    start = time.perf_counter()
    if args.inputs is not None and args.rows is not None:
        if len(captured) != len(ids):
            raise SystemExit(
                f"captured {len(captured)} company rows from the services, expected {len(ids)}:"
                " create_companies no longer passes its rows to an INSERT; adapt build_fixture"
            )
        cached.write(args.inputs, [s.company for s in samples])
        cached.write(args.rows, _as_dbapi_rows(captured, engine))
    caches_s = time.perf_counter() - start
    report(
        companies=len(ids),
        contacts=contact_count,
        generate_s=generate_s,
        services_s=services_s,
        caches_s=caches_s,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
