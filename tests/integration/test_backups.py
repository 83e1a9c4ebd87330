"""Backups: checked before they get their name, listed with their contents, thinned, restored."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from prospector import backups, errors
from prospector.db import Database
from prospector.models import Company
from prospector.records import CompanyInput
from prospector.restore import replace_damaged, restore_backup
from prospector.schema import SCHEMA_HEAD, downgrade, open_database
from prospector.services import companies


def _open(path: Path) -> Database:
    return open_database(f"sqlite:///{path}").database


def _add(db: Database, *names: str) -> None:
    with db.writing() as session:
        for name in names:
            companies.create_company(session, CompanyInput(name=name))


def _names(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(session.scalars(select(Company.name).where(Company.deleted_at.is_(None))))


@pytest.fixture
def firm(tmp_path: Path) -> Database:
    db = _open(tmp_path / "firma.sqlite")
    _add(db, "Alpha GmbH", "Beta KG")
    yield db
    db.dispose()


def test_a_backup_is_a_checked_whole_copy_under_its_name_with_nothing_beside_it(
    firm: Database, tmp_path: Path
) -> None:
    backup = backups.take_backup(firm, backups.MANUAL, now=dt.datetime(2026, 12, 6, 9, 30))
    assert backup.path == tmp_path / "backups" / "firma-20261206-093000-manual.sqlite"
    assert os.listdir(tmp_path / "backups") == [backup.path.name]
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # opens on its own
    conn.close()
    contents = backups.contents(backup.path)
    assert contents == backups.Contents(companies=2, contacts=0, schema=SCHEMA_HEAD)
    assert backups.list_backups(tmp_path / "firma.sqlite") == [backup]


def test_the_list_names_the_newest_first_and_ignores_other_files(
    firm: Database, tmp_path: Path
) -> None:
    older = backups.take_backup(firm, backups.DAILY, now=dt.datetime(2026, 12, 4, 8))
    newer = backups.take_backup(firm, "schema-0005", now=dt.datetime(2026, 12, 5, 8))
    (tmp_path / "backups" / "notizen.txt").write_text("x", encoding="utf-8")
    (tmp_path / "backups" / "andere-20261205-080000-manual.sqlite").write_bytes(b"")
    listed = backups.list_backups(tmp_path / "firma.sqlite")
    assert listed == [newer, older]
    assert (newer.is_before_update, newer.schema) == (True, "0005")
    assert (older.is_before_update, older.schema) == (False, None)


def test_taking_a_backup_thins_the_old_ones(firm: Database, tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, 12)
    for day in range(60):
        backups.take_backup(firm, backups.DAILY, now=start + dt.timedelta(days=day))
    kept = backups.list_backups(tmp_path / "firma.sqlite")
    assert len(kept) < 60
    days = sorted({b.taken.date() for b in kept})
    last_twelve = [start.date() + dt.timedelta(days=d) for d in range(48, 60)]
    assert days[-12:] == last_twelve


def test_a_backup_is_due_once_a_day(firm: Database, tmp_path: Path) -> None:
    path = tmp_path / "firma.sqlite"
    now = dt.datetime(2026, 12, 6, 9)
    assert backups.due(path, now, dt.timedelta(days=1))
    backups.take_backup(firm, backups.DAILY, now=now)
    assert not backups.due(path, now + dt.timedelta(hours=23), dt.timedelta(days=1))
    assert backups.due(path, now + dt.timedelta(hours=24), dt.timedelta(days=1))


def test_a_temporary_of_a_killed_backup_is_removed_and_a_running_ones_kept(
    firm: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    dead = folder / ".firma-20261206-093000-daily.sqlite.999999999.tmp"
    dead.write_bytes(b"half")
    (folder / (dead.name + "-journal")).write_bytes(b"j")
    alive = folder / f".firma-20261206-093000-daily.sqlite.{os.getpid()}.tmp"
    alive.write_bytes(b"being written")
    backups.remove_stale_temporaries(folder)
    assert sorted(p.name for p in folder.iterdir()) == [alive.name]


def test_restoring_puts_the_backup_back_and_keeps_the_replaced_state(
    firm: Database, tmp_path: Path
) -> None:
    backup = backups.take_backup(firm, backups.MANUAL, now=dt.datetime(2026, 12, 1, 9))
    _add(firm, "Gamma AG")
    restored = restore_backup(firm, backup.path)
    assert _names(firm) == ["Alpha GmbH", "Beta KG"]
    assert restored.migrated_from is None
    assert restored.safety.reason == backups.BEFORE_RESTORE
    assert backups.contents(restored.safety.path) == backups.Contents(3, 0, SCHEMA_HEAD)
    # The restore itself can be undone: restore the backup taken before it.
    restore_backup(firm, restored.safety.path)
    assert _names(firm) == ["Alpha GmbH", "Beta KG", "Gamma AG"]


def test_of_two_backups_in_the_same_second_the_thinning_keeps_the_later_one(
    firm: Database, tmp_path: Path
) -> None:
    now = dt.datetime(2026, 12, 6, 9, 30)
    backups.take_backup(firm, backups.MANUAL, now=now)
    _add(firm, "Gamma AG")
    later = backups.take_backup(firm, backups.MANUAL, now=now)
    assert later.path.name == "firma-20261206-093000-manual.2.sqlite"
    assert [b.path for b in backups.list_backups(tmp_path / "firma.sqlite")] == [later.path]
    assert backups.contents(later.path) == backups.Contents(3, 0, SCHEMA_HEAD)


def test_restoring_an_earlier_backup_of_the_same_day_reads_it_before_any_thinning(
    firm: Database, tmp_path: Path
) -> None:
    # The backup before the restore is the day's newest; the one restored stays to be read.
    today = dt.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    backup = backups.take_backup(firm, backups.MANUAL, now=today)
    _add(firm, "Gamma AG")
    restored = restore_backup(firm, backup.path)
    assert _names(firm) == ["Alpha GmbH", "Beta KG"]
    assert backup.path.exists()
    assert restored.safety.path.exists()
    assert backups.contents(restored.safety.path) == backups.Contents(3, 0, SCHEMA_HEAD)


def test_restoring_an_older_schemas_backup_migrates_it(firm: Database, tmp_path: Path) -> None:
    copy = tmp_path / "alt" / "firma.sqlite"
    copy.parent.mkdir()
    old = _open(copy)
    _add(old, "Alt GmbH")
    downgrade(old, "0005")
    backup = backups.take_backup(old, "schema-0005")
    old.dispose()
    restored = restore_backup(firm, backup.path)
    assert restored.migrated_from == "0005"
    assert _names(firm) == ["Alt GmbH"]
    with firm.reading() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            SCHEMA_HEAD
        )


def test_a_damaged_backup_is_refused_and_nothing_changes(firm: Database, tmp_path: Path) -> None:
    backup = backups.take_backup(firm, backups.MANUAL)
    with backup.path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xa5" * 3000)
    with pytest.raises(backups.BackupDamaged) as caught:
        restore_backup(firm, backup.path)
    assert str(backup.path) in caught.value.message
    assert _names(firm) == ["Alpha GmbH", "Beta KG"]
    assert [b.reason for b in backups.list_backups(tmp_path / "firma.sqlite")] == ["manual"]


def test_no_room_for_a_backup_is_refused_before_anything_is_written(
    firm: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    real = shutil.disk_usage

    def nearly_full(path: str | os.PathLike[str]) -> object:
        usage = real(path)
        return type(usage)(usage.total, usage.total - 1000, 1000)

    monkeypatch.setattr(backups.shutil, "disk_usage", nearly_full)
    with pytest.raises(backups.BackupNoRoom) as caught:
        backups.take_backup(firm, backups.MANUAL)
    assert "0.0 MB are free" in caught.value.message
    assert not (tmp_path / "backups").exists()


def _damage_first_page(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xa5" * 3000)


def test_a_file_too_damaged_to_open_is_replaced_by_a_backup_and_kept_aside(
    tmp_path: Path,
) -> None:
    path = tmp_path / "firma.sqlite"
    db = _open(path)
    _add(db, "Alpha GmbH", "Beta KG")
    backup = backups.take_backup(db, backups.DAILY, now=dt.datetime(2026, 12, 5, 9))
    db.dispose()
    _damage_first_page(path)
    with pytest.raises(errors.DatabaseDamaged):
        open_database(f"sqlite:///{path}")

    kept = replace_damaged(path, backup.path, now=dt.datetime(2026, 12, 6, 10))
    assert kept == tmp_path / "backups" / "firma-20261206-100000-damaged.sqlite"
    assert kept.read_bytes()[100:110] == b"\xa5" * 10  # as it was, for a specialist
    db = _open(path)
    assert _names(db) == ["Alpha GmbH", "Beta KG"]
    db.dispose()
    assert not list((tmp_path / "backups").glob(".*"))  # no temporary left


def test_a_damaged_backup_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "firma.sqlite"
    db = _open(path)
    _add(db, "Alpha GmbH")
    backup = backups.take_backup(db, backups.DAILY)
    db.dispose()
    _damage_first_page(backup.path)
    before = path.read_bytes()
    with pytest.raises(backups.BackupDamaged):
        replace_damaged(path, backup.path)
    assert path.read_bytes() == before


def test_the_backup_command_backs_up_a_file_and_names_the_tools_for_a_server(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    from helpers import run_main

    result = run_main("--language", "en", "backup", "--database", database_url, data_dir=tmp_path)
    if db.is_file:
        assert result.returncode == 0, result.stderr
        (backup,) = backups.list_backups(Path(str(db.url.database)))
        assert result.stdout.startswith(f"Backup written: {backup.path} (")
    else:
        assert result.returncode == 1
        assert result.stderr.strip().startswith("Backups are made of database files.")
        assert "pg_dump" in result.stderr
        assert "Traceback" not in result.stderr
