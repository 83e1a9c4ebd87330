"""Child, the icp floors: handwritten SQL through sqlite3 with the app's pragmas."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import icp_cases, sqlite_floor
from benchmarks.icp_app import WARM_SQL, digest
from benchmarks.probe import report


def one_pass(connection: Any, rules: tuple[icp_cases.Rule, ...]) -> dict[int, int]:
    """Which of `rules` the live companies meet, as counts per bit mask: one scan of the
    companies for every rule but the tag ones, one pass over the few tagged companies."""
    plain = connection.execute(icp_cases.plain_mask_sql(rules)).fetchall()
    tagged: list[Any] = []
    if any(rule.tag for rule in rules):
        tagged = connection.execute(icp_cases.tagged_mask_sql(rules)).fetchall()
    return icp_cases.merge_tagged(rules, plain, tagged)


def count(connection: Any) -> dict[str, Any]:
    """The realistic profile's core group counted, after the profile before the edit; then,
    each timed on its own, the count with the live companies beside it (the page's read), and
    every figure of core_group in one pass (as for the what-ifs)."""
    rules = icp_cases.REALISTIC
    connection.execute(WARM_SQL).fetchall()
    connection.execute(icp_cases.must_count_sql(icp_cases.BEFORE_EDIT)).fetchone()
    one_pass(connection, icp_cases.BEFORE_EDIT)
    start = time.perf_counter()
    (found,) = connection.execute(icp_cases.CORE_COUNT_SQL).fetchone()
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    (again,) = connection.execute(icp_cases.CORE_COUNT_SQL).fetchone()
    (total,) = connection.execute(icp_cases.LIVE_COUNT_SQL).fetchone()
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    masks = one_pass(connection, rules)
    figures_s = time.perf_counter() - start
    (plain,) = connection.execute(icp_cases.must_count_sql(rules)).fetchone()
    return {
        "seconds": seconds,
        "core": found,
        "cores_checked": [again, plain],
        "read_s": read_s,
        "total": total,
        "figures_s": figures_s,
        "figures": icp_cases.figures_of_masks(rules, masks),
    }


def whatif(connection: Any) -> dict[str, Any]:
    """The figures of core_group for the nine musts in one pass; then, untimed, one plain
    COUNT per must left out, to check the what-ifs."""
    rules = icp_cases.ALL_MUSTS
    connection.execute(WARM_SQL).fetchall()
    one_pass(connection, icp_cases.REALISTIC)
    start = time.perf_counter()
    masks = one_pass(connection, rules)
    seconds = time.perf_counter() - start
    found = icp_cases.figures_of_masks(rules, masks)
    (core,) = connection.execute(icp_cases.must_count_sql(rules)).fetchone()
    without = {}
    for rule in rules:
        others = tuple(r for r in rules if r is not rule)
        (met,) = connection.execute(icp_cases.must_count_sql(others)).fetchone()
        without[rule.kind] = met - core
    return {"seconds": seconds, "figures": found, "counted_core": core, "added_by_count": without}


# The indexes on the scores: a bulk update is faster with them dropped and built again after.
SCORE_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'companies'"
    " AND (sql LIKE '%fit_score%' OR sql LIKE '%in_core_group%')"
)


def refresh(connection: Any) -> dict[str, Any]:
    """ONE UPDATE of every company's score and flag, the indexes on them dropped first and
    created again after, in one transaction, commit included."""
    connection.execute(WARM_SQL).fetchall()
    statement = icp_cases.update_sql(icp_cases.REALISTIC)
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    indexes = connection.execute(SCORE_INDEXES).fetchall()
    for name, _ in indexes:
        connection.execute(f"DROP INDEX {name}")
    scored = connection.execute(statement).rowcount
    for _, sql in indexes:
        connection.execute(sql)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "scored": scored, "end_state": digest(connection)}


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    connection = sqlite_floor.connect(path)
    values = {"count": count, "whatif": whatif, "refresh": refresh}[mode](connection)
    connection.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
