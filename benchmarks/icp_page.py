"""Child: the company page with a profile active, sorted and filtered by fit, timed to paints."""

from __future__ import annotations

import sys
from typing import Any

from benchmarks import icp_cases
from benchmarks.probe import peak_rss_mb, report


def main(argv: list[str]) -> int:
    from benchmarks.page_driver import ASCENDING, DESCENDING, PageDriver
    from ui.widgets.company_filter_bar import CORE

    driver = PageDriver(argv[0])
    values: dict[str, Any] = {}

    def note(key: str, seconds: float) -> None:
        values[f"{key}_s"] = seconds
        values[f"{key}_paint_event_s"] = driver.watch.paint_event_s
        values[f"{key}_mb"] = round(peak_rss_mb(), 1)
        values.update({f"{key}_{name}": value for name, value in driver.state().items()})

    def fit_filter(*chosen: object) -> float:
        return driver.after_reset(lambda: driver.bar.fit.set_selected(chosen))

    note("open", driver.open())
    note("sort_fit", driver.sort("fit", DESCENDING))
    driver.sort("name", ASCENDING)
    note("filter_core", fit_filter(CORE))
    driver.clear_filters()
    note("filter_min_fit", fit_filter(icp_cases.MIN_FIT))
    driver.clear_filters()
    driver.sort("fit", DESCENDING)
    note("filter_both_by_fit", fit_filter(CORE, icp_cases.MIN_FIT))
    values["forced_repaints"] = driver.watch.forced_repaints
    driver.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
