"""Backups and "check the database" in the window: listed, taken, restored, reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from factories import company
from helpers import main_window
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from prospector import backups
from prospector.db import Database
from prospector.models import Company
from ui.context import AppContext
from ui.database_care import DatabaseCare
from ui.dialogs.backups_dialog import BackupsDialog
from ui.dialogs.check_report_dialog import CheckReportDialog


def _when_modal(action: Callable[[QMessageBox], None]) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, QMessageBox)
        action(widget)

    QTimer.singleShot(0, run)


def _click(text: str) -> Callable[[QMessageBox], None]:
    def click(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

    return click


def _companies(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Company)) or 0


def _dialog(qtbot: QtBot, context: AppContext) -> BackupsDialog:
    dialog = BackupsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_backups_are_listed_newest_first_with_what_they_hold(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    company(sqlite_db, "Alpha GmbH", contacts=("Muster",))
    backups.take_backup(sqlite_db, backups.DAILY, now=dt.datetime(2026, 12, 4, 9, 15))
    company(sqlite_db, "Beta KG")
    backups.take_backup(sqlite_db, "schema-0005", now=dt.datetime(2026, 12, 5, 9, 15))
    dialog = _dialog(qtbot, sqlite_context)
    rows = [
        [dialog.list.topLevelItem(i).text(c) for c in range(4)]  # type: ignore[union-attr]
        for i in range(dialog.list.topLevelItemCount())
    ]
    assert [row[1:] for row in rows] == [
        ["Before an update (schema 0005)", "2", "1"],
        ["Daily backup", "1", "1"],
    ]
    taken = QDateTime(QDate(2026, 12, 5), QTime(9, 15))
    assert rows[0][0] == QLocale().toString(taken, QLocale.FormatType.ShortFormat)
    assert dialog.restore_button.isEnabled()
    assert not dialog.empty.isVisible()


def test_an_empty_list_says_how_to_make_the_first_backup_and_back_up_now_makes_it(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    company(sqlite_db, "Alpha GmbH")
    dialog = _dialog(qtbot, sqlite_context)
    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: not dialog.job.busy and dialog.list.topLevelItemCount() == 1)
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert item.text(1) == "Backed up by hand"
    assert item.text(2) == "1"


def test_restoring_asks_first_then_replaces_the_data_and_keeps_the_state_before(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    company(sqlite_db, "Alpha GmbH")
    backups.take_backup(sqlite_db, backups.DAILY, now=dt.datetime(2026, 12, 1, 9))
    company(sqlite_db, "Beta KG")
    refreshed: list[object] = []
    sqlite_context.operations.changed.connect(refreshed.append)
    dialog = _dialog(qtbot, sqlite_context)

    _when_modal(_click("Cancel"))
    dialog.restore_selected()
    assert _companies(sqlite_db) == 2  # nothing without a yes

    _when_modal(_click("Restore"))
    dialog.restore_selected()
    qtbot.waitUntil(lambda: not dialog.job.busy and dialog.note.isVisible())
    assert _companies(sqlite_db) == 1
    assert refreshed  # every page reads again
    assert dialog.note.text().startswith("Restored. The state before it is kept as the backup")
    reasons = [dialog.list.topLevelItem(i).text(1) for i in range(2)]  # type: ignore[union-attr]
    assert reasons == ["Before a restore", "Daily backup"]
    assert dialog.list.topLevelItem(0).text(2) == "2"  # type: ignore[union-attr]


def test_check_the_database_repairs_and_reports_in_the_window(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company(db, "Alpha GmbH", city="Dresden")
    with db.writing() as session:
        session.execute(text("UPDATE companies SET search_text = 'alt'"))
    window = main_window(qtbot, context)
    assert window.check_action.isEnabled()
    window.check_action.trigger()
    qtbot.waitUntil(lambda: getattr(window.care, "report_dialog", None) is not None)
    dialog = window.care.report_dialog
    assert isinstance(dialog, CheckReportDialog)
    assert "is in order again: 1 companies, 0 contacts. Problems repaired: 1." in (
        dialog.headline.text()
    )
    assert "Search texts out of date, now renewed: 1." in dialog.details.text()
    assert dialog.backups_button is None
    with db.reading() as session:
        assert "dresden" in (session.scalar(select(Company.search_text)) or "")
    dialog.close()


def test_the_daily_backup_runs_quietly_when_due_and_not_again_the_same_day(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    company(sqlite_db, "Alpha GmbH")
    window = main_window(qtbot, sqlite_context)
    care = window.care
    assert isinstance(care, DatabaseCare)
    care.back_up_if_due()
    qtbot.waitUntil(lambda: care.last_backup is not None)
    assert care.last_backup is not None
    assert care.last_backup.reason == backups.DAILY
    assert "Daily backup saved" in window.statusBar().currentMessage()
    first = care.last_backup
    care.back_up_if_due()  # a day has not passed
    qtbot.wait(50)
    assert care.last_backup is first
    path = sqlite_context.operations.database_file
    assert path is not None
    assert len(backups.list_backups(path)) == 1


def test_a_server_database_has_no_backups_menu_but_can_be_checked(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    window = main_window(qtbot, context)
    assert window.backups_action.isEnabled() is db.is_file
    assert window.check_action.isEnabled()
