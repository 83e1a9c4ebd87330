"""A large insert on SQLite without per-row index upkeep: indexes built once the rows are in."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

# The search index each table feeds through its insert trigger (external content by rowid).
SEARCH_INDEXES = {"companies": "company_fts", "contacts": "contact_fts"}
# Below this many new rows, the triggers index them row by row: one statement costs more.
SEARCH_ROWS = 1_000
# Secondary indexes are built anew only when the insert at least doubles the table and is
# large: then one sort per index beats a B-tree insert per row and index (3x on 100,000 rows),
# while rebuilding them for a few rows on a large table would cost far more than it saves.
INDEX_ROWS = 5_000


@dataclass
class _Table:
    name: str
    first_new_id: int
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # type, name, sql


def _schema(connection: Connection, table: str, *, indexes: bool) -> list[tuple[str, str, str]]:
    """The table's search-index insert trigger and, if asked, its secondary indexes."""
    kinds = ("index", "trigger") if indexes else ("trigger",)
    found = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
        f" AND type IN ({', '.join('?' * len(kinds))}) ORDER BY type, name",
        (table, *kinds),
    ).all()
    insert_trigger = f"{SEARCH_INDEXES.get(table, '-')}_after_insert"
    return [
        (kind, name, sql) for kind, name, sql in found if kind == "index" or name == insert_trigger
    ]


@contextmanager
def loading(session: Session, rows: dict[str, int]) -> Iterator[None]:
    """Around inserting about `rows[table]` new rows into each table, in the caller's
    transaction on SQLite (elsewhere nothing):

        with loading(session, {"companies": 100_000, "contacts": 100_000}):
            ...insert...

    The search-index insert triggers are dropped, and, where the insert at least doubles a
    table, its secondary indexes too. Once the rows are in, the indexes are built again, each
    search index is filled with the new rows in one statement, and the triggers come back.
    A failure or rollback restores all of it with the rest of the transaction. The search
    text of the new rows must not change inside the block (their index entries come after).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    tables: list[_Table] = []
    for name, count in rows.items():
        if count < SEARCH_ROWS:
            continue
        highest, existing = connection.exec_driver_sql(
            f"SELECT coalesce(max(id), 0), count(*) FROM {name}"
        ).one()
        table = _Table(name, int(highest) + 1)
        table.dropped = _schema(
            connection, name, indexes=count >= INDEX_ROWS and count >= int(existing)
        )
        for kind, item, _ in table.dropped:
            connection.exec_driver_sql(f"DROP {kind.upper()} {item}")
        tables.append(table)
    yield
    for table in tables:
        search = SEARCH_INDEXES.get(table.name)
        if search and any(kind == "trigger" for kind, _, _ in table.dropped):
            connection.exec_driver_sql(
                f"INSERT INTO {search}(rowid, search_text)"
                f" SELECT id, search_text FROM {table.name} WHERE id >= ?",
                (table.first_new_id,),
            )
        for _, _, sql in table.dropped:
            connection.exec_driver_sql(sql)
        log.debug(
            "bulk load of %s: rebuilt %d indexes and triggers", table.name, len(table.dropped)
        )
