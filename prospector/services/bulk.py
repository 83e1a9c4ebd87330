"""Many rows into one table, one executemany per chunk, never as ORM objects."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Column, Table, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from prospector.models import utcnow

T = TypeVar("T")
log = logging.getLogger(__name__)

# Rows per statement: big enough to amortise, small enough for memory.
CHUNK = 5_000


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def stamps(import_batch_id: int | None) -> dict[str, Any]:
    """The columns every row of a bulk insert gets (the ORM fills them for single records)."""
    now = utcnow()
    return {"created_at": now, "updated_at": now, "version": 1, "import_batch_id": import_batch_id}


# SQLite's page cache while a bulk write runs. The app's connections keep 32 MB for searches;
# a bulk write passes each index page about once, and the other 16 MB would save it ~1%.
LEAN_CACHE_KB = 16_384


@contextmanager
def lean_cache(session: Session) -> Iterator[None]:
    """A smaller SQLite page cache for the length of a bulk write; elsewhere nothing."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{LEAN_CACHE_KB}")
    try:
        yield
    finally:
        try:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")
        except DBAPIError:  # the connection broke: the error that broke it is the one to see
            log.warning("could not restore the page cache size", exc_info=True)


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], constants: dict[str, Any]
) -> None:
    """INSERT the rows, which all have the same keys, each with the constant columns.

    The rows go to the driver with every column's bind processor applied here, and the
    constants converted once for all rows (Core would convert the same timestamps 100,000
    times over): on SQLite as one executemany, on PostgreSQL by COPY, which takes them
    without parsing a statement per batch.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    fixed = dict(constants)
    for column in table.columns:  # Core fills a column's scalar default when it is left out
        default = column.default
        if column.name not in fixed and column.name not in keys and default is not None:
            if not isinstance(default, ScalarElementColumnDefault):
                raise ValueError(f"{table.name}.{column.name} needs a value")
            fixed[column.name] = default.arg
    converters = [
        (at, processor)
        for at, key in enumerate(keys)
        if (processor := _processor(table.c[key], dialect)) is not None
    ]
    tail = tuple(
        processor(value) if (processor := _processor(table.c[key], dialect)) else value
        for key, value in fixed.items()
    )
    pick = itemgetter(*keys)
    single = len(keys) == 1
    params = []
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"rows for {table.name} differ in their columns")
        picked = (pick(row),) if single else pick(row)
        if converters:
            converted = list(picked)
            for at, convert in converters:
                converted[at] = convert(converted[at])
            picked = tuple(converted)
        params.append(picked + tail)
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in [*keys, *fixed])
    if dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row_values in params:
                copy.write_row(row_values)
        return
    marks = ", ".join("?" * (len(keys) + len(fixed)))
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", params
    )


def next_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids from the table's id sequence on PostgreSQL, for rows given their id."""
    return list(
        session.connection().scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
            ),
            {"table": table.name, "n": count},
        )
    )


def _processor(column: Column[Any], dialect: Dialect) -> Any:
    return column.type.dialect_impl(dialect).bind_processor(dialect)
