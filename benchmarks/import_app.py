"""Child: import a file end to end as `main.py import FILE` does, timed to the commit; then the
first searches a user makes in the list right after it, each timed on its own."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from benchmarks import end_state
from benchmarks.import_floor import TABLES
from benchmarks.probe import report, watch_memory

# What a user may type first into the company list's search box after an import.
FIRST_SEARCHES = ("mulle", "berlin", "0221")


def first_searches(url: str) -> dict[str, float]:
    """Seconds of company_query.first_window (what the list reads) for each search."""
    from prospector.company_filter import CompanyFilter
    from prospector.schema import open_database
    from prospector.services.company_query import first_window

    database = open_database(url).database
    seconds = {}
    try:
        for text in FIRST_SEARCHES:
            with database.reading() as session:
                start = time.perf_counter()
                first_window(session, CompanyFilter(query=text))
                seconds[text] = time.perf_counter() - start
    finally:
        database.dispose()
    return seconds


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), argv[1]
    watch_memory()  # the reader process and the importer, together over time
    url = target if "://" in target else f"sqlite:///{Path(target).resolve()}"
    from prospector import cli

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = cli.import_file(source, database=url, out=out, err=err)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"import failed: {err.getvalue()}")
    state = end_state.of_url(url, TABLES)
    report(
        seconds=seconds,
        companies=state["counts"]["companies"],
        contacts=state["counts"]["contacts"],
        end_state=state,
        summary=out.getvalue(),
        first_searches_s=first_searches(url),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
