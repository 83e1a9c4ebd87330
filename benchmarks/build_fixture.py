"""Child: build a fixture database through the services, plus the inputs and rows to cache."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import cached
from benchmarks.probe import report

Rows = tuple[list[str], list[tuple[Any, ...]]]


def _stored_companies(session: Any) -> Rows:
    """Every column of the companies just created, as SQLite holds them (DB-API values).

    Read before the contacts are added, so the raw floor inserts exactly what
    create_companies inserted (the contacts' names later join the search text).
    """
    result = session.connection().exec_driver_sql("SELECT * FROM companies ORDER BY id")
    return list(result.keys()), [tuple(row) for row in result]


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
    start = time.perf_counter()
    with database.writing() as session:
        ids = companies.create_companies(session, (s.company for s in samples))
        companies_s = time.perf_counter() - start
        stored = _stored_companies(session)  # untimed
        start = time.perf_counter()
        contact_count = contacts.create_contacts(
            session,
            (
                dataclasses.replace(person, company_id=company_id)
                for sample, company_id in zip(samples, ids, strict=True)
                for person in sample.contacts
            ),
        )
    services_s = companies_s + time.perf_counter() - start
    database.dispose()  # the last connection checkpoints the WAL into the file
    # Open it once more as the app will, so nothing the app does on opening is left to the
    # timed start-ups (migrations, search index upkeep).
    open_database(url).database.dispose()

    start = time.perf_counter()
    if args.inputs is not None and args.rows is not None:
        cached.write(args.inputs, [s.company for s in samples])
        cached.write(args.rows, stored)
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
