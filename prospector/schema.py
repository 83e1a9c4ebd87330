"""Open a database safely: recognise bad files, back up, and migrate to the current schema."""

from __future__ import annotations

import contextlib
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

from prospector import backups, errors, paths
from prospector.db import BUSY_TIMEOUT_MS, Database, database_error, first_line
from prospector.settings import hide_password

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# The newest migration. Opening a database already at it needs no Alembic at all (its import
# and script scan cost a noticeable part of the start); a test keeps this equal to Alembic's head.
SCHEMA_HEAD = "0012"

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"
# Tables every Prospector database has had since its first schema: an Alembic database
# without them belongs to another program, whatever its revision.
OWN_TABLES = frozenset({"companies", "contacts"})
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
    url: str | URL,
    *,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    backup: bool = True,
    create: bool = True,
    writes: bool = True,
) -> OpenedDatabase:
    """Open `url`, creating or migrating its schema; raise a DatabaseError and change nothing
    when the database is not Prospector's, is newer, damaged, read-only, locked or
    unreachable. `create=False` refuses a file that does not exist; `writes=False` (a reader
    such as an export) takes no write lock unless the schema must be migrated."""
    try:
        url = make_url(url)
    except (sa_exc.ArgumentError, ValueError) as exc:
        raise errors.BadDatabaseUrl(location=hide_password(str(url))) from exc
    if url.get_backend_name() == "sqlite":
        return _open_sqlite(
            url, busy_timeout_ms=busy_timeout_ms, backup=backup, create=create, writes=writes
        )
    return _open_server(url)


def _open_sqlite(
    url: URL, *, busy_timeout_ms: int, backup: bool, create: bool, writes: bool
) -> OpenedDatabase:
    location = url.database or ":memory:"
    path = None if location in (":memory:", "") else Path(location)
    existed = path is not None and path.exists() and path.stat().st_size > 0
    revision: str | None = None
    if path is not None:
        if existed:
            # What a backup killed half-way left behind.
            backups.remove_stale_temporaries(backups.folder_of(path))
            _check_file(path)
            revision = _inspect_read_only(path, busy_timeout_ms)
        elif not create:
            raise errors.DatabaseMissing(location=location)
        else:
            _make_folder(path)

    try:
        database = Database.connect(url, busy_timeout_ms=busy_timeout_ms)
    except sa_exc.SQLAlchemyError as exc:
        raise database_error(exc, location) from exc
    migrating = revision != SCHEMA_HEAD
    try:
        if writes or migrating:
            _probe_write(database, location)
        backup_path = None
        if existed and migrating and backup and path is not None:
            backup_path = backups.take_backup(
                database, backups.SCHEMA_PREFIX + (revision or "none")
            ).path
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


def _make_folder(path: Path) -> None:
    """The folders of a new database file; a file in the way is named."""
    location = str(path)
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                raise errors.NotAFolder(location=location, folder=str(folder))
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except NotADirectoryError as exc:
        raise errors.NotAFolder(location=location, folder=str(path.parent)) from exc
    except OSError as exc:
        raise _file_error(exc, location) from exc


def _file_error(exc: OSError, location: str) -> errors.DatabaseError:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return errors.DiskFull(location=location)
    if exc.errno == errno.EIO:
        return errors.DiskFailure(location=location)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.DatabaseReadOnly(location=location)
    return errors.DatabaseError(location=location, reason=exc.strerror or type(exc).__name__)


def _check_file(path: Path, *, writable: bool = True) -> None:
    location = str(path)
    if path.is_dir():
        raise errors.NotADatabase(location=location)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _file_error(exc, location) from exc
    if header != SQLITE_HEADER:
        raise errors.NotADatabase(location=location)
    if not writable:
        return
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
        raise database_error(exc, location) from exc
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
    except sqlite3.Error as exc:
        # The header said SQLite: a file it cannot read is damaged (or locked, or unreadable).
        raise database_error(exc, location) from exc
    finally:
        conn.close()
    revision = row[0] if row else None
    _check_known(revision, location, tables)
    return revision


def _check_known(revision: str | None, location: str, tables: set[str]) -> None:
    if revision is None or revision == SCHEMA_HEAD:
        return
    if not tables >= OWN_TABLES:
        raise errors.ForeignDatabase(location=location)
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
    if migrating and database.engine.dialect.name == "sqlite":
        # The new schema into the file itself: a write that later fails on a full disk then
        # leaves only its own pages in the write-ahead log, which SQLite can give back.
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def check_backup_file(path: Path) -> str | None:
    """A backup fit to restore: SQLite's, Prospector's, not newer than this version, and
    whole (PRAGMA integrity_check). Its schema revision; raises BackupDamaged or
    DatabaseTooNew."""
    location = str(path)
    try:
        _check_file(path, writable=False)
        revision = _inspect_read_only(path, BUSY_TIMEOUT_MS)
        with contextlib.closing(backups.connect_read_only(path)) as conn:
            whole = [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
    except errors.DatabaseTooNew:
        raise
    except (errors.DatabaseError, sqlite3.Error) as exc:
        raise backups.BackupDamaged(location=location) from exc
    if revision is None or not whole:
        raise backups.BackupDamaged(location=location)
    return revision


def bring_up_to_date(database: Database) -> str | None:
    """Migrate a database whose content was replaced (a restored backup); the revision it
    had, None when it was current."""
    with database.engine.connect() as conn:
        revision = current_revision(conn)
    _upgrade(database, database.location, migrating=revision != SCHEMA_HEAD)
    return revision if revision != SCHEMA_HEAD else None


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
    try:
        database = Database.connect(url)
    except (sa_exc.ArgumentError, ImportError) as exc:
        # An unknown dialect or driver ("mysql+nosuchdriver://"), or one not installed.
        raise errors.BadDatabaseUrl(location=location) from exc
    try:
        with database.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = current_revision(conn)
            if revision is None and tables - {VERSION_TABLE}:
                raise errors.ForeignDatabase(location=location)
        _check_known(revision, location, tables)
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
