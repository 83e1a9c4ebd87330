"""Child: the app's core-group count, what-if list or bulk fit recompute on a database, timed."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import sys
import time
from collections.abc import Callable
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


def _timed(database: Any, work: Callable[[Any], Any]) -> tuple[float, Any]:
    """`work(session)` in a reading session of its own, as the page's operations.read opens
    one, timed with the session."""
    start = time.perf_counter()
    with database.reading() as session:
        found = work(session)
    return time.perf_counter() - start, found


def timed_count(database: Any) -> dict[str, Any]:
    """What an edit of a must costs on the profile page: core_count and core_group of the
    profile before the edit untimed (as the page ran them then), core_count of the edited
    profile (its statement built and compiled anew), the same again (cached), the page's
    whole read (core_count and count_companies), then core_group of the edited profile: the
    breakdown the page fills in after the count."""
    from sqlalchemy import text

    from prospector.services.company_query import count_companies
    from prospector.services.core_group import core_count, core_group

    before = icp_cases.profile("before_edit")
    with database.reading() as session:
        session.execute(text(WARM_SQL)).one()
        core_count(session, before)
        count_companies(session)
        core_group(session, before)
    profile = icp_cases.profile("realistic")
    seconds, core = _timed(database, lambda s: core_count(s, profile))
    again_s, again = _timed(database, lambda s: core_count(s, profile))
    read_s, (read, total) = _timed(database, lambda s: (core_count(s, profile), count_companies(s)))
    breakdown_s, found = _timed(database, lambda s: core_group(s, profile))
    return {
        "seconds": seconds,
        "core": core,
        "cores_checked": [again, read],
        "again_s": again_s,
        "read_s": read_s,
        "total": total,
        "breakdown_s": breakdown_s,
        "figures": figures(found),
    }


def timed_whatif(database: Any) -> dict[str, Any]:
    """core_group of the realistic profile untimed, then of the nine musts twice: the first
    call builds and compiles its statement, the second finds it in the cache."""
    from sqlalchemy import text

    from prospector.services.core_group import core_group

    with database.reading() as session:
        session.execute(text(WARM_SQL)).one()
        core_group(session, icp_cases.profile("realistic"))
    profile = icp_cases.profile("all_musts")
    seconds, found = _timed(database, lambda s: core_group(s, profile))
    again_s, _ = _timed(database, lambda s: core_group(s, profile))
    return {"seconds": seconds, "again_s": again_s, "figures": figures(found)}


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


def open_at_head(path: Path) -> Any:
    """The app's Database on a fixture (or a copy) already at the schema's head: a child never
    migrates a cached fixture in place, nor leaves a backup beside it."""
    from prospector.schema import SCHEMA_HEAD, open_database

    with closing(sqlite3.connect(path)) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision != SCHEMA_HEAD:
        raise SystemExit(f"{path} is at schema {revision}, not {SCHEMA_HEAD}: build it again")
    return open_database(f"sqlite:///{path}", backup=False).database


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1]).resolve()
    database = open_at_head(path)
    if mode == "count":
        values = timed_count(database)
    elif mode == "whatif":
        values = timed_whatif(database)
    elif mode == "refresh":
        values = timed_refresh(database, path, "realistic")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    database.dispose()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
