"""The fastest known way to put rows into the app's SQLite schema, for the floors to share."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from prospector.bulk_load import SEARCH_INDEXES
from prospector.db import SQLITE_PRAGMAS

Table = tuple[Sequence[str], Sequence[tuple[Any, ...]]]


def connect(database: Path) -> sqlite3.Connection:
    """A connection with the app's pragmas, in autocommit mode so BEGIN is ours."""
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    return connection


def _schema_of(connection: sqlite3.Connection, tables: Sequence[str]) -> list[tuple[str, str, str]]:
    """The secondary indexes and triggers on `tables`, with the SQL that creates them again."""
    marks = ", ".join("?" * len(tables))
    return connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        f" AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(tables),
    ).fetchall()


def insert(connection: sqlite3.Connection, tables: Mapping[str, Table]) -> None:
    """Insert every table's rows in one transaction, ending where a bulk writer must end.

    Indexes and triggers are dropped first and built again once the rows are in (one sort
    per index instead of a B-tree insert per row); each search index is filled by one
    INSERT … SELECT of the new rows instead of by the insert trigger row by row.
    """
    connection.execute("BEGIN IMMEDIATE")
    schema = _schema_of(connection, list(tables))
    for kind, name, _ in schema:
        connection.execute(f"DROP {kind.upper()} {name}")
    for table, (columns, rows) in tables.items():
        before = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        marks = ", ".join("?" * len(columns))
        connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        if table in SEARCH_INDEXES:
            connection.execute(
                f"INSERT INTO {SEARCH_INDEXES[table]}(rowid, search_text)"
                f" SELECT id, search_text FROM {table} WHERE id > ?",
                (before,),
            )
    for _, _, sql in schema:
        connection.execute(sql)
    connection.execute("COMMIT")
