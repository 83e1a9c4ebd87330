"""Child, the import floor on PostgreSQL: the fastest reader of the format, then the very rows
the import stored, by COPY into the tables with their indexes built afterwards, and the
planner's statistics refreshed as the import refreshes them."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import cached, end_state
from benchmarks.import_floor import TABLES, read_cells
from benchmarks.postgres import driver_dsn
from benchmarks.probe import report
from prospector.services.importing import IMPORTED_TABLES


def insert(connection: Any, tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    """One transaction: the tables' secondary indexes dropped, every row copied, the indexes
    created again, ANALYZE, commit."""
    names = list(tables)
    indexes = connection.execute(
        "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema()"
        " AND tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
        " WHERE c.conname = i.indexname)",
        (names,),
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f"DROP INDEX {name}")
    for table, (columns, rows) in tables.items():
        with connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        connection.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    for _, sql in indexes:
        connection.execute(sql)
    connection.execute(f"ANALYZE {', '.join(IMPORTED_TABLES)}")
    connection.commit()


def main(argv: list[str]) -> int:
    import psycopg

    source, rows_path, url = Path(argv[0]), Path(argv[1]), argv[2]
    tables = cached.read(rows_path)
    with psycopg.connect(driver_dsn(url)) as connection:
        start = time.perf_counter()
        cells = read_cells(source)
        insert(connection, {table: tables[table] for table in TABLES})
        seconds = time.perf_counter() - start
        state = end_state.describe_server(connection, TABLES)
    report(
        seconds=seconds,
        cells_rows=len(cells),
        companies=state["counts"]["companies"],
        contacts=state["counts"]["contacts"],
        end_state=state,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
