"""Engine and sessions: SQLite pragmas, PostgreSQL, and read and write units of work."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from prospector import errors

# How long a connection waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000


def first_line(exc: BaseException) -> str:
    """The driver's own message, first line only (a server adds hints below it)."""
    text = str(getattr(exc, "orig", exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def database_error(exc: BaseException, location: str) -> errors.DatabaseError:
    """The user's sentence for a failure of the database itself (not of the data)."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return errors.DatabaseLocked(location=location)
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return errors.DatabaseReadOnly(location=location)
    if "not a database" in message or "malformed" in message or "encrypted" in message:
        return errors.NotADatabase(location=location)
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return errors.DatabaseUnreachable(location=location, reason=first_line(exc))
    if "connection" in message or "server closed" in message or "could not connect" in message:
        return errors.DatabaseUnreachable(location=location, reason=first_line(exc))
    return errors.DatabaseError(location=location, reason=first_line(exc))


def refresh_statistics(session: Session, tables: tuple[str, ...]) -> None:
    """Have PostgreSQL's planner count the rows of tables a bulk write filled: until then it
    plans for the empty tables it last saw, and a search after a large import takes a second
    instead of milliseconds. SQLite plans without such statistics."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ANALYZE {', '.join(tables)}"))


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


# What every SQLite connection runs first, besides its busy timeout.
SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    # 32 MB of page cache (default 2 MB): searches re-read the same index pages.
    "PRAGMA cache_size = -32768",
)


def make_engine(url: str | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Build the engine for `url`; SQLite connections get the pragmas the data needs."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the write lock up front: two processes that both read and
        # then write can never deadlock, the second one waits for the busy timeout instead.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


@dataclass(frozen=True)
class Database:
    """One database: where it is, its engine, and sessions for reading and for writing."""

    url: URL
    engine: Engine
    _reader: sessionmaker[Session]
    _writer: sessionmaker[Session]
    _snapshot: sessionmaker[Session]

    @classmethod
    def connect(cls, url: str | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
        engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        writer_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        return cls(
            url=engine.url,
            engine=engine,
            _reader=sessionmaker(engine, expire_on_commit=False),
            _writer=sessionmaker(writer_engine, expire_on_commit=False),
            # SQLite's read transaction is a snapshot already (WAL); a server needs asking.
            _snapshot=sessionmaker(
                engine
                if engine.dialect.name == "sqlite"
                else engine.execution_options(isolation_level="REPEATABLE READ"),
                expire_on_commit=False,
            ),
        )

    @property
    def location(self) -> str:
        """The database as the user knows it: a file path, or the server without password."""
        if self.url.get_backend_name() == "sqlite":
            return self.url.database or ":memory:"
        return self.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for one read; it never writes."""
        with self._failures(), self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A session for a long read that must see one state of the data throughout (an
        export reads companies, then their contacts, in many statements)."""
        with self._failures(), self._snapshot() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for one unit of work: committed at the end, rolled back on any error."""
        with self._failures(), self._writer() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        """A locked file or a lost server becomes the user's sentence; errors in the data
        (a broken constraint is a bug) stay what they are."""
        try:
            yield
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            raise database_error(exc, self.location) from exc

    def dispose(self) -> None:
        self.engine.dispose()
