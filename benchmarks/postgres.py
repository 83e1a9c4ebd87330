"""PostgreSQL for the benchmarks: a schema of its own per database, the fixture copied in."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

URL_ENV = "PROSPECTOR_BENCH_DATABASE_URL"
# Tables the migrations fill themselves; the rest is copied from the SQLite fixture.
OWN_ROWS = ("alembic_version", "settings")


def server_url(given: str | None) -> str | None:
    return given or os.environ.get(URL_ENV) or None


def schema_url(url: str, schema: str) -> str:
    """The server URL with `schema` first on the search path (what the app is given)."""
    from sqlalchemy.engine import make_url

    own = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return own.render_as_string(hide_password=False)


def driver_dsn(url: str) -> str:
    """A libpq connection string for psycopg from a SQLAlchemy URL (search path kept)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    parts = {
        "host": parsed.host,
        "port": parsed.port,
        "dbname": parsed.database,
        "user": parsed.username,
        "password": parsed.password,
        "options": parsed.query.get("options"),
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


def _execute(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(driver_dsn(url), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@contextmanager
def fresh_schema(url: str, prefix: str = "bench") -> Iterator[str]:
    """A new, migrated, empty schema; yields the URL the app opens it with; dropped after."""
    from prospector.schema import open_database

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    _execute(url, f"CREATE SCHEMA {schema}")
    try:
        own = schema_url(url, schema)
        open_database(own).database.dispose()  # migrated here, untimed
        yield own
    finally:
        _execute(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def copy_fixture(sqlite_path: Path, url: str) -> dict[str, int]:
    """Every row of the SQLite fixture into the migrated schema of `url`, by COPY, then the
    id sequences moved past them and the planner's statistics refreshed."""
    import psycopg

    from prospector.models import Base

    copied: dict[str, int] = {}
    with (
        closing(sqlite3.connect(sqlite_path)) as source,
        psycopg.connect(driver_dsn(url)) as target,
    ):
        for table in Base.metadata.sorted_tables:
            if table.name in OWN_ROWS:
                continue
            names = [column.name for column in table.columns]
            columns = ", ".join(names)
            rows = source.execute(f"SELECT {columns} FROM {table.name}")
            count = 0
            flags = _booleans(table)
            with target.cursor().copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_typed(row, flags))
                    count += 1
            copied[table.name] = count
            if "id" in names and count:
                target.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                    f" (SELECT max(id) FROM {table.name}))"
                )
        target.commit()
        target.execute("ANALYZE")
    return copied


def _booleans(table: Any) -> list[int]:
    from sqlalchemy import Boolean

    return [at for at, column in enumerate(table.columns) if isinstance(column.type, Boolean)]


def _typed(row: tuple[Any, ...], flags: list[int]) -> tuple[Any, ...]:
    """SQLite's stored values as PostgreSQL's columns take them: 0/1 as booleans."""
    if not flags:
        return row
    values = list(row)
    for at in flags:
        if values[at] is not None:
            values[at] = bool(values[at])
    return tuple(values)
