"""Child: export every company with contacts and activities to .xlsx through the app, timed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.probe import report


def main(argv: list[str]) -> int:
    database, target = Path(argv[0]).resolve(), Path(argv[1])
    from prospector.exchange.export import export_companies
    from prospector.schema import open_database

    opened = open_database(f"sqlite:///{database}")  # already at head
    start = time.perf_counter()
    with opened.database.reading() as session:
        result = export_companies(session, target)
    seconds = time.perf_counter() - start
    opened.database.dispose()
    report(
        seconds=seconds,
        companies=result.companies,
        contacts=result.contacts,
        activities=result.activities,
        bytes=target.stat().st_size,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
