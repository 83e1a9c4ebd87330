"""Child: import a file end to end as `main.py import FILE` does, timed to the commit."""

from __future__ import annotations

import io
import resource
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

from benchmarks.probe import report


def main(argv: list[str]) -> int:
    source, database = Path(argv[0]), Path(argv[1]).resolve()
    from prospector import cli

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = cli.import_file(source, database=f"sqlite:///{database}", out=out, err=err)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"import failed: {err.getvalue()}")
    with closing(sqlite3.connect(database)) as connection:
        companies = connection.execute("SELECT count(*) FROM companies").fetchone()[0]
        contacts = connection.execute("SELECT count(*) FROM contacts").fetchone()[0]
    # The largest child this process waited for: the reader process of a workbook.
    reader_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report(
        seconds=seconds,
        companies=companies,
        contacts=contacts,
        summary=out.getvalue(),
        reader_peak_mb=round(reader_mb, 1),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
