"""A database file too damaged to open: the start offers its backups and opens the one chosen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import company
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector import backups
from prospector.file_lock import FileLock, lock_path
from prospector.models import Company
from prospector.schema import open_database
from prospector.settings import to_url
from ui.app import open_interactively

seen: list[str] = []


def _then(*steps: str) -> None:
    """Answer the next modal dialogs in turn: press a message box's button, or accept an
    input dialog's first choice ("first")."""
    remaining = list(steps)

    def run() -> None:
        if not remaining:
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            seen.append(widget.text())
            step = remaining.pop(0)
            next(b for b in widget.buttons() if b.text().replace("&", "") == step).click()
        elif isinstance(widget, QInputDialog):
            seen.append(widget.labelText() + " | " + " / ".join(widget.comboBoxItems()))
            remaining.pop(0)
            widget.accept()
        if remaining:
            QTimer.singleShot(20, run)

    QTimer.singleShot(0, run)


def _damaged_with_a_backup(path: Path) -> None:
    opened = open_database(f"sqlite:///{path}")
    company(opened.database, "Alpha GmbH")
    company(opened.database, "Beta KG")
    backups.take_backup(opened.database, backups.DAILY, now=dt.datetime(2026, 12, 5, 9, 30))
    opened.database.dispose()
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xa5" * 3000)


def test_a_damaged_file_is_replaced_by_the_backup_chosen_at_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "firma.sqlite"
    _damaged_with_a_backup(path)
    seen.clear()
    locks: list[FileLock] = []
    _then("Restore a backup…", "first")
    opened = open_interactively(to_url(str(path)), None, locks)
    assert opened is not None
    try:
        with opened.database.reading() as session:
            assert sorted(session.scalars(select(Company.name))) == ["Alpha GmbH", "Beta KG"]
    finally:
        opened.database.dispose()
        for lock in locks:
            lock.release()
    assert "is damaged" in seen[0]
    assert ": 2 companies, 0 contacts" in seen[1]
    kept = [b.reason for b in backups.list_backups(path)]
    assert kept == ["damaged", "daily"]
    assert not lock_path(path).exists()


def test_without_a_backup_only_another_database_or_quit_is_offered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "firma.sqlite"
    _damaged_with_a_backup(path)
    for backup in backups.list_backups(path):
        backup.path.unlink()
    seen.clear()
    buttons: list[str] = []

    def quit_after_looking() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, quit_after_looking)
            return
        buttons.extend(b.text().replace("&", "") for b in box.buttons())
        next(b for b in box.buttons() if b.text() == "Quit").click()

    QTimer.singleShot(0, quit_after_looking)
    assert open_interactively(to_url(str(path)), None, []) is None
    assert "Restore a backup…" not in buttons
    assert "Choose another database…" in buttons
