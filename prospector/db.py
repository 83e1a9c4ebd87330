"""Engine and sessions: SQLite pragmas, PostgreSQL, and read and write units of work."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from prospector import errors

log = logging.getLogger(__name__)

# How long a connection waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000


def first_line(exc: BaseException) -> str:
    """The driver's own message, first line only (a server adds hints below it)."""
    text = str(getattr(exc, "orig", exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# SQLite's primary result codes (the low byte of the extended code a driver error carries).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


# Codes that name a fault of the file or the disk rather than of the statement.
FAULTS = frozenset({SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB})


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a driver error, None for any other error."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def database_error(exc: BaseException, location: str) -> errors.DatabaseError:
    """The user's sentence for a failure of the database itself (not of the data)."""
    code = sqlite_code(exc)
    message = str(getattr(exc, "orig", exc)).lower()
    if code == SQLITE_FULL or "disk is full" in message or "no space left" in message:
        return errors.DiskFull(location=location)
    if code == SQLITE_IOERR or "disk i/o error" in message:
        return errors.DiskFailure(location=location)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in message:
        # The file passed the header check when it was opened: it is SQLite's, but damaged.
        return errors.DatabaseDamaged(location=location)
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in message or "busy" in message:
        return errors.DatabaseLocked(location=location)
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM) or any(
        word in message for word in ("readonly", "read-only", "unable to open")
    ):
        return errors.DatabaseReadOnly(location=location)
    if "not a database" in message or "encrypted" in message:
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
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)

    # hide_parameters: an error's text (shown, logged) never carries the rows' data.
    engine = create_engine(
        url, connect_args={"timeout": busy_timeout_ms / 1000}, hide_parameters=True
    )

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

    @property
    def is_file(self) -> bool:
        """A SQLite file (which has backups), not a server or a database in memory."""
        name = self.url.database
        return self.url.get_backend_name() == "sqlite" and bool(name) and name != ":memory:"

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
            error = database_error(exc, self.location)
            self._after(error)
            raise error from exc
        except (sa_exc.DatabaseError, sqlite3.DatabaseError) as exc:
            # A damaged file or a failing disk, wherever it surfaces; a broken constraint
            # (IntegrityError) is a bug and stays what it is.
            if sqlite_code(exc) not in FAULTS:
                raise
            error = database_error(exc, self.location)
            self._after(error)
            raise error from exc

    def _after(self, error: errors.DatabaseError) -> None:
        """After a write failed on a full disk: give back the space the rolled-back write took
        in SQLite's write-ahead log, else the disk stays full."""
        if not isinstance(error, errors.DiskFull) or self.engine.dialect.name != "sqlite":
            return
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except sa_exc.SQLAlchemyError:
            log.info("the write-ahead log could not be truncated after a full disk")

    def dispose(self) -> None:
        self.engine.dispose()
