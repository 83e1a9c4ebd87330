"""The company-list scenarios: the page child beside its Qt and raw-SQL floors, run by run."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import company_cases as cases
from benchmarks import fixtures
from benchmarks.measure import Run, Series
from benchmarks.runner import Outcome, Row, Target, ratio_target
from benchmarks.spawn import run_child

Say = Callable[[str], None]
Values = dict[str, Any]

CHILDREN = (
    ("page", "benchmarks.companies_page"),
    ("bare", "benchmarks.companies_bare"),
    ("sql", "benchmarks.companies_sql"),
)
OPEN_GOAL_S = 0.5
KEYSTROKE_GOAL_MS = 50.0
FILTER_GOAL_MS = SORT_GOAL_MS = 100.0
MEMORY_GOAL_MB = 400.0
SQL_FLOOR = "the app's SQL via sqlite3: list 200 + count"
SORT_FLOOR = "the app's SQL via sqlite3: list 200"
KEYSTROKE_RATIO_GOAL = 2.0

COMPANIES_NOTE = (
    "companies: one child per run (`python -m benchmarks.companies_page`, QT_QPA_PLATFORM="
    "offscreen, a new PROSPECTOR_DATA_DIR, German translations) does every step in this fixed"
    " order, each timed on its own: open; the three search keystrokes (each from the debounce"
    " firing to the new rows in the model, then to the repaint, then typed with QTest.keyClick);"
    " state filter, size filter on top; sort by city,"
    " by employees descending; scroll to the end. A step is timed from its action to the end of"
    " the first paint of the table's viewport after the model reset (event filter on"
    " page.view.viewport(); 'end' = a zero timer after the Paint event, so rows the model reads"
    " while the view paints are inside). Between steps the previous state is applied and painted"
    " untimed. Open: CompaniesPage(context) + reload() + show() at 1100x700 after"
    " open_database (untimed). 'From debounce firing': the box's text set with signals blocked,"
    " then page.set_filter(filter_bar.current()) timed, as the debounce timer would call it."
    " 'To new rows in the model': the same, timed until the model has counted the result and"
    " holds the window of rows the view paints next (model.row_at(0), as the view's first data()"
    " call); Qt's layout and paint follow untimed. The database file is the cached fixture; the"
    " OS file cache is warmed by reading it once."
)
FLOOR_NOTE = (
    "floors: the Qt floor is a bare QTableView over a trivial QAbstractTableModel (100,000 x 13,"
    " data() = f'{row}:{col}'), 1100x700, construction + show to its first paint, then"
    " scrollToBottom to the paint with the last row; its own child. The SQL floor is its own"
    " child (benchmarks.companies_sql): it captures, untimed, the statements and parameters"
    " SQLAlchemy sends to the driver when company_query.first_window reads each step's list"
    " (the window of 200 ids from the sort index, then their columns, owner, next follow-up and"
    " tags; the count when the window is full), then runs them through a plain sqlite3"
    " connection on the same file with the app's pragmas: for each step the state before"
    " untimed, then the step's statements timed, all rows fetched (a sort: the list statement"
    " only, as the model keeps its count)."
)


def _warm_file_cache(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(1 << 22):
            pass


def _series(label: str, runs: list[Values], key: str) -> Series:
    series = Series(label)
    for values in runs:
        peak = float(values[f"{key}_mb"] if f"{key}_mb" in values else values["peak_rss_mb"])
        series.runs.append(Run(float(values[f"{key}_s"]), peak, values))
    return series


def _median(runs: list[Values], key: str) -> float:
    return statistics.median(float(values[key]) for values in runs)


def _repaint_floor(sql: list[Values], key: str, repaint: float) -> float:
    """Raw SQL plus the bare view's reset-and-repaint: the floor of what the user can see."""
    return _median(sql, f"{key}_s") + repaint


def _with_repaint(page: list[Values], sql: list[Values], repaint: float, keys: list[str]) -> str:
    parts = []
    for key in keys:
        floor = _repaint_floor(sql, key, repaint)
        parts.append(f"{key} {floor * 1000:.1f} ms (page {_median(page, f'{key}_s') / floor:.1f}x)")
    return (
        "Qt floor: a list change on the page is a model reset and a repaint; on the bare view that"
        f" alone takes {repaint * 1000:.1f} ms, so raw SQL + that repaint is the floor of what a"
        " user can see: " + ", ".join(parts)
    )


def _same_code(page: list[Values]) -> str:
    hashes = sorted({values["code_hash"] for values in page})
    if len(hashes) > 1:
        return (
            f"code: the page children ran DIFFERENT app code ({', '.join(hashes)}): someone changed"
            " prospector/ or ui/ during the run; run again"
        )
    return (
        f"code: every page child ran the same app code (hash {hashes[0]} of the"
        f" {page[0]['code_files']} files of prospector/ and ui/ it imported)"
    )


def _mismatches(page: list[Values], sql: list[Values]) -> str:
    """Where the page and the raw SQL disagree on how many rows match or which comes first."""
    wrong = []
    for step in cases.FLOOR_STEPS:
        for got in page:
            for floor in sql:
                if step.count and got[f"{step.key}_total"] != floor[f"{step.key}_total"]:
                    wrong.append(
                        f"{step.key}: {got[f'{step.key}_total']} rows,"
                        f" raw SQL {floor[f'{step.key}_total']}"
                    )
                if got[f"{step.key}_first_id"] != floor[f"{step.key}_first_id"]:
                    wrong.append(f"{step.key}: first row differs from the raw SQL's")
    wrong.extend(f"open: {got['open_rows']} rows" for got in page if not got["open_rows"])
    return "; ".join(sorted(set(wrong)))


def _checks(problem: str) -> str:
    if problem:
        return "results DIFFER between the page and the raw SQL: " + problem
    return (
        "results checked: for every step (open included) the page and the raw SQL agree on the"
        " number of matching companies and on the first row (all runs)"
    )


def measure_companies(big: fixtures.Fixture, repeat: int, work: Path, say: Say) -> Outcome:
    """The company page on the big fixture, each step beside its floor from the same runs."""
    companies, contacts = big.meta["companies"], big.meta["contacts"]
    _warm_file_cache(big.database)
    runs: dict[str, list[Values]] = {name: [] for name, _ in CHILDREN}
    for index in range(repeat):
        for name, module in CHILDREN:
            values = run_child(module, str(big.database), work_dir=work).values
            runs[name].append(values)
            if name == "page":
                detail = (
                    f"open {values['open_s']:.3f} s, keystroke"
                    f" {values['search_muller_s'] * 1000:.1f} ms, scroll {values['scroll_s']:.3f} s"
                )
            elif name == "bare":
                detail = f"open {values['open_s']:.3f} s, scroll {values['scroll_s']:.3f} s"
            else:
                detail = f"search {values['search_muller_s'] * 1000:.1f} ms"
            say(
                f"  companies {name} child: run {index + 1}/{repeat} {detail},"
                f" {values['peak_rss_mb']:.0f} MB"
            )

    page, bare, sql = runs["page"], runs["bare"], runs["sql"]
    problem = _mismatches(page, sql)
    first = page[0]
    delay = first["search_delay_ms"]
    outcome = Outcome(notes=[COMPANIES_NOTE, FLOOR_NOTE])

    def shown(key: str) -> str:
        return f"{first[f'{key}_total']:,} of {companies:,}"

    def add(row: Row) -> Row:
        outcome.rows.append(row)
        return row

    qt_open = _series("bare QTableView, trivial 100k x 13 model", bare, "open")
    open_row = add(
        Row(
            "companies page: open to first rows painted",
            f"{companies:,} + {contacts:,}",
            _series("open", page, "open"),
            qt_open,
        )
    )
    outcome.targets.append(
        Target(
            "companies page open to first rows painted",
            open_row.series.median,
            OPEN_GOAL_S,
            "s",
            invalid=problem,
        )
    )

    qt_reset = add(
        Row(
            "Qt floor of any list change: bare QTableView reset to repainted",
            "100,000 x 13",
            _series("bare reset", bare, "reset"),
            None,
            informational=True,
            unit="ms",
        )
    )
    repaint = qt_reset.series.median
    for search in cases.SEARCHES:
        key = f"search_{search.key}"
        floor = _series(SQL_FLOOR, sql, key)
        rows = add(
            Row(
                f"{search.label}, from debounce firing to new rows in the model",
                shown(key),
                _series(search.label, page, f"{key}_rows"),
                floor,
                unit="ms",
            )
        )
        outcome.targets.append(
            ratio_target(f"{search.label} to new rows, within 3x", rows, invalid=problem)
        )
        fired = add(
            Row(
                f"{search.label}, from debounce firing to repainted",
                shown(key),
                _series(search.label, page, key),
                floor,
                unit="ms",
            )
        )
        outcome.targets.append(
            Target(
                f"{search.label} to repainted",
                fired.series.median * 1000,
                KEYSTROKE_GOAL_MS,
                "ms",
                invalid=problem,
            )
        )
        outcome.targets.append(
            Target(
                f"{search.label} to repainted, within {KEYSTROKE_RATIO_GOAL:g}x",
                fired.series.median / _repaint_floor(sql, key, repaint),
                KEYSTROKE_RATIO_GOAL,
                "x",
                f"{SQL_FLOOR} + bare QTableView reset and repaint",
                invalid=problem,
            )
        )
        add(
            Row(
                f"{search.label}, typed: keyClick incl. {delay} ms debounce",
                shown(key),
                _series(search.label, page, f"{key}_typed"),
                None,
                informational=True,
                unit="ms",
            )
        )

    steps = (
        ("filter_state", f"filter: state {cases.FILTER_STATE}", SQL_FLOOR, FILTER_GOAL_MS),
        ("filter_size", "filter: + size class small", SQL_FLOOR, FILTER_GOAL_MS),
        ("sort_city", "sort: city ascending", SORT_FLOOR, SORT_GOAL_MS),
        ("sort_employees", "sort: employees descending", SORT_FLOOR, SORT_GOAL_MS),
    )
    for key, label, floor_label, goal in steps:
        row = add(
            Row(
                label,
                shown(key),
                _series(label, page, key),
                _series(floor_label, sql, key),
                unit="ms",
            )
        )
        outcome.targets.append(Target(label, row.series.median * 1000, goal, "ms", invalid=problem))

    scroll = add(
        Row(
            "scroll to end: scrollToBottom to last row painted",
            f"{companies:,}",
            _series("scroll", page, "scroll"),
            _series("bare QTableView scrollToBottom", bare, "scroll"),
        )
    )
    outcome.targets.append(
        Target(
            "peak memory of the page child (VmHWM after scrolling to the end)",
            scroll.series.peak_mb,
            MEMORY_GOAL_MB,
            "MB",
        )
    )

    paint_events = ", ".join(
        f"{key} {_median(page, f'{key}_paint_event_s') * 1000:.1f} ms"
        for key in ("open", "search_muller", "search_m", "filter_state", "sort_city", "scroll")
    )
    outcome.notes.append(
        "of which up to the Paint event's arrival (before the view painted; the rest is painting,"
        f" and reading rows if the model reads them in data()): {paint_events}"
    )
    held = first.get("scroll_windows_held")
    outcome.notes.append(
        f"scroll: scrollToBottom called {first['scroll_calls']} time(s) until the last row was on"
        f" screen; the model then counted {first['scroll_rows']:,} rows"
        + (f" and held {held} windows of {cases.WINDOW}" if held is not None else "")
        + ". Peak MB of page rows is the child's VmHWM read right after that step (the peak so"
        " far, steps in the order above)."
    )
    keys = [f"search_{search.key}" for search in cases.SEARCHES] + [step[0] for step in steps]
    outcome.notes.append(_with_repaint(page, sql, qt_reset.series.median, keys))
    outcome.notes.append(_checks(problem))
    outcome.notes.append(_same_code(page))
    outcome.notes.append(
        "raw-SQL floor query plans (EXPLAIN QUERY PLAN of the app's list statement, first run): "
        + " | ".join(
            f"{step.key}: {sql[0][f'{step.key}_plan']}"
            for step in cases.FLOOR_STEPS
            if step.key != "open"
        )
    )
    forced = sum(values["forced_repaints"] for values in [*page, *bare])
    if forced:
        outcome.notes.append(f"paint: update() had to be forced {forced} times (see paint_watch)")
    return outcome
