"""Open a database safely: recognise bad files, back up, and migrate to the current schema."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import exc as sa_exc
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection, make_url

from prospector import errors, paths
from prospector.db import BUSY_TIMEOUT_MS, Database, database_error, first_line

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# The newest migration. Opening a database already at it needs no Alembic at all (its import
# and script scan cost a noticeable part of the start); a test keeps this equal to Alembic's head.
SCHEMA_HEAD = "0006"

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"
# Database objects the migrations create by hand and the models do not describe.
UNMODELLED_PREFIXES = (
    "company_fts",
    "ix_companies_search_fts",
    "contact_fts",
    "ix_contacts_search_fts",
    "search_vector",  # PostgreSQL's stored tsvector columns (0006)
)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's comparisons: leave out the full-text index objects."""
    return not (name and name.startswith(UNMODELLED_PREFIXES))


@dataclass(frozen=True)
class OpenedDatabase:
    """A database ready for use, and what opening it did."""

    database: Database
    created: bool
    migrated_from: str | None
    backup_path: Path | None


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the database, None for an empty one."""
    if VERSION_TABLE not in inspect(connection).get_table_names():
        return None
    value = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if value is None else str(value)


def open_database(
    url: str | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, backup: bool = True
) -> OpenedDatabase:
    """Open `url`, creating or migrating its schema; raise a DatabaseError and change nothing
    when the database is not Prospector's, is newer, read-only, locked or unreachable."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        return _open_sqlite(url, busy_timeout_ms=busy_timeout_ms, backup=backup)
    return _open_server(url)


def _open_sqlite(url: URL, *, busy_timeout_ms: int, backup: bool) -> OpenedDatabase:
    location = url.database or ":memory:"
    path = None if location in (":memory:", "") else Path(location)
    existed = path is not None and path.exists() and path.stat().st_size > 0
    revision: str | None = None
    if path is not None:
        if existed:
            _check_file(path)
            revision = _inspect_read_only(path, busy_timeout_ms)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise errors.DatabaseReadOnly(location=location) from exc

    try:
        database = Database.connect(url, busy_timeout_ms=busy_timeout_ms)
    except sa_exc.SQLAlchemyError as exc:
        raise database_error(exc, location) from exc
    migrating = revision != SCHEMA_HEAD
    try:
        _probe_write(database, location)
        backup_path = None
        if existed and migrating and backup and path is not None:
            backup_path = backup_sqlite(database, _backup_target(path, revision))
        _upgrade(database, location, migrating=migrating)
    except BaseException:
        database.dispose()
        raise
    return OpenedDatabase(
        database=database,
        created=not existed,
        migrated_from=revision if existed and migrating else None,
        backup_path=backup_path,
    )


def _check_file(path: Path) -> None:
    location = str(path)
    if path.is_dir():
        raise errors.NotADatabase(location=location)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise errors.DatabaseReadOnly(location=location) from exc
    except OSError as exc:
        raise errors.DatabaseError(location=location, reason=exc.strerror or str(exc)) from exc
    if header != SQLITE_HEADER:
        raise errors.NotADatabase(location=location)
    mode = path.stat().st_mode
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if not mode & writable_bits or not os.access(path, os.W_OK):
        raise errors.DatabaseReadOnly(location=location)
    if not os.access(path.parent, os.W_OK):
        # SQLite needs the folder for its journal files.
        raise errors.DatabaseReadOnly(location=location)


def _inspect_read_only(path: Path, busy_timeout_ms: int) -> str | None:
    """Look at an existing file without changing a byte: its tables and schema revision."""
    location = str(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise errors.NotADatabase(location=location) from exc
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if VERSION_TABLE not in tables:
            if tables:
                raise errors.ForeignDatabase(location=location)
            return None
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise errors.DatabaseLocked(location=location) from exc
        raise errors.NotADatabase(location=location) from exc
    except sqlite3.DatabaseError as exc:
        raise errors.NotADatabase(location=location) from exc
    finally:
        conn.close()
    revision = row[0] if row else None
    _check_known(revision, location)
    return revision


def _check_known(revision: str | None, location: str) -> None:
    if revision is None or revision == SCHEMA_HEAD:
        return
    try:
        known = script_directory().get_revision(revision)
    except Exception:  # alembic raises several kinds for unknown ids
        known = None
    if known is None:
        raise errors.DatabaseTooNew(location=location, revision=revision)


def _probe_write(database: Database, location: str) -> None:
    """Take and release the write lock once, so a locked file is reported now, not later."""
    try:
        with database.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE").begin().rollback()
    except sa_exc.SQLAlchemyError as exc:
        raise database_error(exc, location) from exc


def _backup_target(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = path.parent / "backups"
    return folder / f"{path.stem}-{stamp}-schema-{revision or 'none'}{path.suffix or '.sqlite'}"


def backup_sqlite(database: Database, target: Path) -> Path:
    """Copy the database with SQLite's online backup API (consistent even while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = database.engine.raw_connection()
    try:
        driver = source.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        destination = sqlite3.connect(target)
        try:
            driver.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("backed up %s to %s", database.location, target)
    return target


@contextlib.contextmanager
def _migration_connection(database: Database) -> Iterator[Connection]:
    """A connection in one write transaction; on SQLite with foreign keys off meanwhile,
    because batch migrations rebuild tables and a cascade must not fire on the old copy."""
    with database.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        if sqlite:
            assert isinstance(raw, sqlite3.Connection)
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                assert isinstance(raw, sqlite3.Connection)
                raw.execute("PRAGMA foreign_keys = ON")


def _upgrade(database: Database, location: str, *, migrating: bool) -> None:
    if migrating:
        upgrade(database, "head", location=location)
    _index_search(database)


def _index_search(database: Database) -> None:
    """Fill the search text once after a migration or a change of what is indexed."""
    from prospector import search_index

    with database.reading() as session:
        if search_index.is_current(session):
            return
    with database.writing() as session:
        count = search_index.rebuild(session)
    log.info("indexed %d companies for search", count)


def upgrade(database: Database, target: str = "head", *, location: str | None = None) -> None:
    """Migrate to `target` in one transaction."""
    from alembic import command

    config = alembic_config()
    try:
        with _migration_connection(database) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    except sa_exc.SQLAlchemyError as exc:
        raise database_error(exc, location or database.location) from exc


def downgrade(database: Database, target: str) -> None:
    """Migrate back to `target` in one transaction (for tests and repairs)."""
    from alembic import command

    config = alembic_config()
    with _migration_connection(database) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)


def _open_server(url: URL) -> OpenedDatabase:
    location = url.render_as_string(hide_password=True)
    database = Database.connect(url)
    try:
        with database.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = current_revision(conn)
            if revision is None and tables - {VERSION_TABLE}:
                raise errors.ForeignDatabase(location=location)
        _check_known(revision, location)
        _upgrade(database, location, migrating=revision != SCHEMA_HEAD)
    except sa_exc.OperationalError as exc:
        database.dispose()
        raise errors.DatabaseUnreachable(location=location, reason=first_line(exc)) from exc
    except BaseException:
        database.dispose()
        raise
    return OpenedDatabase(
        database=database,
        created=revision is None,
        migrated_from=revision if revision not in (None, SCHEMA_HEAD) else None,
        backup_path=None,
    )
