"""The icp scenarios: live core-group count, what-if list, bulk fit recompute, the list by fit."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import fixtures, icp_cases
from benchmarks.companies_runner import _warm_file_cache
from benchmarks.measure import Run, Series, interleave, work_run
from benchmarks.runner import Outcome, Row, Target, ratio_target
from benchmarks.spawn import run_child

Say = Callable[[str], None]
Values = dict[str, Any]

LIVE_GOAL_MS = 300.0
WHATIF_GOAL_S = 1.0
RATIO_GOAL = 3.0
FIT_STEP_GOAL_MS = 100.0

LIVE_NOTE = (
    "icp live count: the realistic profile has 2 musts (industry: WZ 22, 25, 28; region: states"
    " Baden-Württemberg, Bayern) and 4 weighted shoulds (employees 20-499 x3, size class small"
    " or medium x2, structure independent or headquarters x1, tag 'Wettbewerber' excluded x2)."
    " One child per run (`python -m benchmarks.icp_app count`, on the fixture file): core_group"
    " of the profile before the edit (the same without the tag should) untimed, then"
    " `with db.reading() as session: core_group(session, profile)` of the edited profile timed,"
    " as the profile page's count_now runs it through operations.read: the first call of its"
    " statement, built and compiled anew as after an edit that adds a criterion; the same call"
    " again (statement cached) shown [info]. Floor (`benchmarks.icp_floor count`): a plain"
    " sqlite3 connection with the app's pragmas, warmed as the app's child (a scan of the"
    " companies, then the profile before the edit), then the handwritten SELECT COUNT(*) FROM"
    " companies WHERE deleted_at IS NULL AND <the two musts> timed; SQLite may use an index."
    " The floor counts the core group only; core_group also counts, per criterion, the"
    " companies failing it and, per must, those it alone keeps out: shown [info] beside those"
    " figures from one raw pass (as the what-if floor below), timed in the same floor child."
)
WHATIF_NOTE = (
    "icp what-if: a profile holds one criterion of each of its 9 kinds at most (CriterionKind),"
    " so the longest what-if list has 9 musts, not 10: industry section C, employees 10-999,"
    " turnover from 1 M EUR, size class small or medium, region (DE, 4 states, postcode areas"
    " 4, 6-9), structure, activity, tag 'Messe 2026' required, tag 'Wettbewerber' excluded."
    " Timed as the live count (`icp_app whatif`), after the realistic profile untimed. Floor"
    " (`icp_floor whatif`): one handwritten pass through sqlite3 that groups the live companies"
    " by which musts they meet (a 9-bit mask per company, GROUP BY it); target group, core"
    " group, failing count and what-if of every must follow from those <= 512 groups in Python."
)
REFRESH_NOTE = (
    "icp bulk recompute: each run on a fresh copy of the fixture (SQLite backup API), app and"
    " floor in children of their own, both after one untimed scan of the companies. App"
    " (`icp_app refresh`): `with db.writing() as session: fit_scores.refresh_all(session,"
    " profile)` with the realistic profile (UPDATEs of 20,000 ids each, one transaction), timed"
    " to its commit. Floor (`icp_floor refresh`): BEGIN IMMEDIATE; the index on fit_score"
    " dropped; ONE handwritten UPDATE companies SET fit_score = CASE WHEN <musts> THEN (200 *"
    " <sum of met should weights> + 8) / 16 ELSE 0 END, in_core_group = CASE WHEN <musts> THEN"
    " 1 ELSE 0 END; the index created again; COMMIT; all timed (the index kept in place was"
    " slower)."
)
PAGE_NOTE = (
    "icp company list by fit: a copy of the fixture scored once per invocation (untimed) by"
    " profiles.save_profile of the realistic profile (the first profile is the active one, so"
    " it runs refresh_all). One child per run (`benchmarks.icp_page`, QT_QPA_PLATFORM=offscreen,"
    " the companies group's page_driver) opens the page ([info]) and then does, each step timed"
    " from its action to the end of the viewport's first paint after the model reset: sort by"
    " the fit column descending (from name ascending); sorted by name again (untimed), the fit"
    " filter's 'core group' ticked; filters cleared (untimed), 'fit at least 50' ticked; filters"
    " cleared and sorted by fit descending (untimed), both ticked at once. SQL floor"
    " (`benchmarks.icp_sql`): the statements company_query.first_window sends for each step,"
    " captured untimed and run through plain sqlite3 with the app's pragmas, as the companies"
    " group's SQL floor (window of 200 + count; a sort the window only). The bare-view Qt"
    " floor is not repeated here (see the companies group)."
)
SERVER_NOTE = (
    "icp on PostgreSQL: not measured (core_group, refresh_all and the list by fit are the same"
    " SQL there; a server run would copy the fixture into a schema per run, as the companies"
    " group does, which is not cheap)."
)


def _of(series: Series, key: str) -> list[Any]:
    return [run.values[key] for run in series.runs]


def _again(label: str, series: Series) -> Series:
    again = Series(label)
    again.runs = [Run(run.values["again_s"], run.peak_mb, {}) for run in series.runs]
    return again


def _steps(label: str, runs: list[Values], key: str) -> Series:
    series = Series(label)
    for values in runs:
        peak = float(values[f"{key}_mb"] if f"{key}_mb" in values else values["peak_rss_mb"])
        series.runs.append(Run(float(values[f"{key}_s"]), peak, values))
    return series


def _spot_checked(series: Series) -> int:
    return int(series.runs[0].values["spot_checked"])


def _live_problem(app: Series, floor: Series) -> str:
    cores = {figures["core"] for figures in _of(app, "figures")}
    counted = set(_of(floor, "core"))
    if len(cores) > 1 or cores != counted:
        return f"core_group counted {sorted(cores)}, the raw COUNT(*) {sorted(counted)}"
    for got in _of(app, "figures"):
        for expected in _of(floor, "figures"):
            if got != expected:
                return f"core_group's figures {got}, the one raw pass {expected}"
    return ""


def _figures_floor(floor: Series) -> Series:
    one_pass = Series("sqlite3 one pass grouped by criteria met")
    one_pass.runs = [Run(run.values["figures_s"], run.peak_mb, {}) for run in floor.runs]
    return one_pass


def _whatif_problem(app: Series, floor: Series) -> str:
    wrong = []
    reference = floor.runs[0].values
    for run in app.runs:
        got = run.values["figures"]
        if got != reference["figures"]:
            wrong.append(f"core_group {got} vs one pass {reference['figures']}")
        added = {kind: figures[1] for kind, figures in got["criteria"].items()}
        if added != reference["added_by_count"] or got["core"] != reference["counted_core"]:
            wrong.append(
                f"what-ifs {added} vs COUNT(*) each must left out {reference['added_by_count']}"
            )
    wrong.extend(
        "the floor's runs differ"
        for run in floor.runs
        if run.values["figures"] != reference["figures"]
        or run.values["added_by_count"] != reference["added_by_count"]
    )
    return "; ".join(sorted(set(wrong)))


def _refresh_problem(app: Series, floor: Series, prepared: Values, companies: int) -> str:
    reference = prepared["end_state"]
    for series in (app, floor):
        for run in series.runs:
            state = run.values["end_state"]
            if state != reference:
                return f"{series.label} ended with {state}, the scored copy with {reference}"
            if run.values["scored"] != companies:
                return f"{series.label} scored {run.values['scored']:,} of {companies:,}"
    for run in app.runs:
        if run.values["spot_wrong"]:
            return f"stored scores differ from prospector.fit.fit: {run.values['spot_wrong'][0]}"
    return ""


def _page_problem(page: list[Values], sql: list[Values]) -> str:
    wrong = []
    steps = [step.floor for step in icp_cases.PAGE_STEPS]
    for got in page:
        for floor in sql:
            for step in steps:
                key = step.key
                if step.count and got[f"{key}_total"] != floor[f"{key}_total"]:
                    wrong.append(
                        f"{key}: {got[f'{key}_total']} rows, raw SQL {floor[f'{key}_total']}"
                    )
                if got[f"{key}_first_id"] != floor[f"{key}_first_id"]:
                    wrong.append(f"{key}: first row differs from the raw SQL's")
            if got["filter_core_total"] != floor["must_count"]:
                wrong.append(
                    f"core group filter shows {got['filter_core_total']}, the musts counted by"
                    f" hand {floor['must_count']}"
                )
    return "; ".join(sorted(set(wrong)))


def measure_icp(big: fixtures.Fixture, repeat: int, work: Path, say: Say) -> Outcome:
    """The ideal customer profile's figures and scores on the big fixture, each beside its floor."""
    companies, contacts = big.meta["companies"], big.meta["contacts"]
    size = f"{companies:,} + {contacts:,}"
    _warm_file_cache(big.database)
    say("icp: scoring a copy of the fixture against the realistic profile (untimed) …")
    scored = fixtures.fresh_copy(big.database, work / "icp-scored.sqlite")
    prepared = run_child("benchmarks.icp_prepare", str(scored), work_dir=work).values

    live_app = Series("icp live count: core_group")
    live_floor = Series("sqlite3 COUNT(*) of the musts")
    whatif_app = Series("icp what-if: core_group, 9 musts")
    whatif_floor = Series("sqlite3 one pass grouped by musts met")
    refresh_app = Series("icp recompute: refresh_all")
    refresh_floor = Series("sqlite3 ONE UPDATE, index rebuilt")
    page = Series("icp page child (sort by fit)")
    sql = Series("icp SQL floor child (sort by fit)")

    def on_file(module: str, mode: str) -> Run:
        return work_run(module, mode, str(big.database), work_dir=work)

    def on_copy(module: str) -> Run:
        with tempfile.TemporaryDirectory(prefix="icp-", dir=work) as folder:
            target = fixtures.fresh_copy(big.database, Path(folder) / "bench.sqlite")
            return work_run(module, "refresh", str(target), work_dir=work)

    def steps(module: str) -> Run:
        values = run_child(module, str(scored), work_dir=work).values
        return Run(values["sort_fit_s"], values["peak_rss_mb"], values)

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (live_app, lambda: on_file("benchmarks.icp_app", "count")),
        (live_floor, lambda: on_file("benchmarks.icp_floor", "count")),
        (whatif_app, lambda: on_file("benchmarks.icp_app", "whatif")),
        (whatif_floor, lambda: on_file("benchmarks.icp_floor", "whatif")),
        (refresh_app, lambda: on_copy("benchmarks.icp_app")),
        (refresh_floor, lambda: on_copy("benchmarks.icp_floor")),
        (page, lambda: steps("benchmarks.icp_page")),
        (sql, lambda: steps("benchmarks.icp_sql")),
    ]
    interleave(plan, repeat, say)

    outcome = Outcome(notes=[LIVE_NOTE, WHATIF_NOTE, REFRESH_NOTE, PAGE_NOTE])
    realistic = icp_cases.REALISTIC
    musts = sum(rule.must for rule in realistic)

    live_problem = _live_problem(live_app, live_floor)
    live = Row(
        f"icp: live core-group count on an edit ({musts} musts + {len(realistic) - musts}"
        " shoulds), first call",
        size,
        live_app,
        live_floor,
        unit="ms",
    )
    outcome.rows.append(live)
    outcome.rows.append(
        Row(
            "icp: live core-group count, the same call again (statement cached)",
            size,
            _again("again", live_app),
            live_floor,
            informational=True,
            unit="ms",
        )
    )
    outcome.rows.append(
        Row(
            "icp: live core-group count, first call, beside all its figures in one raw pass",
            size,
            live_app,
            _figures_floor(live_floor),
            informational=True,
            unit="ms",
        )
    )
    outcome.targets.append(
        Target(
            "icp live core-group count on an edit",
            live_app.median * 1000,
            LIVE_GOAL_MS,
            "ms",
            invalid=live_problem,
        )
    )
    outcome.targets.append(
        ratio_target(
            f"icp live core-group count on an edit, within {RATIO_GOAL:g}x",
            live,
            RATIO_GOAL,
            invalid=live_problem,
        )
    )

    whatif_problem = _whatif_problem(whatif_app, whatif_floor)
    kinds = len(icp_cases.ALL_MUSTS)
    outcome.rows.append(
        Row(
            f"icp: what-if list, {kinds} musts (one of each kind), first call",
            size,
            whatif_app,
            whatif_floor,
        )
    )
    outcome.rows.append(
        Row(
            f"icp: what-if list, {kinds} musts, the same call again (statement cached)",
            size,
            _again("again", whatif_app),
            whatif_floor,
            informational=True,
        )
    )
    outcome.targets.append(
        Target(
            f"icp what-if list with {kinds} musts (the most a profile holds)",
            whatif_app.median,
            WHATIF_GOAL_S,
            "s",
            invalid=whatif_problem,
        )
    )

    refresh_problem = _refresh_problem(refresh_app, refresh_floor, prepared, companies)
    refresh = Row(
        "icp: bulk fit recompute (refresh_all, one transaction)",
        f"{companies:,}",
        refresh_app,
        refresh_floor,
    )
    outcome.rows.append(refresh)
    outcome.targets.append(
        ratio_target(
            f"icp bulk fit recompute of {companies:,} companies, within {RATIO_GOAL:g}x",
            refresh,
            RATIO_GOAL,
            invalid=refresh_problem,
        )
    )

    pages = [run.values for run in page.runs]
    floors = [run.values for run in sql.runs]
    page_problem = _page_problem(pages, floors)
    first = pages[0]
    outcome.rows.append(
        Row(
            "icp: companies page open, profile active [to first rows painted]",
            size,
            _steps("open", pages, "open"),
            None,
            informational=True,
        )
    )
    for step in icp_cases.PAGE_STEPS:
        key = step.key
        floor_label = "the app's SQL via sqlite3: " + (
            "list 200 + count" if step.floor.count else "list 200"
        )
        row = Row(
            f"icp: {step.label}",
            f"{first[f'{key}_total']:,} of {companies:,}",
            _steps(step.label, pages, key),
            _steps(floor_label, floors, key),
            unit="ms",
        )
        outcome.rows.append(row)
        outcome.targets.append(
            Target(
                f"icp {step.label}",
                row.series.median * 1000,
                FIT_STEP_GOAL_MS,
                "ms",
                invalid=page_problem,
            )
        )

    outcome.notes.append(
        "icp checks: "
        + "; ".join(
            [
                live_problem
                or f"live count: core_group's core group ({_of(live_app, 'figures')[0]['core']:,})"
                " equals the raw COUNT(*), and all its figures (failing counts, what-ifs) those"
                " of one raw pass grouped by the criteria met, in every run",
                whatif_problem
                or "what-if: every figure of core_group (target group, core group, failing and"
                " what-if of all 9 musts) equals the one-pass floor's, and each what-if equals a"
                " handwritten COUNT(*) with that must left out minus the COUNT(*) with all"
                " (every run)",
                refresh_problem
                or "recompute: every app and floor run and the page's scored copy end with the"
                " same checksum of (id, fit_score, in_core_group, updated_at, version) and the"
                f" same schema; {_spot_checked(refresh_app)} random companies' stored scores equal"
                " prospector.fit.fit on their facts in every app run",
                page_problem
                or "list by fit: the page and the raw SQL agree on the count and first row of"
                " every step, and the core-group filter shows as many companies as the musts"
                " counted by hand (every run)",
            ]
        )
    )
    outcome.notes.append(
        "icp what-if figures (failing, joining if dropped): "
        + ", ".join(
            f"{kind} {figures[0]:,}/{figures[1]:,}"
            for kind, figures in whatif_app.runs[0].values["figures"]["criteria"].items()
        )
        + f"; core group {whatif_app.runs[0].values['figures']['core']:,}"
    )
    outcome.notes.append(
        "icp list by fit, how the raw-SQL floor finds the window (EXPLAIN QUERY PLAN of the app's"
        " list statement up to its window, first run): "
        + " | ".join(
            f"{s.key}: {floors[0][f'{s.key}_plan'].split('; SCAN anon')[0]}"
            for s in icp_cases.PAGE_STEPS
        )
    )
    outcome.notes.append(SERVER_NOTE)
    return outcome
