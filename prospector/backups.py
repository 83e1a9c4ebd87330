"""Backups of a SQLite database: taken whole or not at all, listed, and thinned out over time."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from prospector import errors, processes
from prospector.db import Database, sqlite_code

log = logging.getLogger(__name__)

FOLDER = "backups"
DAILY, MANUAL, BEFORE_RESTORE = "daily", "manual", "restore"
# The file as it was, copied byte for byte because it failed its check (kept for a specialist).
DAMAGED = "damaged"
# A backup before a migration is named for the schema it keeps: "schema-0005".
SCHEMA_PREFIX = "schema-"

# How many backups the thinning keeps: the newest of each of the last days, weeks and months
# that have one (as Anki keeps its collection's backups).
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
# A backup copies this many pages per step, so that a cancel or the progress is timely.
PAGES_PER_STEP = 2048
# Room left over on the disk after a backup, besides the backup itself.
SPARE_BYTES = 4 * 1024 * 1024

_STAMP = "%Y%m%d-%H%M%S"
# stem-YYYYmmdd-HHMMSS-reason[.n].suffix; n tells apart two backups of the same second.
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+?)(\.(?P<number>\d+))?(?P<suffix>\.\w+)$"
)
# A backup's temporary file, and the journal SQLite keeps beside it while writing it.
_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)\.tmp(-journal|-wal|-shm)?$")


class BackupNoRoom(errors.DatabaseError):
    code = "backup_no_room"
    template = (
        "There is no room for a backup of {location}: {needed} MB are needed, {free} MB are "
        "free on the disk. Free some space and try again; nothing was changed."
    )


class BackupFailed(errors.DatabaseError):
    code = "backup_failed"
    template = (
        "The backup of {location} could not be written to the folder {folder}. Check that the "
        "folder is writable and the disk is in order; nothing was changed."
    )


class BackupDamaged(errors.DatabaseError):
    code = "backup_damaged"
    template = "The backup {location} is damaged or not a Prospector database. Choose another one."


@dataclass(frozen=True)
class Backup:
    """One backup file: when it was taken, and why (daily, manual, restore or schema-NNNN)."""

    path: Path
    taken: dt.datetime
    reason: str
    size: int

    @property
    def schema(self) -> str | None:
        """The schema revision a backup before a migration keeps."""
        return self.reason.removeprefix(SCHEMA_PREFIX) if self.is_before_update else None

    @property
    def is_before_update(self) -> bool:
        return self.reason.startswith(SCHEMA_PREFIX)


def folder_of(database_path: Path) -> Path:
    return database_path.parent / FOLDER


def _parse(path: Path, stem: str) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None or match["stem"] != stem:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return Backup(path=path, taken=taken, reason=match["reason"], size=size)


def _number(backup: Backup) -> int:
    """The number that tells apart backups of the same second: the later ones count up."""
    match = _NAME.match(backup.path.name)
    return int(match["number"]) if match is not None and match["number"] else 1


def list_backups(database_path: Path) -> list[Backup]:
    """The backups of the database at `database_path`, newest first."""
    folder = folder_of(database_path)
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    found = [
        backup
        for path in candidates
        if path.is_file() and (backup := _parse(path, database_path.stem)) is not None
    ]
    return sorted(found, key=lambda backup: (backup.taken, _number(backup)), reverse=True)


def to_keep(taken: Sequence[dt.datetime]) -> set[int]:
    """The positions in `taken` the thinning keeps: the newest backup of each of the last
    KEEP_DAILY days, KEEP_WEEKLY weeks and KEEP_MONTHLY months that have a backup."""
    order = sorted(range(len(taken)), key=lambda i: taken[i], reverse=True)
    keep: set[int] = set()
    periods: tuple[tuple[Callable[[dt.datetime], object], int], ...] = (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    )
    for period, count in periods:
        seen: set[object] = set()
        for i in order:
            key = period(taken[i])
            if key not in seen:
                if len(seen) == count:
                    break
                seen.add(key)
                keep.add(i)
    return keep


def thin(database_path: Path, *, spare: Path | None = None) -> list[Path]:
    """Remove the backups the thinning does not keep, except `spare` (a backup about to be
    read); returns the removed files."""
    backups = list_backups(database_path)
    keep = to_keep([backup.taken for backup in backups])
    removed = []
    for i, backup in enumerate(backups):
        if i not in keep and not _same_file(backup.path, spare):
            try:
                backup.path.unlink()
            except OSError:
                log.warning("could not remove the old backup %s", backup.path)
                continue
            removed.append(backup.path)
    if removed:
        log.info("removed %d old backups of %s", len(removed), database_path.name)
    return removed


def _same_file(path: Path, other: Path | None) -> bool:
    if other is None:
        return False
    try:
        return path.samefile(other)
    except OSError:
        return False


def due(database_path: Path, now: dt.datetime, every: dt.timedelta) -> bool:
    """Whether the automatic backup is due: no backup, or the newest older than `every`."""
    backups = list_backups(database_path)
    return not backups or now - backups[0].taken >= every


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of backups whose process ended (killed, or the machine went down)."""
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _TEMPORARY.match(path.name)
            if match and not processes.is_running(int(match["pid"])):
                with contextlib.suppress(OSError):
                    path.unlink()


class ServerHasNoBackups(errors.DatabaseError):
    code = "server_no_backups"
    template = (
        "Backups are made of database files. Back up the database server {location} with its "
        "own tools, such as pg_dump."
    )


def database_path(database: Database) -> Path:
    """The database's file; a server (or a database in memory) has none to back up."""
    if not database.is_file:
        raise ServerHasNoBackups(location=database.location)
    return Path(str(database.url.database))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _megabytes(size: int) -> str:
    return f"{max(size, 0) / 1_000_000:,.1f}"


def check_room(database: Database) -> None:
    """Refuse, before anything is written, when the disk has no room for a backup."""
    path = database_path(database)
    folder = folder_of(path)
    needed = _size(path) + _size(path.with_name(path.name + "-wal")) + SPARE_BYTES
    probe = folder if folder.exists() else path.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # the backup itself will say what is wrong
    if free < needed:
        raise BackupNoRoom(location=str(path), needed=_megabytes(needed), free=_megabytes(free))


def take_backup(
    database: Database,
    reason: str,
    *,
    now: dt.datetime | None = None,
    step: Callable[[int, int], None] | None = None,
    spare: Path | None = None,
) -> Backup:
    """Copy the database with SQLite's online backup API (consistent while it is in use) to a
    temporary name, check the copy with PRAGMA integrity_check, then give it its name; the
    thinning runs afterwards. Raises BackupNoRoom or BackupFailed and leaves no file behind;
    `step(done, total)` gets the pages copied and may raise to cancel; the thinning leaves
    `spare` alone."""
    path = database_path(database)
    folder = folder_of(path)
    check_room(database)
    taken = (now or dt.datetime.now()).replace(microsecond=0)
    final = _free_name(folder, f"{path.stem}-{taken.strftime(_STAMP)}-{reason}", path.suffix)
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        if reason == DAMAGED:
            _copy_bytes(path, temporary)
        else:
            _copy(database, temporary, step)
            _check(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        _sync_folder(folder)
    except BaseException as exc:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, errors.ProspectorError) or not isinstance(exc, OSError | sqlite3.Error):
            raise
        if _is_disk_full(exc):
            raise BackupNoRoom(
                location=str(path),
                needed=_megabytes(_size(path) + SPARE_BYTES),
                free=_megabytes(_free(folder)),
            ) from exc
        raise BackupFailed(location=str(path), folder=str(folder)) from exc
    log.info("backed up %s to %s (%s)", path.name, final, reason)
    thin(path, spare=spare)
    return Backup(path=final, taken=taken, reason=reason, size=_size(final))


def _free_name(folder: Path, name: str, suffix: str) -> Path:
    """The backup's name; a second backup within the same second gets a number."""
    suffix = suffix or ".sqlite"
    candidate = folder / f"{name}{suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{name}.{number}{suffix}"
    return candidate


def _free(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _is_disk_full(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return sqlite_code(exc) == 13 or "disk is full" in str(exc)


def _copy(database: Database, temporary: Path, step: Callable[[int, int], None] | None) -> None:
    source = database.engine.raw_connection()
    try:
        driver = source.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        destination = sqlite3.connect(temporary)
        try:

            def progress(_status: int, remaining: int, total: int) -> None:
                if step is not None:
                    step(total - remaining, total)

            driver.backup(destination, pages=PAGES_PER_STEP, progress=progress)
            # A backup is one file that opens on its own, without a -wal beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    finally:
        source.close()


def _copy_bytes(path: Path, temporary: Path) -> None:
    """The file as it is, for a file SQLite cannot copy page by page."""
    shutil.copyfile(path, temporary)


def _check(path: Path) -> None:
    """The copy must pass SQLite's full integrity check before it gets a backup's name."""
    with contextlib.closing(connect_read_only(path)) as conn:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        raise sqlite3.DatabaseError(f"the copy failed its integrity check: {rows[:3]}")


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)


def _sync_folder(folder: Path) -> None:
    """The new name is on disk too (POSIX; Windows has no handle on folders for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Contents:
    """What a backup holds, for choosing one: its companies, contacts and schema."""

    companies: int
    contacts: int
    schema: str | None


def contents(path: Path) -> Contents | None:
    """The counts of a backup, None when it cannot be read as a Prospector database."""
    try:
        with contextlib.closing(connect_read_only(path)) as conn:
            companies = conn.execute(
                "SELECT count(*) FROM companies WHERE deleted_at IS NULL"
            ).fetchone()[0]
            contacts = conn.execute(
                "SELECT count(*) FROM contacts WHERE deleted_at IS NULL"
            ).fetchone()[0]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return Contents(
        companies=int(companies), contacts=int(contacts), schema=row[0] if row else None
    )
