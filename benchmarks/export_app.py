"""Child: export every company with contacts and activities to .xlsx through the app, timed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.probe import report


def main(argv: list[str]) -> int:
    database, target = argv[0], Path(argv[1])
    url = database if "://" in database else f"sqlite:///{Path(database).resolve()}"
    from prospector.schema import open_database
    from prospector.services.exporting import export_companies

    opened = open_database(url)  # already at head
    start = time.perf_counter()
    result = export_companies(opened.database, target)
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
