"""Child, the import floor: the fastest reader of the format, then the very rows the import
stored, inserted the fastest known way (benchmarks.sqlite_floor)."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import cached, end_state, sqlite_floor
from benchmarks.probe import report

TABLES = ("import_batches", "companies", "contacts")


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
    tables: dict[str, sqlite_floor.Table] = cached.read(rows_path)
    connection = sqlite_floor.connect(database)
    start = time.perf_counter()
    cells = read_cells(source)
    sqlite_floor.insert(connection, {table: tables[table] for table in TABLES})
    seconds = time.perf_counter() - start
    state = end_state.describe(connection, TABLES)
    connection.close()
    counts = state["counts"]
    report(
        seconds=seconds,
        cells_rows=len(cells),
        companies=counts["companies"],
        contacts=counts["contacts"],
        end_state=state,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
