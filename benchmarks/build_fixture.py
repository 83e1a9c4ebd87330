"""Child: build a fixture database through the services (the realistic one of
benchmarks.realistic), plus the inputs and rows to cache."""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks import cached, realistic
from benchmarks.probe import report

Rows = tuple[list[str], list[tuple[Any, ...]]]


def _stored_companies(session: Any) -> Rows:
    """Every column of the companies just created, as SQLite holds them (DB-API values).

    Read before the contacts are added, so the raw floor inserts exactly what
    create_companies inserted (the contacts' names later join the search text).
    """
    result = session.connection().exec_driver_sql("SELECT * FROM companies ORDER BY id")
    return list(result.keys()), [tuple(row) for row in result]


def _history(session: Any, assigned: list[realistic.Assigned], ids: list[int]) -> dict[str, int]:
    """Tags, activities and opportunities, as a year of use leaves them (untimed)."""
    from sqlalchemy import insert

    from prospector.models import Activity, CompanyTag, Opportunity, utcnow
    from prospector.services import tags
    from prospector.services.bulk import chunks

    rng = random.Random(realistic.SEED + 1)
    persons: dict[int, list[int]] = {}
    for contact_id, company_id in session.connection().exec_driver_sql(
        "SELECT id, company_id FROM contacts ORDER BY id"
    ):
        persons.setdefault(company_id, []).append(contact_id)
    tag_ids = tags.ensure_tags(session, realistic.TAGS)
    now = utcnow()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    counts = {}
    stored = [
        realistic.Stored(
            company_id, entry.company.stage, persons.get(company_id, []), entry.company.owner_id
        )
        for entry, company_id in zip(assigned, ids, strict=True)
    ]
    for name, model, rows in (
        ("company_tags", CompanyTag, realistic.tag_rows(rng, ids, tag_ids)),
        ("activities", Activity, (r for c in stored for r in realistic.activity_rows(rng, c))),
        (
            "opportunities",
            Opportunity,
            (r for c in stored for r in realistic.opportunity_rows(rng, c)),
        ),
    ):
        counts[name] = 0
        for chunk in chunks(rows, 5_000):
            session.execute(insert(model.__table__), [{**row, **stamps} for row in chunk])
            counts[name] += len(chunk)
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--inputs", type=Path)
    parser.add_argument("--rows", type=Path)
    args = parser.parse_args(argv)

    from prospector.sampledata.generate import generate
    from prospector.schema import open_database
    from prospector.services import companies, contacts, team, views

    start = time.perf_counter()
    samples = list(generate(args.size))
    generate_s = time.perf_counter() - start

    url = f"sqlite:///{args.database.resolve()}"
    database = open_database(url).database  # created and migrated here, untimed
    # A firm sets up its team before anything else, as the team page saves it.
    team_ids = [
        team.save_team_member(
            database, team.TeamMemberInput(name, role, Decimal(hours), Decimal(calls), reach)
        ).value.id
        for name, role, hours, calls, reach in realistic.TEAM
    ]
    rng = random.Random(realistic.SEED)
    assigned = [realistic.assign(rng, s.company, s.contacts, team_ids) for s in samples]

    start = time.perf_counter()
    with database.writing() as session:
        ids = companies.create_companies(session, (entry.company for entry in assigned))
        companies_s = time.perf_counter() - start
        stored = _stored_companies(session)  # untimed
        start = time.perf_counter()
        contact_count = contacts.create_contacts(
            session,
            (
                dataclasses.replace(person, company_id=company_id)
                for entry, company_id in zip(assigned, ids, strict=True)
                for person in entry.contacts
            ),
        )
    services_s = companies_s + time.perf_counter() - start

    start = time.perf_counter()
    history: dict[str, int] = {}
    if args.size:
        with database.writing() as session:
            history = _history(session, assigned, ids)
        for name, filters in realistic.VIEWS:
            views.save_view(database, "companies", name, filters, None)
        history["saved_views"] = len(realistic.VIEWS)
    history_s = time.perf_counter() - start
    database.dispose()  # the last connection checkpoints the WAL into the file
    # Open it once more as the app will, so nothing the app does on opening is left to the
    # timed start-ups (migrations, search index upkeep).
    open_database(url).database.dispose()

    start = time.perf_counter()
    if args.inputs is not None and args.rows is not None:
        cached.write(args.inputs, [entry.company for entry in assigned])
        cached.write(args.rows, stored)
    caches_s = time.perf_counter() - start
    report(
        companies=len(ids),
        contacts=contact_count,
        team_members=len(team_ids),
        **history,
        generate_s=generate_s,
        services_s=services_s,
        history_s=history_s,
        caches_s=caches_s,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
