"""Care of the open database: the daily backup, the backups dialog and "check the database"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from prospector import backups
from prospector.changes import EVERYTHING, NOTHING, Outcome
from prospector.check_report import CheckReport
from ui.context import AppContext

if TYPE_CHECKING:
    from prospector.db import Database
    from prospector.progress import Progress
    from ui.operations import BackgroundJob

BACKUP_EVERY = dt.timedelta(days=1)
# The first look for a due backup waits until the start is over; then once an hour.
FIRST_LOOK_MS = 120_000
LOOK_EVERY_MS = 3_600_000


class DatabaseCare(QObject):
    """Backs up the database file once a day while the app runs (quietly, in the background,
    never at start-up), and runs the backups dialog and the check on request."""

    def __init__(self, context: AppContext, window: QMainWindow, job: BackgroundJob) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self._job = job  # the window's job: a check shows its progress dialog
        self._quiet = context.operations.job(window)  # the daily backup: no dialog
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.back_up_if_due)
        self._timer.start(FIRST_LOOK_MS)
        self.last_backup: backups.Backup | None = None

    @property
    def has_backups(self) -> bool:
        return self._context.operations.database_file is not None

    def back_up_if_due(self) -> None:
        """Take the daily backup if the newest one is a day old (or there is none)."""
        self._timer.setInterval(LOOK_EVERY_MS)
        path = self._context.operations.database_file
        if path is None or self._quiet.busy:
            return
        if not backups.due(path, dt.datetime.now(), BACKUP_EVERY):
            return

        def work(db: Database, progress: Progress) -> backups.Backup:
            return backups.take_backup(db, backups.DAILY, step=progress.step)

        self._quiet.start(
            self.tr("Backing up…"), work, self._backed_up, on_failed=self._backup_failed
        )

    def _backed_up(self, backup: object) -> None:
        assert isinstance(backup, backups.Backup)
        self.last_backup = backup
        self._window.statusBar().showMessage(
            self.tr("Daily backup saved: %1").replace("%1", backup.path.name), 8000
        )

    def _backup_failed(self, error: BaseException) -> None:
        from ui.messages import describe

        # Not a dialog over the user's work: the status bar says it, the log keeps it.
        self._window.statusBar().showMessage(describe(error), 30000)

    def stop(self) -> None:
        """Before the window closes: no backup half-way (its temporary file is removed)."""
        self._timer.stop()
        self._quiet.abandon()

    def show_backups(self) -> None:
        from ui.dialogs.backups_dialog import BackupsDialog

        BackupsDialog.show_for(self._context, self._window)

    def check(self) -> None:
        """Run the checks behind the progress dialog, then show the report."""
        from prospector.services.checkup import check_database  # not at start-up

        if self._job.busy:
            return

        def work(db: Database, progress: Progress) -> Outcome[CheckReport]:
            report = check_database(db, progress=progress)
            return Outcome(report, EVERYTHING if report.repaired else NOTHING)

        self._job.start(self.tr("Checking the database…"), work, self._checked)

    def _checked(self, report: object) -> None:
        from prospector.check_texts import report_lines
        from ui.dialogs.check_report_dialog import CheckReportDialog

        assert isinstance(report, CheckReport)
        operations = self._context.operations
        lines = report_lines(report, operations.location, server=not self.has_backups)
        dialog = CheckReportDialog(lines, damaged=report.damaged, parent=self._window)
        dialog.accepted.connect(self.show_backups)
        dialog.open()
        self.report_dialog = dialog
