"""Child: the company page on a database, step by step in a fixed order, each timed to a paint."""

from __future__ import annotations

import sys
from typing import Any

from benchmarks import company_cases as cases
from benchmarks.probe import peak_rss_mb, report


def main(argv: list[str]) -> int:
    from benchmarks.page_driver import ASCENDING, DESCENDING, PageDriver
    from ui.widgets.company_filter_bar import SEARCH_DELAY_MS

    driver = PageDriver(argv[0])
    values: dict[str, Any] = {}

    def note(key: str, seconds: float) -> None:
        values[f"{key}_s"] = seconds
        values[f"{key}_paint_event_s"] = driver.watch.paint_event_s
        values[f"{key}_mb"] = round(peak_rss_mb(), 1)  # VmHWM: the peak so far
        values.update({f"{key}_{name}": value for name, value in driver.state().items()})

    note("open", driver.open())
    for search in cases.SEARCHES:
        note(f"search_{search.key}_rows", driver.search_rows(search))
        note(f"search_{search.key}", driver.search_fired(search))
        note(f"search_{search.key}_typed", driver.search_typed(search))
    driver.show_search("")
    note("filter_state", driver.filter_state())
    note("filter_size", driver.filter_size())
    driver.clear_filters()
    note("sort_city", driver.sort(cases.SORT_CITY_COLUMN, ASCENDING))
    note("sort_employees", driver.sort(cases.SORT_EMPLOYEES_COLUMN, DESCENDING))
    driver.sort("name", ASCENDING)
    note("scroll", driver.scroll_to_end())

    values["scroll_calls"] = driver.scroll_calls
    cached_windows = getattr(driver.model, "cached_windows", None)  # the windowed model's
    values["scroll_windows_held"] = len(cached_windows()) if cached_windows else None
    values["search_delay_ms"] = SEARCH_DELAY_MS
    values["forced_repaints"] = driver.watch.forced_repaints
    driver.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
