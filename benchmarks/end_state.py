"""What a scenario or floor left in the database: counts, a checksum of key columns, the schema."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

# Columns that every writer must have stored alike; timestamps differ from run to run.
CHECKED: Mapping[str, tuple[str, ...]] = {
    "companies": (
        "id",
        "name",
        "name_key",
        "postcode",
        "city",
        "phone",
        "domain",
        "stage",
        "owner_id",
        "import_batch_id",
        "search_text",
    ),
    "contacts": (
        "id",
        "company_id",
        "last_name",
        "first_name",
        "email",
        "phone",
        "mobile",
        "lead_status",
        "owner_id",
        "name_key",
        "search_text",
    ),
}
# The full-text indexes keep one row per indexed document in their docsize tables.
INDEXES = {"companies": "company_fts_docsize", "contacts": "contact_fts_docsize"}


def _digest(rows: Iterable[tuple[Any, ...]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


# What lists a database's indexes (and triggers), without the schema's name in them.
_SQLITE_SCHEMA = (
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
)
_SERVER_SCHEMA = (
    "SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '')"
    " FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname"
)


def _state(connection: Any, tables: Iterable[str], schema_sql: str, fts: bool) -> dict[str, Any]:
    counts: dict[str, int] = {}
    sums: dict[str, str] = {}
    for table in tables:
        counts[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if fts and table in INDEXES:
            name = INDEXES[table]
            counts[name] = connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        if table in CHECKED:
            columns = ", ".join(CHECKED[table])
            sums[table] = _digest(connection.execute(f"SELECT {columns} FROM {table} ORDER BY id"))
    schema = _digest(connection.execute(schema_sql))
    return {"counts": counts, "checksums": sums, "schema": schema}


def describe(connection: sqlite3.Connection, tables: Iterable[str]) -> dict[str, Any]:
    """Counts of `tables` and of their search index rows, a checksum, and a schema hash.

    The schema hash covers every index and trigger, so a floor that drops them for speed must
    build them again to end where the app ends.
    """
    return _state(connection, tables, _SQLITE_SCHEMA, fts=True)


def of_file(database: Path, tables: Iterable[str]) -> dict[str, Any]:
    with closing(sqlite3.connect(database)) as connection:
        return describe(connection, tables)


def describe_server(connection: Any, tables: Iterable[str]) -> dict[str, Any]:
    """The same for a PostgreSQL schema (a psycopg connection with it on the search path):
    the schema hash covers its indexes, the search indexes among them."""
    return _state(connection, tables, _SERVER_SCHEMA, fts=False)


def of_url(url: str, tables: Iterable[str]) -> dict[str, Any]:
    """The end state of the database at a SQLAlchemy URL (a SQLite file or a server schema)."""
    if url.startswith("sqlite:///"):
        return of_file(Path(url.removeprefix("sqlite:///")), tables)
    import psycopg

    from benchmarks.postgres import driver_dsn

    with psycopg.connect(driver_dsn(url)) as connection:
        return describe_server(connection, tables)


def difference(first: Mapping[str, Any], second: Mapping[str, Any]) -> str:
    """How two end states differ, in a few words, or "" when they are equal."""
    found = []
    for table in sorted(first["counts"].keys() | second["counts"].keys()):
        one, other = first["counts"].get(table), second["counts"].get(table)
        if one != other:
            found.append(f"{table} {one} vs {other} rows")
    for table in sorted(first["checksums"].keys() | second["checksums"].keys()):
        if first["checksums"].get(table) != second["checksums"].get(table):
            found.append(f"{table} columns differ")
    if first["schema"] != second["schema"]:
        found.append("indexes or triggers differ")
    return "; ".join(found)
