"""A full disk ends in its own sentence, with the database as it was and no file left behind."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, write_fair_list
from sqlalchemy import event

from prospector import backups, errors
from prospector.error_texts import describe
from prospector.exchange.readers import read_table
from prospector.schema import downgrade, open_database
from prospector.services import importing

SMALL_DISK = os.environ.get("PROSPECTOR_TEST_SMALL_DISK")
needs_small_disk = pytest.mark.skipif(
    not SMALL_DISK,
    reason="needs a small file system in PROSPECTOR_TEST_SMALL_DISK (CI mounts one)",
)


def _database(path: Path, companies: int, work: Path) -> Path:
    opened = open_database(f"sqlite:///{path}")
    try:
        if companies:
            plan, _ = importing.preview_import(
                opened.database, read_table(write_fair_list(work / "bestand.csv", companies))
            )
            importing.run_import(opened.database, plan)
    finally:
        opened.database.dispose()
    return path


def _state(path: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
            conn.execute("SELECT count(*) FROM companies").fetchone()[0],
            conn.execute("SELECT count(*) FROM contacts").fetchone()[0],
        )
    finally:
        conn.close()


def test_an_import_past_sqlites_page_limit_says_the_disk_is_full_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = _database(tmp_path / "firma.sqlite", 50, tmp_path)
    before = _state(path)
    opened = open_database(f"sqlite:///{path}")
    db = opened.database
    try:
        with db.reading() as session:
            pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()

        def limit(connection: sqlite3.Connection, _record: object) -> None:
            # SQLite's own "disk full" (SQLITE_FULL) once the file would grow by 20 pages.
            connection.execute(f"PRAGMA max_page_count = {int(pages or 0) + 20}")

        event.listen(db.engine.pool, "connect", limit)
        db.engine.dispose()
        plan, _ = importing.preview_import(
            db, read_table(write_fair_list(tmp_path / "neu.csv", 3000, 50))
        )
        with pytest.raises(errors.DiskFull) as caught:
            importing.run_import(db, plan)
    finally:
        db.dispose()
    assert describe(caught.value) == (
        f"The disk of {path} is full. Free some space on it and try again; nothing was changed."
    )
    assert _state(path) == before


def _limited_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG instead


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_that_cannot_grow_its_file_says_so_and_leaves_nothing(
    tmp_path: Path, suffix: str
) -> None:
    path = _database(tmp_path / "firma.sqlite", 3000, tmp_path)
    folder = tmp_path / "exporte"
    folder.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "PROSPECTOR_DATA_DIR": str(tmp_path / "daten")}
    environment.update(TMPDIR=str(scratch))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--language",
            "en",
            "export",
            str(folder / f"alle{suffix}"),
            "--database",
            str(path),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limited_file_size(60_000),
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"The disk has no room left for {folder / f'alle{suffix}'}. "
        "Free some space and export again; nothing was written."
    )
    assert list(folder.iterdir()) == []
    assert list(scratch.iterdir()) == []


@pytest.fixture(autouse=True)
def _the_small_disk_to_itself() -> Iterator[None]:
    """One small file system serves the whole run, whose tests run in several processes: a
    test that uses it waits for its turn and finds it empty."""
    if not SMALL_DISK:
        yield
        return
    with (Path(SMALL_DISK) / ".turn").open("a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        try:
            for entry in Path(SMALL_DISK).iterdir():
                if entry.name != ".turn":
                    shutil.rmtree(entry, ignore_errors=True)
            yield
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)


def _on_small_disk(name: str) -> Path:
    assert SMALL_DISK
    folder = Path(SMALL_DISK) / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _fill(folder: Path, leave: int) -> Path:
    """Fill the disk until `leave` bytes are free."""
    filler = folder / "fueller.bin"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


@needs_small_disk
def test_on_a_small_disk_an_import_says_so_changes_nothing_and_gives_the_space_back(
    tmp_path: Path,
) -> None:
    folder = _on_small_disk("import")
    path = _database(folder / "firma.sqlite", 20, tmp_path)
    before = _state(path)
    filler = _fill(folder, 400_000)
    free = shutil.disk_usage(folder).free
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--language",
            "en",
            "import",
            str(write_fair_list(tmp_path / "neu.csv", 5000, 20)),
            "--database",
            str(path),
        ],
        env={**os.environ, "PROSPECTOR_DATA_DIR": str(tmp_path / "daten")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"The disk of {path} is full. Free some space on it and try again; nothing was changed."
    )
    assert "Traceback" not in result.stderr
    assert shutil.disk_usage(folder).free >= free - 100_000  # the log's space is given back
    filler.unlink()
    assert _state(path) == before


@needs_small_disk
def test_on_a_small_disk_the_backup_before_a_migration_is_refused_before_any_change(
    tmp_path: Path,
) -> None:
    folder = _on_small_disk("migration")
    path = _database(folder / "firma.sqlite", 300, tmp_path)
    opened = open_database(f"sqlite:///{path}")
    try:
        downgrade(opened.database, "0005")
    finally:
        opened.database.dispose()
    before = _state(path)
    filler = _fill(folder, path.stat().st_size // 2)
    with pytest.raises(backups.BackupNoRoom) as caught:
        open_database(f"sqlite:///{path}")
    assert describe(caught.value).startswith(f"There is no room for a backup of {path}:")
    assert describe(caught.value).endswith("Free some space and try again; nothing was changed.")
    left = sorted(p.name for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm")))
    assert left in (["firma.sqlite", "fueller.bin"], ["backups", "firma.sqlite", "fueller.bin"])
    filler.unlink()
    assert _state(path) == before


@needs_small_disk
def test_on_a_small_disk_an_export_says_so_and_frees_what_it_wrote(tmp_path: Path) -> None:
    path = _database(tmp_path / "firma.sqlite", 3000, tmp_path)
    folder = _on_small_disk("export")
    filler = _fill(folder, 100_000)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--language",
            "en",
            "export",
            str(folder / "alle.xlsx"),
            "--database",
            str(path),
        ],
        env={**os.environ, "PROSPECTOR_DATA_DIR": str(tmp_path / "daten")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith(
        f"The disk has no room left for {folder / 'alle.xlsx'}."
    )
    assert sorted(p.name for p in folder.iterdir()) == ["fueller.bin"]
    filler.unlink()
