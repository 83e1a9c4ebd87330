"""Child, the import floor: the fastest reader of the format, then raw sqlite3 executemany of
the very rows the import stored."""

from __future__ import annotations

import csv
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import cached
from benchmarks.create_raw import PRAGMAS
from benchmarks.probe import report


def read_cells(path: Path) -> list[list[Any]]:
    """Every cell of the file: python-calamine for workbooks, the csv module for CSV."""
    if path.suffix == ".csv":
        with path.open(encoding="cp1252", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return workbook.get_sheet_by_index(0).to_python()


def main(argv: list[str]) -> int:
    source, rows_path, database = Path(argv[0]), Path(argv[1]), Path(argv[2])
    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = cached.read(rows_path)
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    start = time.perf_counter()
    cells = read_cells(source)
    connection.execute("BEGIN IMMEDIATE")
    for table, (columns, rows) in tables.items():
        marks = ", ".join("?" * len(columns))
        connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    counts = {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables
    }
    connection.close()
    report(seconds=seconds, cells_rows=len(cells), **counts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
