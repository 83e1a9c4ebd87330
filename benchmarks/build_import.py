"""Child: write the import benchmark's .xlsx and .csv, and capture the rows an import stores."""

from __future__ import annotations

import argparse
import io
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from benchmarks import cached, import_files
from benchmarks.fixtures import fresh_copy
from benchmarks.probe import report

TABLES = ("import_batches", "companies", "contacts")  # in the order of their foreign keys


def stored_rows(database: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every column of every company and contact, as SQLite holds them."""
    found = {}
    with closing(sqlite3.connect(database)) as connection:
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
            columns = [description[0] for description in cursor.description]
            found[table] = (columns, cursor.fetchall())
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--empty", type=Path, required=True)
    parser.add_argument("--xlsx", type=Path, required=True)
    parser.add_argument("--csv", type=Path, required=True)
    args = parser.parse_args(argv)
    from prospector import cli

    import_files.write_xlsx(args.xlsx, args.size)
    import_files.write_csv(args.csv, args.size)
    counts = {}
    for source in (args.xlsx, args.csv):
        with tempfile.TemporaryDirectory(prefix="capture-", dir=source.parent) as folder:
            database = fresh_copy(args.empty, Path(folder) / "capture.sqlite")
            out, err = io.StringIO(), io.StringIO()
            if cli.import_file(source, database=f"sqlite:///{database}", out=out, err=err):
                raise SystemExit(f"import of {source.name} failed: {err.getvalue()}")
            rows = stored_rows(database)
            cached.write(source.with_name(source.name + ".rows.pickle"), rows)
            counts[source.suffix[1:]] = {table: len(rows[table][1]) for table in TABLES}
    report(counts=counts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
