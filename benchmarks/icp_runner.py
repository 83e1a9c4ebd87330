"""The icp scenarios: live core-group count and breakdown, what-if list, bulk fit recompute,
the list by fit."""

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
    " The edit timed adds the region must (an edit of a should leaves the count's statement as"
    " it was). One child per run (`python -m benchmarks.icp_app count`, on the fixture file):"
    " core_count, count_companies and core_group of the profile before the edit untimed, then,"
    " each in a `with db.reading() as session:` of its own as the profile page's operations.read"
    " opens it: core_count(session, profile) of the edited profile timed, the first call of its"
    " statement (built and compiled anew); the same again (statement cached) [info]; the page's"
    " whole read in count_now, core_count and count_companies (the 'of N companies') [info];"
    " then core_group(session, profile), the per-criterion breakdown and what-ifs the page fills"
    " in after the count [info]. Floor (`benchmarks.icp_floor count`): a plain sqlite3"
    " connection with the app's pragmas, warmed as the app's child (a scan of the companies, the"
    " profile before the edit counted and its one pass), then timed: the core group counted the"
    " fastest way found on the fixture, SELECT count(*) of the live companies of the two states"
    " from ix_companies_state whose id is IN the ids ix_companies_wz_code gives for the three"
    " divisions as ranges ('22' <= wz_code < '23' …), both index-only; beside the page's read,"
    " that count and the live companies as the table's count less the trash's (each from an"
    " index); beside the breakdown, the one-pass floor as for the what-ifs below."
)
WHATIF_NOTE = (
    "icp what-if: a profile holds one criterion of each of its 9 kinds at most (CriterionKind),"
    " so the longest what-if list has 9 musts, not 10: industry section C, employees 10-999,"
    " turnover from 1 M EUR, size class small or medium, region (DE, 4 states, postcode areas"
    " 4, 6-9), structure, activity, tag 'Messe 2026' required, tag 'Wettbewerber' excluded."
    " App (`icp_app whatif`): core_group(session, profile) of the realistic profile untimed,"
    " then of the 9 musts in a reading session of its own, the first call timed (its statement"
    " built and compiled anew), the same again [info]. One-pass floor (`icp_floor whatif`,"
    " breakdown likewise): handwritten SQL through sqlite3, the live companies grouped by which"
    " criteria they meet (bit i: criterion i, CASE WHEN per criterion, WZ codes and postcodes as"
    " ranges) in one scan of the table, each company taken as untagged; then the few companies"
    " with one of the criteria's tags (ids from company_tags) grouped by the same bits and their"
    " tags, and moved in Python to the bits they really have (testing the tags of 3% of the"
    " companies, not of all, is 30% faster than a tag subquery per row in the scan). Core group,"
    " failing counts and what-ifs follow from those <= 512 groups in Python, as core_group sums"
    " them."
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
    " filter's 'core group' ticked (read through ix_companies_in_core_group, migration 0010);"
    " filters cleared (untimed), 'fit at least 50' ticked; filters"
    " cleared and sorted by fit descending (untimed), both ticked at once. SQL floor"
    " (`benchmarks.icp_sql`): the statements company_query.first_window sends for each step,"
    " captured untimed and run through plain sqlite3 with the app's pragmas, as the companies"
    " group's SQL floor (window of 200 + count; a sort the window only). The bare-view Qt"
    " floor is not repeated here (see the companies group)."
)
SERVER_NOTE = (
    "icp on PostgreSQL: not measured (core_count, core_group, refresh_all and the list by fit"
    " are the same"
    " SQL there; a server run would copy the fixture into a schema per run, as the companies"
    " group does, which is not cheap)."
)


def _of(series: Series, key: str) -> list[Any]:
    return [run.values[key] for run in series.runs]


def _steps(label: str, runs: list[Values], key: str) -> Series:
    series = Series(label)
    for values in runs:
        peak = float(values[f"{key}_mb"] if f"{key}_mb" in values else values["peak_rss_mb"])
        series.runs.append(Run(float(values[f"{key}_s"]), peak, values))
    return series


def _spot_checked(series: Series) -> int:
    return int(series.runs[0].values["spot_checked"])


def _live_problem(app: Series, floor: Series) -> str:
    cores = {run.values["core"] for run in app.runs} | {
        core for run in app.runs for core in run.values["cores_checked"]
    }
    counted = {run.values["core"] for run in floor.runs} | {
        core for run in floor.runs for core in run.values["cores_checked"]
    }
    if len(cores) > 1 or cores != counted:
        return f"core_count counted {sorted(cores)}, the raw COUNT(*) {sorted(counted)}"
    totals = set(_of(app, "total")) | set(_of(floor, "total"))
    if len(totals) > 1:
        return f"count_companies and the raw count of the live companies differ: {sorted(totals)}"
    for got in _of(app, "figures"):
        if got["core"] not in cores:
            return f"core_group's core group {got['core']}, core_count's {sorted(cores)}"
        for expected in _of(floor, "figures"):
            if got != expected:
                return f"core_group's figures {got}, the one raw pass {expected}"
    return ""


def _timed(label: str, series: Series, key: str) -> Series:
    """The runs' figure `key` (seconds) as a series of its own."""
    timed = Series(label)
    timed.runs = [Run(run.values[key], run.peak_mb, {}) for run in series.runs]
    return timed


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

    live_app = Series("icp live count: core_count")
    live_floor = Series("sqlite3 COUNT(*) of the musts, index-only")
    whatif_app = Series("icp what-if: core_group, 9 musts")
    whatif_floor = Series("sqlite3 one pass grouped by criteria met")
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
        f"icp: live core-group count on an edit (core_count, {musts} musts), first call",
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
            _timed("again", live_app, "again_s"),
            live_floor,
            informational=True,
            unit="ms",
        )
    )
    outcome.rows.append(
        Row(
            "icp: live count, the page's whole read (core_count + count_companies), cached",
            size,
            _timed("read", live_app, "read_s"),
            _timed("sqlite3 the same COUNT(*) + live companies", live_floor, "read_s"),
            informational=True,
            unit="ms",
        )
    )
    outcome.rows.append(
        Row(
            f"icp: breakdown after the count (core_group, {musts} musts +"
            f" {len(realistic) - musts} shoulds), first call",
            size,
            _timed("breakdown", live_app, "breakdown_s"),
            _timed(whatif_floor.label, live_floor, "figures_s"),
            informational=True,
            unit="ms",
        )
    )
    outcome.targets.append(
        Target(
            "icp live core-group count on an edit (core_count)",
            live_app.median * 1000,
            LIVE_GOAL_MS,
            "ms",
            invalid=live_problem,
        )
    )
    outcome.targets.append(
        ratio_target(
            f"icp live core-group count on an edit (core_count), within {RATIO_GOAL:g}x",
            live,
            RATIO_GOAL,
            invalid=live_problem,
        )
    )

    whatif_problem = _whatif_problem(whatif_app, whatif_floor)
    kinds = len(icp_cases.ALL_MUSTS)
    whatif = Row(
        f"icp: what-if list, {kinds} musts (core_group, one must of each kind), first call",
        size,
        whatif_app,
        whatif_floor,
    )
    outcome.rows.append(whatif)
    outcome.rows.append(
        Row(
            f"icp: what-if list, {kinds} musts, the same call again (statement cached)",
            size,
            _timed("again", whatif_app, "again_s"),
            whatif_floor,
            informational=True,
        )
    )
    whatif_ratio = whatif_app.median / whatif_floor.median
    outcome.targets.append(
        Target(
            f"icp what-if list with {kinds} musts (the most a profile holds;"
            f" {whatif_ratio:.2f}x the one-pass floor)",
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
                or f"live count: core_count's core group ({_of(live_app, 'core')[0]:,}) equals"
                " the raw index-only COUNT(*) and a plain COUNT(*) of the musts, count_companies"
                f" the raw count of the live companies ({_of(live_app, 'total')[0]:,}), and all"
                " figures of core_group (core group, failing counts, what-ifs) those of the"
                " one-pass floor, in every run",
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
