"""The pipeline scenarios: the qualification backlog, the pipeline's columns with their sums,
the capacity figures, and the pipeline page's whole read, each beside handwritten SQL of the
same aggregate."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from benchmarks import fixtures, pipeline_floor
from benchmarks.companies_runner import _warm_file_cache
from benchmarks.measure import Run, Series, interleave, work_run
from benchmarks.runner import Outcome, Row, Target, ratio_target
from benchmarks.spawn import run_child

Say = Callable[[str], None]
Values = dict[str, Any]

GOAL_MS = 100.0
RATIO_GOAL = 3.0
# Sums are compared to the cent, and may differ by one: the app and the floor each add up
# floats in SQLite (in the order of their plans) and round the total half to even.
CENT_TOLERANCE = Decimal("0.01")

PREPARE_NOTE = (
    "pipeline fixture: a copy of the big fixture (SQLite backup API), prepared once per"
    " invocation, untimed, through the services as the pages do it (`python -m"
    " benchmarks.pipeline_app prepare`): 1% of the companies moved to the trash"
    " (trash_companies; their contacts and deals drop out of every figure), one of the five"
    " team members deactivated (save_team_member: Lukas Schmitt left, the backlog leads he owns"
    " count as unassigned) and the planner's assumptions stored (save_assumptions: 3"
    " conversations a lead, 6 weeks, 5 call hours a day, agency 15 dials an hour at 20%)."
)
TIMED_NOTE = (
    "pipeline scenarios: one child per run and scenario on the prepared copy (`python -m"
    " benchmarks.pipeline_app backlog|capacity|sums|page`), which first reads untimed, through"
    " the app's own connection, what the floor's child reads (a pass over the companies,"
    " contacts and deals, then every floor statement once) and one ORM row of each table (the"
    " mappers configured, as long before any page reads); then, each in a `with db.reading()"
    " as session:` of its own as the pages' operations.read opens it, timed with the session:"
    " the call's first run in the process (its statements built and compiled anew), then the"
    " same call again (statements from SQLAlchemy's cache) [info]. Timed: backlog(session)"
    " (the team page's backlog by owner); stage_sums(session) (the pipeline's column heads:"
    " count, value and weighted value of the deals of live companies per stage);"
    " capacity(session) (what the team page reads and shows: backlog, active team, stored"
    " assumptions, prospector.capacity.plan_capacity); pipeline(session) [info] (the pipeline"
    " page's whole read: stage_sums, up to 200 cards per column with company, contact and owner"
    " names, the lost reasons)."
)
FLOOR_NOTE = (
    "pipeline floors (`benchmarks.pipeline_floor`): a plain sqlite3 connection with the app's"
    " pragmas, warmed as the app's child, then timed: backlog: SELECT owner_id, count(*) FROM"
    " contacts WHERE lead_status IN ('lead', 'qualifying') AND deleted_at IS NULL AND"
    " (company_id IS NULL OR company_id NOT IN (the trash's ids from the partial index"
    " ix_companies_trash)) GROUP BY owner_id (through ix_contacts_lead_status; faster than the"
    " app's correlated NOT EXISTS or a join, which look each lead's company up; a scan of the"
    " contacts or an intersection of index-only scans was slower); capacity: that, the active"
    " team and the stored assumptions read by hand and the same pure plan_capacity; sums:"
    " SELECT stage, count(*), sum(value), sum(value * probability / 100.0) in one pass over the"
    " deals in table order, the trash left out by the same NOT IN (the stage index's order and a"
    " join to the companies were slower); page: the sums, per stage the 200 first deals sorted"
    " as the app sorts them before their names are joined, and the lost reasons counted."
)


def census(path: Path) -> Values:
    """What the prepared copy holds, for the notes (untimed, read in this process)."""
    with closing(sqlite3.connect(path)) as connection:
        live = f"company_id NOT IN ({pipeline_floor.TRASH})"
        deals = dict(
            connection.execute(
                f"SELECT stage, count(*) FROM opportunities WHERE {live} GROUP BY stage"
            ).fetchall()
        )
        statuses = dict(
            connection.execute(
                "SELECT lead_status, count(*) FROM contacts WHERE deleted_at IS NULL"
                f" AND {live} GROUP BY lead_status"
            ).fetchall()
        )
        (all_deals,) = connection.execute("SELECT count(*) FROM opportunities").fetchone()
        (members,) = connection.execute(
            "SELECT count(*) FROM team_members WHERE active = 1"
        ).fetchone()
    return {"deals": deals, "statuses": statuses, "all_deals": all_deals, "members": members}


def _timed(label: str, series: Series, key: str) -> Series:
    """The runs' figure `key` (seconds) as a series of its own."""
    timed = Series(label)
    timed.runs = [Run(run.values[key], run.peak_mb, {}) for run in series.runs]
    return timed


def _cents_apart(got: str, expected: str) -> bool:
    return abs(Decimal(got) - Decimal(expected)) > CENT_TOLERANCE


def _sums_differ(got: dict[str, list[Any]], expected: dict[str, list[Any]]) -> str:
    """'' when every stage has the same count and sums within a cent, else the first stage
    that differs."""
    for stage in sorted(got.keys() | expected.keys()):
        mine, theirs = got.get(stage), expected.get(stage)
        if (
            mine is None
            or theirs is None
            or mine[0] != theirs[0]
            or _cents_apart(mine[1], theirs[1])
            or _cents_apart(mine[2], theirs[2])
        ):
            return f"{stage}: {mine} vs the raw SQL's {theirs}"
    return ""


def _every_run(app: Series) -> list[tuple[int, Any]]:
    """Each app run's figures of the first call and of the call again."""
    return [
        (index, figures)
        for index, run in enumerate(app.runs, 1)
        for figures in (run.values["figures"], run.values["again_figures"])
    ]


def _floor_agrees(floor: Series) -> str:
    reference = floor.runs[0].values["figures"]
    if any(run.values["figures"] != reference for run in floor.runs):
        return f"the runs of '{floor.label}' differ"
    return ""


def backlog_problem(app: Series, floor: Series) -> str:
    """'' when every app run counted the leads of every owner as the raw SQL did."""
    reference = floor.runs[0].values["figures"]
    for index, figures in _every_run(app):
        if figures != reference:
            return f"backlog run {index}: {figures}, the raw SQL {reference}"
    return _floor_agrees(floor)


def capacity_problem(app: Series, floor: Series, backlog: Series) -> str:
    """'' when every figure of the plan equals the floor's, and its backlog the raw count."""
    reference = floor.runs[0].values["figures"]
    counted = sum(count for _, count in backlog.runs[0].values["figures"])
    if reference["backlog"] != counted:
        return f"the floor's plan has {reference['backlog']} leads, the raw backlog {counted}"
    for index, figures in _every_run(app):
        if figures != reference:
            wrong = sorted(
                k for k in figures.keys() | reference.keys() if figures.get(k) != reference.get(k)
            )
            return (
                f"capacity run {index}: {', '.join(wrong)} differ"
                f" ({', '.join(f'{k} {figures.get(k)} vs {reference.get(k)}' for k in wrong[:2])})"
            )
    return _floor_agrees(floor)


def sums_problem(app: Series, floor: Series) -> str:
    reference = floor.runs[0].values["figures"]
    for index, figures in _every_run(app):
        found = _sums_differ(figures, reference)
        if found:
            return f"stage_sums run {index}: {found}"
    for run in floor.runs:
        if _sums_differ(run.values["figures"], reference):
            return f"the runs of '{floor.label}' differ"
    return ""


def page_problem(app: Series, floor: Series, sums: Series) -> str:
    """'' when every column's sums, cards (ids in order, what each shows) and the lost reasons
    equal the floor's, and the page's sums those of stage_sums."""
    reference = floor.runs[0].values["figures"]
    heads = sums.runs[0].values["figures"]
    for index, figures in _every_run(app):
        found = _sums_differ(figures["sums"], reference["sums"]) or _sums_differ(
            figures["sums"], heads
        )
        if found:
            return f"pipeline run {index}: sums {found}"
        for stage, cards in reference["cards"].items():
            got = figures["cards"].get(stage)
            if got != cards:
                return f"pipeline run {index}: the cards of {stage} differ from the raw SQL's"
        if figures["lost"] != reference["lost"]:
            return f"pipeline run {index}: lost reasons {figures['lost']} vs {reference['lost']}"
    if any(run.values["figures"]["cards"] != reference["cards"] for run in floor.runs):
        return f"the runs of '{floor.label}' differ"
    return ""


def measure_pipeline(
    big: fixtures.Fixture,
    repeat: int,
    work: Path,
    say: Say,
    floor_module: str = "benchmarks.pipeline_floor",
) -> Outcome:
    """Backlog, pipeline sums, capacity figures and the pipeline page's read, beside raw SQL."""
    say("pipeline: trash, a departed colleague and assumptions put into a fixture copy …")
    copy = fixtures.fresh_copy(big.database, work / "pipeline.sqlite")
    prepared = run_child("benchmarks.pipeline_app", "prepare", str(copy), work_dir=work).values
    held = census(copy)
    _warm_file_cache(copy)

    backlog_app = Series("pipeline backlog: capacity_figures.backlog")
    backlog_floor = Series("sqlite3 COUNT(*) GROUP BY owner, trash NOT IN")
    sums_app = Series("pipeline sums: opportunities.stage_sums")
    sums_floor = Series("sqlite3 one pass GROUP BY stage, trash NOT IN")
    capacity_app = Series("pipeline capacity: capacity_figures.capacity")
    capacity_floor = Series("sqlite3 backlog + team + settings, plan_capacity")
    page_app = Series("pipeline page: opportunities.pipeline")
    page_floor = Series("sqlite3 sums + 5 x 200 cards (window, then names) + lost")

    def run(module: str, mode: str) -> Callable[[], Run]:
        return lambda: work_run(module, mode, str(copy), work_dir=work)

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (backlog_app, run("benchmarks.pipeline_app", "backlog")),
        (backlog_floor, run(floor_module, "backlog")),
        (sums_app, run("benchmarks.pipeline_app", "sums")),
        (sums_floor, run(floor_module, "sums")),
        (capacity_app, run("benchmarks.pipeline_app", "capacity")),
        (capacity_floor, run(floor_module, "capacity")),
        (page_app, run("benchmarks.pipeline_app", "page")),
        (page_floor, run(floor_module, "page")),
    ]
    interleave(plan, repeat, say)

    problems = {
        "backlog": backlog_problem(backlog_app, backlog_floor),
        "sums": sums_problem(sums_app, sums_floor),
        "capacity": capacity_problem(capacity_app, capacity_floor, backlog_floor),
        "page": page_problem(page_app, page_floor, sums_floor),
    }
    leads = sum(count for _, count in backlog_floor.runs[0].values["figures"])
    deals = sum(held["deals"].values())
    contacts = sum(held["statuses"].values())
    sizes = {
        "backlog": f"{leads:,} leads of {contacts:,} contacts",
        "sums": f"{deals:,} deals, 5 stages",
        "capacity": f"{leads:,} leads, {held['members']} members",
        "page": f"{deals:,} deals, 5 x 200 cards",
    }
    outcome = Outcome(notes=[PREPARE_NOTE, TIMED_NOTE, FLOOR_NOTE])
    for key, app, floor, title in (
        ("backlog", backlog_app, backlog_floor, "qualification backlog (capacity_figures.backlog)"),
        ("sums", sums_app, sums_floor, "pipeline columns with sums (opportunities.stage_sums)"),
        ("capacity", capacity_app, capacity_floor, "capacity figures (capacity_figures.capacity)"),
        ("page", page_app, page_floor, "the pipeline page's whole read (opportunities.pipeline)"),
    ):
        informational = key == "page"
        row = Row(
            f"pipeline: {title}, first call",
            sizes[key],
            app,
            floor,
            informational=informational,
            unit="ms",
        )
        outcome.rows.append(row)
        outcome.rows.append(
            Row(
                f"pipeline: {title}, the same call again (statements cached)",
                sizes[key],
                _timed("again", app, "again_s"),
                floor,
                informational=True,
                unit="ms",
            )
        )
        if informational:
            continue
        outcome.targets.append(
            Target(
                f"{title}, first call",
                app.median * 1000,
                GOAL_MS,
                "ms",
                invalid=problems[key],
            )
        )
        outcome.targets.append(
            ratio_target(
                f"{title}, first call, within {RATIO_GOAL:g}x",
                row,
                RATIO_GOAL,
                invalid=problems[key],
            )
        )

    plan_figures = capacity_app.runs[0].values["figures"]
    outcome.notes.append(
        "pipeline checks: "
        + "; ".join(
            [
                problems["backlog"]
                or "backlog: every app run (first call and again) counted the same leads per"
                " owner as the raw SQL, every floor run the same",
                problems["sums"]
                or "sums: every app run's count per stage equals the raw SQL's, value and"
                " weighted value to the cent (a difference of one cent allowed: both add"
                " floats in SQLite)",
                problems["capacity"]
                or "capacity: every figure of the plan (backlog, unassigned and orphaned leads,"
                " leads a week, weeks, call days needed, agency hours to meet the target, and"
                " per member the leads owned, leads, leads a week and weeks) equals the"
                " floor's, whose backlog is the raw count",
                problems["page"]
                or "page: every column's sums equal the raw SQL's and stage_sums', its cards"
                " (ids in order, title, company, contact, owner, stage, value, percent, dates,"
                " lost reason, offer, version) and the lost reasons the raw SQL's",
            ]
        )
    )
    by_stage = ", ".join(f"{s} {held['deals'].get(s, 0):,}" for s in pipeline_floor.STAGES)
    by_status = ", ".join(f"{s} {n:,}" for s, n in sorted(held["statuses"].items()))
    per_week = float(Fraction(plan_figures["leads_per_week"]))
    outcome.notes.append(
        f"pipeline data: {held['all_deals']:,} deals in the fixture, {deals:,} of live companies"
        f" ({by_stage}); {prepared['trashed']:,} companies in the trash with"
        f" {prepared['trashed_deals']:,} deals; contacts of live companies by lead status:"
        f" {by_status}; backlog {plan_figures['backlog']:,} leads"
        f" ({plan_figures['unassigned']:,} unassigned, {plan_figures['orphaned']:,} of them the"
        f" departed member's), {held['members']} active members, {per_week:.1f} leads a week,"
        f" {plan_figures['weeks_display']} weeks"
    )
    return outcome
