"""Profile one company-page step in this process: where its milliseconds go (see USAGE)."""

from __future__ import annotations

import cProfile
import functools
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from benchmarks import company_cases as cases

USAGE = """usage: python -m benchmarks.profile_companies DB STEP [N] [--split | --sql]

Repeats STEP N times (50; setup untimed and unprofiled) on the database DB and prints the
median with the functions that take the time in the timed part only, in ms per step, from
cProfile. With --split, no cProfile: a few app functions are wrapped with timers instead (in
this process only), which splits the real time into counting, fetching a window, data() and the
rest (Qt: reset, layout, paint). With --sql, the same, and every statement of the last timed run
with its execute time and its query plan (through sqlite3 on the same file). Run it under py-spy
as well (py-spy record -r 500 --native -f raw -o out.txt -- .venv/bin/python -m benchmarks…) to
see native Qt frames; that samples the untimed setup too, and --native slows the process 4-5x.
"""

STEPS = (
    "search_muller",
    "search_m",
    "search_muller_dres",
    "filter_state",
    "filter_size",
    "sort_city",
    "sort_employees",
    "scroll",
)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in STEPS:
        print(USAGE + f"\nsteps: {', '.join(STEPS)}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.page_driver import ASCENDING, DESCENDING, PageDriver

    split, sql = "--split" in argv, "--sql" in argv
    argv = [arg for arg in argv if not arg.startswith("--")]
    database, step = argv[0], argv[1]
    repeat = int(argv[2]) if len(argv) > 2 else 50
    spent = _wrap_for_split() if split or sql else None
    driver = PageDriver(database)
    statements = _log_statements(driver.opened.database.engine) if sql else None
    driver.open()
    searches = {f"search_{search.key}": search for search in cases.SEARCHES}

    def prepare() -> Callable[[], float]:
        """Put the page in the state before the step (untimed); the timed step itself."""
        if step in searches:
            search = searches[step]
            driver.show_search(search.before)
            driver.set_text_quietly(search.after)
            return lambda: driver.after_reset(driver.apply_search)
        if step == "filter_state":
            driver.clear_filters()
            return driver.filter_state
        if step == "filter_size":
            driver.clear_filters()
            driver.filter_state()
            return driver.filter_size
        if step == "sort_city":
            driver.sort("name", ASCENDING)
            return lambda: driver.sort(cases.SORT_CITY_COLUMN, ASCENDING)
        if step == "sort_employees":
            driver.sort(cases.SORT_CITY_COLUMN, ASCENDING)
            return lambda: driver.sort(cases.SORT_EMPLOYEES_COLUMN, DESCENDING)
        driver.sort(cases.SORT_CITY_COLUMN, ASCENDING)
        driver.sort("name", ASCENDING)  # back at the top, windows forgotten
        return driver.scroll_to_end

    profiler = cProfile.Profile()
    times = []
    totals: defaultdict[str, float] = defaultdict(float)
    for _ in range(repeat):
        timed = prepare()
        if spent is not None:
            spent.clear()
            if statements is not None:
                statements.clear()
            times.append(timed())
            for name, seconds in spent.items():
                totals[name] += seconds
            continue
        profiler.enable()
        times.append(timed())
        profiler.disable()
    driver.close()
    if spent is not None:
        _print_split(step, times, totals, repeat)
        if statements is not None:
            _print_statements(database, statements)
        return 0
    print(
        f"{step}: median {statistics.median(times) * 1000:.1f} ms over {repeat} runs"
        f" (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); cProfile adds overhead,"
        " compare functions with each other, not with the median"
    )
    table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    entries = [
        (where, calls, own, cumulative) for where, (_, calls, own, cumulative, _) in table.items()
    ]
    for title, index, count in (("cumulative", 3, 45), ("own time", 2, 25)):
        print(f"\nby {title}, ms per step (calls per step):")
        for where, calls, own, cumulative in sorted(entries, key=lambda e: -e[index])[:count]:
            print(
                f"  {cumulative / repeat * 1000:8.2f} cum {own / repeat * 1000:8.2f} own"
                f" {calls / repeat:8.1f}  {_name(where)}"
            )
    return 0


def _wrap_for_split() -> defaultdict[str, float]:
    """Time a few app functions (wrapped in this process only, before the page exists)."""
    from prospector.services import company_query
    from ui.itemmodels.company_table_model import CompanyTableModel

    spent: defaultdict[str, float] = defaultdict(float)

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return wrapper

    targets: list[tuple[Any, str]] = [
        (CompanyTableModel, "data"),
        (CompanyTableModel, "reload"),
        (company_query, "first_window"),
        (company_query, "list_companies"),
        (company_query, "_list_statement"),
    ]
    for owner, name in targets:
        label = f"{owner.__name__.rsplit('.', 1)[-1]}.{name}"
        setattr(owner, name, timed(label, getattr(owner, name)))
    return spent


Statement = tuple[str, Any, float]


def _log_statements(engine: Any) -> list[Statement]:
    """Every statement the engine executes, with its parameters and cursor.execute() time."""
    from sqlalchemy import event

    statements: list[Statement] = []
    started: list[float] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _before(*_args: Any) -> None:
        started.append(time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def _after(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters, time.perf_counter() - started.pop()))

    return statements


def _print_statements(database: str, statements: list[Statement]) -> None:
    import sqlite3

    connection = sqlite3.connect(database)
    print("\nstatements of the last run (cursor.execute time; fetching rows comes after):")
    for statement, parameters, seconds in statements:
        text = " ".join(statement.split())
        text = re.sub(r"\?(, \?)+", lambda m: f"?×{m.group(0).count('?')}", text)
        shown = parameters if len(parameters) <= 6 else (*parameters[:3], f"… {len(parameters)}")
        print(f"  {seconds * 1000:6.2f} ms  {text}  {shown!r}")
        if statement.lstrip().upper().startswith("SELECT"):
            plan = connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            for row in plan:
                print(f"             plan: {row[-1]}")
    connection.close()


def _print_split(step: str, times: list[float], spent: dict[str, float], repeat: int) -> None:
    def ms(name: str) -> float:
        return spent.get(name, 0.0) / repeat * 1000

    total = statistics.fmean(times) * 1000
    # first_window calls list_companies for its rows: the windows read in data() are the rest.
    first, reload = ms("company_query.first_window"), ms("CompanyTableModel.reload")
    data, fetch = ms("CompanyTableModel.data"), ms("company_query.list_companies") - first
    build = ms("company_query._list_statement")
    print(f"{step}: mean {total:.1f} ms, median {statistics.median(times) * 1000:.1f} ms")
    print(f"  model.reload (reset, first window) {reload:6.1f} ms, of which reading {first:.1f}")
    print(f"  windows read in data()             {fetch:6.1f} ms")
    print(f"    of which building the statement  {build:6.1f} ms (cached after the first)")
    print(f"  model.data() without the fetch     {data - fetch:6.1f} ms")
    rest = total - reload - data
    print(f"  the rest (Qt: reset, layout, paint) {rest:5.1f} ms")


def _name(where: tuple[str, int, str]) -> str:
    path, line, function = where
    for marker in ("/site-packages/", "/work/main/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{line} {function}" if line else function


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
