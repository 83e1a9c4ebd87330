"""Child, the pipeline floors: handwritten SQL of the same aggregates through sqlite3 with the
app's pragmas; the figures as plain data, keyed as benchmarks.pipeline_app keys the app's."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from benchmarks import sqlite_floor
from benchmarks.probe import report

CENT = Decimal("0.01")
STAGES = ("offer", "offer_sent", "negotiation", "won", "lost")
AWAITING = ("lead", "qualifying")  # prospector.qualification.AWAITING_QUALIFICATION
COLUMN_LIMIT = 200  # prospector.services.opportunities.COLUMN_LIMIT

# The companies in the trash, from the partial index ix_companies_deleted_at: a few hundred
# ids, so `NOT IN` this list costs one probe of a small in-memory set per row where a join
# looks every row's company up in the companies' B-tree.
TRASH = "SELECT id FROM companies WHERE deleted_at IS NOT NULL"
BACKLOG_SQL = (
    "SELECT owner_id, count(*) FROM contacts"
    " WHERE lead_status IN ('lead', 'qualifying') AND deleted_at IS NULL"
    f" AND (company_id IS NULL OR company_id NOT IN ({TRASH}))"
    " GROUP BY owner_id"
)
TEAM_SQL = (
    "SELECT id, name, weekly_hours, calls_per_hour, reach_percent FROM team_members"
    " WHERE active = 1"
)
ASSUMPTIONS_SQL = "SELECT value FROM settings WHERE key = 'capacity.assumptions'"
# One pass over the deals in the table's order: reading them in the order of
# ix_opportunities_stage (as the app's plan does) jumps about the table and was slower.
SUMS_SQL = (
    "SELECT stage, count(*), sum(coalesce(value_eur, 0)),"
    " sum(coalesce(value_eur, 0) * coalesce(probability, 0) / 100.0)"
    f" FROM opportunities NOT INDEXED WHERE company_id NOT IN ({TRASH}) GROUP BY stage"
)
ORDER = "expected_close_on IS NULL, expected_close_on, closed_on DESC, id DESC"
# A column's first cards: the window taken from the stage's deals first, the names of its 200
# joined after (a join before the sort would look up every deal's company and contact).
CARDS_SQL = (
    "SELECT o.id, o.title, c.name, p.first_name, p.last_name, t.name, o.stage, o.value_eur,"
    " o.probability, o.expected_close_on, o.closed_on, o.lost_reason_code, o.lost_reason,"
    " o.offer, o.version"
    " FROM (SELECT id, company_id, contact_id, owner_id, title, stage, value_eur, probability,"
    " expected_close_on, closed_on, lost_reason_code, lost_reason, offer, version"
    f" FROM opportunities WHERE stage = ? AND company_id NOT IN ({TRASH})"
    f" ORDER BY {ORDER} LIMIT {COLUMN_LIMIT}) AS o"
    " JOIN companies AS c ON c.id = o.company_id"
    " LEFT JOIN contacts AS p ON p.id = o.contact_id"
    " LEFT JOIN team_members AS t ON t.id = o.owner_id"
    " ORDER BY o.expected_close_on IS NULL, o.expected_close_on, o.closed_on DESC, o.id DESC"
)
LOST_SQL = (
    "SELECT lost_reason_code, count(*) FROM opportunities"
    f" WHERE stage = 'lost' AND company_id NOT IN ({TRASH}) GROUP BY lost_reason_code"
)
# What both children read untimed before the timed work: one pass over each table the
# aggregates read (the companies' rows too, which the app's joins look up), then the floor's
# own statements, so both find the same pages in SQLite's and the OS's caches.
WARM_SQL = (
    "SELECT count(*), sum(deleted_at IS NULL), sum(length(name)) FROM companies",
    "SELECT count(*), sum(owner_id), sum(length(lead_status)), sum(deleted_at IS NULL)"
    " FROM contacts",
    "SELECT count(*), sum(value_eur), sum(probability), sum(length(stage)) FROM opportunities",
    BACKLOG_SQL,
    TEAM_SQL,
    ASSUMPTIONS_SQL,
    SUMS_SQL,
    LOST_SQL,
)


def cents(value: Any) -> str:
    """A sum or a value as the app shows it, to the cent."""
    return str(Decimal(str(value)).quantize(CENT))


def backlog_figures(rows: Sequence[tuple[Any, int]]) -> list[list[Any]]:
    """{owner: count} as a JSON-safe list, nobody's leads (None) first."""
    found = [[owner, int(count)] for owner, count in rows]
    return sorted(found, key=lambda pair: (pair[0] is not None, pair[0] or 0))


def plan_figures(plan: Any, orphaned: int) -> dict[str, Any]:
    """What the team page shows of a CapacityPlan, exact fractions as text."""

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "backlog": plan.backlog,
        "unassigned": plan.unassigned_leads,
        "orphaned": orphaned,
        "leads_per_week": text(plan.leads_per_week),
        "weeks": text(plan.weeks),
        "weeks_display": text(plan.weeks_display),
        "call_days_needed": text(plan.call_days_needed_per_week),
        "hours_to_meet_target": plan.hours_to_meet_target,
        "members": [
            [m.id, m.name, m.assigned_leads, text(m.leads), text(m.leads_per_week), text(m.weeks)]
            for m in plan.members
        ],
    }


def sums_figures(rows: Sequence[tuple[str, int, Any, Any]]) -> dict[str, list[Any]]:
    """{stage: [count, total, weighted]}, every stage (none: zeros), sums to the cent."""
    found: dict[str, list[Any]] = {stage: [0, "0.00", "0.00"] for stage in STAGES}
    for stage, count, total, weighted in rows:
        found[str(stage)] = [int(count), cents(total or 0), cents(weighted or 0)]
    return found


def card(
    ident: int,
    title: str,
    company: str,
    contact: str | None,
    owner: str | None,
    stage: str,
    value: Any,
    probability: int | None,
    expected: Any,
    closed: Any,
    code: str | None,
    reason: str | None,
    offer: str | None,
    version: int,
) -> list[Any]:
    """What a card shows of a deal, as plain data."""
    return [
        ident,
        title,
        company,
        contact,
        owner,
        stage,
        None if value is None else cents(value),
        probability,
        None if expected is None else str(expected),
        None if closed is None else str(closed),
        code,
        reason,
        offer,
        version,
    ]


def _assumptions(connection: Any) -> Any:
    """The stored assumptions as capacity_figures.assumptions reads them (defaults if none)."""
    from prospector.capacity import DEFAULT_ASSUMPTIONS, Assumptions

    found = connection.execute(ASSUMPTIONS_SQL).fetchone()
    if found is None:
        return DEFAULT_ASSUMPTIONS
    stored = json.loads(found[0])
    return Assumptions(
        conversations_per_lead=Fraction(stored["conversations_per_lead"]),
        target_weeks=int(stored["target_weeks"]),
        call_day_hours=Fraction(stored["call_day_hours"]),
        agency_calls_per_hour=Fraction(stored["agency_calls_per_hour"]),
        agency_reach_rate=Fraction(stored["agency_reach_rate"]),
    )


def backlog(connection: Any) -> dict[str, Any]:
    start = time.perf_counter()
    rows = connection.execute(BACKLOG_SQL).fetchall()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "figures": backlog_figures(rows)}


def capacity(connection: Any) -> dict[str, Any]:
    """The backlog and the active team read by hand, then the same pure arithmetic as the app
    (prospector.capacity.plan_capacity, imported before timing)."""
    from prospector.capacity import Member, plan_capacity

    start = time.perf_counter()
    counts = dict(connection.execute(BACKLOG_SQL).fetchall())
    team = connection.execute(TEAM_SQL).fetchall()
    given = _assumptions(connection)
    known = {row[0] for row in team}
    orphaned = sum(n for owner, n in counts.items() if owner is not None and owner not in known)
    members = [
        Member(
            id=ident,
            name=name,
            weekly_hours=Fraction(str(hours)),
            calls_per_hour=Fraction(str(calls)),
            reach_rate=Fraction(reach, 100),
            assigned_leads=counts.get(ident, 0),
        )
        for ident, name, hours, calls, reach in sorted(team, key=lambda r: (r[1].casefold(), r[0]))
    ]
    plan = plan_capacity(members, counts.get(None, 0) + orphaned, given)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "figures": plan_figures(plan, orphaned)}


def sums(connection: Any) -> dict[str, Any]:
    start = time.perf_counter()
    rows = connection.execute(SUMS_SQL).fetchall()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "figures": sums_figures(rows)}


def page(connection: Any) -> dict[str, Any]:
    """The pipeline page's whole read: the sums, each column's first cards, the lost reasons."""
    start = time.perf_counter()
    totals = connection.execute(SUMS_SQL).fetchall()
    columns = {stage: connection.execute(CARDS_SQL, (stage,)).fetchall() for stage in STAGES}
    lost = connection.execute(LOST_SQL).fetchall()
    seconds = time.perf_counter() - start
    cards = {
        stage: [
            card(ident, title, company, " ".join(p for p in (first, last) if p) or None, *rest)
            for ident, title, company, first, last, *rest in rows
        ]
        for stage, rows in columns.items()
    }
    return {"seconds": seconds, "figures": page_figures(sums_figures(totals), cards, lost)}


def page_figures(
    totals: dict[str, list[Any]],
    cards: dict[str, list[list[Any]]],
    lost: Sequence[tuple[str | None, int]],
) -> dict[str, Any]:
    return {
        "sums": totals,
        "cards": cards,
        "lost": sorted(([code, int(n)] for code, n in lost), key=lambda p: (-p[1], p[0] or "")),
    }


MODES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "backlog": backlog,
    "capacity": capacity,
    "sums": sums,
    "page": page,
}


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    import prospector.capacity  # noqa: F401  (the pure arithmetic loaded before timing)

    connection = sqlite_floor.connect(path)
    for statement in WARM_SQL:
        connection.execute(statement).fetchall()
    for stage in STAGES:
        connection.execute(CARDS_SQL, (stage,)).fetchall()
    values = MODES[mode](connection)
    connection.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
