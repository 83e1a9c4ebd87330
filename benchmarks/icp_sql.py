"""Child, the SQL floor of the page's fit steps (as companies_sql) and the musts counted by hand."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import icp_cases, sqlite_floor
from benchmarks.companies_sql import measure_steps
from benchmarks.probe import report


def main(argv: list[str]) -> int:
    database = Path(argv[0])
    values = measure_steps(database, icp_cases.floor_steps())
    connection = sqlite_floor.connect(database)
    (values["must_count"],) = connection.execute(
        icp_cases.must_count_sql(icp_cases.REALISTIC)
    ).fetchone()
    connection.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
