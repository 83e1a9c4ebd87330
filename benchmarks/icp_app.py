"""Child: the app's core-group count, what-if list or bulk fit recompute on a database, timed."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from benchmarks import icp_cases
from benchmarks.probe import report

# Warms the page cache the same way in the app's children and the floor's: one scan of the rows.
WARM_SQL = "SELECT count(*), sum(employees), sum(length(wz_code)) FROM companies"
# Every index and trigger: a floor that drops some must create them again.
SCHEMA_SQL = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"


def figures(found: Any) -> dict[str, Any]:
    """A CoreGroup as plain data, keyed as icp_cases.figures_of_masks keys it."""
    return {
        "target_group": found.target_group,
        "core": found.core,
        "criteria": {c.kind.value: [c.failing, c.added_if_dropped] for c in found.criteria},
    }


def timed_count(database: Any, warm: str, timed: str) -> dict[str, Any]:
    """core_group of `warm` untimed (the profile as it was), then of `timed` (as edited) twice:
    the first call builds and compiles its statement, the second finds it in the cache."""
    from sqlalchemy import text

    from prospector.services.core_group import core_group

    with database.reading() as session:
        session.execute(text(WARM_SQL)).one()
        core_group(session, icp_cases.profile(warm))
    profile = icp_cases.profile(timed)
    start = time.perf_counter()
    with database.reading() as session:  # as the profile page's operations.read opens it
        found = core_group(session, profile)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    with database.reading() as session:
        core_group(session, profile)
    return {"seconds": seconds, "again_s": time.perf_counter() - start, "figures": figures(found)}


def digest(connection: sqlite3.Connection) -> dict[str, Any]:
    """The recompute's end state: a checksum of the scores and of what it must leave alone
    (updated_at, version), and of the schema."""
    hashed = hashlib.sha256()
    for row in connection.execute(f"SELECT {icp_cases.SCORED_COLUMNS} FROM companies ORDER BY id"):
        hashed.update(repr(tuple(row)).encode())
    core, scored, total = connection.execute(
        "SELECT sum(in_core_group), sum(fit_score), count(*) FROM companies"
    ).fetchone()
    schema = hashlib.sha256()
    for row in connection.execute(SCHEMA_SQL):
        schema.update(repr(tuple(row)).encode())
    return {
        "checksum": hashed.hexdigest()[:16],
        "schema": schema.hexdigest()[:16],
        "core": core,
        "score_sum": scored,
        "rows": total,
    }


def spot_check(database: Any, path: Path, name: str) -> tuple[int, list[str]]:
    """Stored scores of a sample of companies against the pure prospector.fit.fit."""
    from prospector.fit import fit
    from prospector.services.company_fit import facts

    profile = icp_cases.profile(name)
    with closing(sqlite3.connect(path)) as connection:
        stored = {
            row[0]: (row[1], row[2])
            for row in connection.execute("SELECT id, fit_score, in_core_group FROM companies")
        }
    sample = random.Random(7).sample(sorted(stored), min(icp_cases.SPOT_CHECKS, len(stored)))
    wrong = []
    with database.reading() as session:
        for company_id in sample:
            company = facts(session, company_id)
            assert company is not None
            expected = fit(profile, company)
            if stored[company_id] != (expected.score, int(expected.core)):
                wrong.append(f"company {company_id}: stored {stored[company_id]}, fit {expected}")
    return len(sample), wrong[:3]


def timed_refresh(database: Any, path: Path, name: str) -> dict[str, Any]:
    """refresh_all in one writing transaction, commit included."""
    from sqlalchemy import text

    from prospector.services.fit_scores import refresh_all

    with database.reading() as session:
        session.execute(text(WARM_SQL)).one()
    profile = icp_cases.profile(name)
    start = time.perf_counter()
    with database.writing() as session:
        scored = refresh_all(session, profile)
    seconds = time.perf_counter() - start
    checked, wrong = spot_check(database, path, name)
    database.dispose()
    with closing(sqlite3.connect(path)) as connection:
        state = digest(connection)
    return {
        "seconds": seconds,
        "scored": scored,
        "end_state": state,
        "spot_checked": checked,
        "spot_wrong": wrong,
    }


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1]).resolve()
    from prospector.schema import open_database

    opened = open_database(f"sqlite:///{path}")  # at head already; not timed
    database = opened.database
    if mode == "count":
        values = timed_count(database, "before_edit", "realistic")
    elif mode == "whatif":
        values = timed_count(database, "realistic", "all_musts")
    elif mode == "refresh":
        values = timed_refresh(database, path, "realistic")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    database.dispose()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
