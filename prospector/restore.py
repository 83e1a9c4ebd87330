"""Put a backup back in place of the database, after a backup of the database as it is now."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc

from prospector import backups, schema
from prospector.db import Database, database_error

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup put back, the one taken of the replaced state, and the
    schema the restored data was migrated from (None when it was current)."""

    backup: Path
    safety: backups.Backup
    migrated_from: str | None


def restore_backup(
    database: Database, backup: Path, *, step: Callable[[int, int], None] | None = None
) -> Restored:
    """Replace the database's content by the backup's, in one step of SQLite's backup API
    (the file stays where it is; a reader never sees half of it). The backup is checked
    first, and the database as it is now is backed up before it is replaced, so that a
    restore can itself be undone by restoring that backup."""
    schema.check_backup_file(backup)
    try:
        # The thinning must not remove the backup that is about to be read: it may be an older
        # backup of the same day.
        safety = backups.take_backup(database, backups.BEFORE_RESTORE, spare=backup)
    except backups.BackupFailed:
        # The database is too damaged for a checked copy: keep its bytes instead.
        safety = backups.take_backup(database, backups.DAMAGED, spare=backup)
    source = backups.connect_read_only(backup)
    try:
        target = database.engine.raw_connection()
        try:
            driver = target.driver_connection
            assert isinstance(driver, sqlite3.Connection)

            def progress(_status: int, remaining: int, total: int) -> None:
                if step is not None:
                    step(total - remaining, total)

            source.backup(driver, pages=backups.PAGES_PER_STEP, progress=progress)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise database_error(exc, database.location) from exc
    finally:
        source.close()
    # Connections of the pool may hold what they read of the replaced content.
    database.engine.dispose()
    try:
        migrated_from = schema.bring_up_to_date(database)
    except sa_exc.SQLAlchemyError as exc:
        raise database_error(exc, database.location) from exc
    log.info("restored %s from %s", database.location, backup.name)
    with contextlib.suppress(OSError):
        backups.thin(backups.database_path(database), spare=backup)
    return Restored(backup=backup, safety=safety, migrated_from=migrated_from)


def replace_damaged(path: Path, backup: Path, *, now: dt.datetime | None = None) -> Path:
    """Put a backup in place of a database file too damaged to open: the backup is copied
    under a temporary name, the damaged file moved into the backups folder (kept for a
    specialist), and the copy renamed into place. Returns where the damaged file now is."""
    schema.check_backup_file(backup)
    folder = backups.folder_of(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{path.stem}-{stamp}-{backups.DAMAGED}{path.suffix or '.sqlite'}"
    temporary = folder / f".{path.name}.restore.{os.getpid()}.tmp"
    try:
        source = backups.connect_read_only(backup)
        try:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        finally:
            source.close()
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(path, kept)
        for suffix in ("-wal", "-shm"):
            # The damaged file's journal belongs to it, not to the restored one.
            journal = path.with_name(path.name + suffix)
            if journal.exists():
                if suffix == "-wal":
                    os.replace(journal, kept.with_name(kept.name + suffix))
                else:
                    journal.unlink()
        try:
            os.replace(temporary, path)
        except OSError:
            os.replace(kept, path)  # as it was: damaged, but where the user left it
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    log.info("replaced the damaged %s by the backup %s", path.name, backup.name)
    return kept
