"""Many rows into one table, one executemany per chunk, never as ORM objects."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Column, Table, insert
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

    On SQLite the rows go to the driver's executemany with every column's bind processor
    applied here, and the constants converted once for all rows: Core would convert the same
    timestamps 100,000 times over. Elsewhere through Core.
    """
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), [{**row, **constants} for row in rows])
        return
    dialect = connection.dialect
    keys = list(rows[0])
    fixed = dict(constants)
    for column in table.columns:  # Core fills a column's scalar default when it is left out
        default = column.default
        if column.name not in fixed and column.name not in keys and default is not None:
            if not isinstance(default, ScalarElementColumnDefault):
                raise ValueError(f"{table.name}.{column.name} needs a value")
            fixed[column.name] = default.arg
    converters = [(key, _processor(table.c[key], dialect)) for key in keys]
    tail = tuple(
        processor(value) if (processor := _processor(table.c[key], dialect)) else value
        for key, value in fixed.items()
    )
    params = []
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"rows for {table.name} differ in their columns")
        params.append(
            tuple(convert(row[key]) if convert else row[key] for key, convert in converters) + tail
        )
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in [*keys, *fixed])
    marks = ", ".join("?" * (len(keys) + len(fixed)))
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", params
    )


def _processor(column: Column[Any], dialect: Dialect) -> Any:
    return column.type.dialect_impl(dialect).bind_processor(dialect)
