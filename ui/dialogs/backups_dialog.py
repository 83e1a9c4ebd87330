"""The backups of the database file: when each was taken, what it holds, and restoring one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector import backups
from prospector.backups import Backup, Contents
from prospector.changes import EVERYTHING, Outcome
from prospector.restore import Restored, restore_backup
from ui.context import AppContext

if TYPE_CHECKING:
    from prospector.db import Database
    from prospector.progress import Progress
from ui.widgets.progress import ProgressDialogs

COUNT_COLUMNS = (2, 3, 4)


class BackupsDialog(QDialog):
    """Newest first; "Back up now" adds one, "Restore…" puts one back after saying what that
    means (the state it replaces is backed up first, so a restore can itself be undone)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._locale = QLocale()
        self._rows: list[tuple[Backup, Contents | None]] = []
        self.job = context.operations.job(self)
        self._progress = ProgressDialogs(self, self.job)
        self.job.finished.connect(self._update_buttons)
        self.setWindowTitle(self.tr("Backups"))
        self.setMinimumSize(760, 380)
        intro = QLabel(
            self.tr(
                "Backups of %1. Prospector makes one each day it is used and one before each "
                "update, and keeps one of each of the last 12 days, 10 weeks and 9 months."
            ).replace("%1", str(self._operations.database_file))
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [
                self.tr("Taken"),
                self.tr("Why"),
                self.tr("Companies"),
                self.tr("Contacts"),
                self.tr("Size"),
            ]
        )
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item, _column: self.restore_selected())
        self.empty = QLabel(self.tr("No backups yet. “Back up now” makes the first one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.folder_button = QPushButton(self.tr("Open &folder"))
        for button in (self.backup_button, self.restore_button, self.folder_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self._rows = self._operations.backups()
        self.list.clear()
        for backup, contents in self._rows:
            self.list.addTopLevelItem(self._item(backup, contents))
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.list.setVisible(bool(self._rows))
        self.empty.setVisible(not self._rows)
        self._update_buttons()

    def _item(self, backup: Backup, contents: Contents | None) -> QTreeWidgetItem:
        taken = QDateTime.fromSecsSinceEpoch(int(backup.taken.timestamp()))
        unreadable = self.tr("unreadable")
        item = QTreeWidgetItem(
            [
                self._locale.toString(taken, QLocale.FormatType.ShortFormat),
                self.reason(backup),
                self._locale.toString(contents.companies) if contents else unreadable,
                self._locale.toString(contents.contacts) if contents else unreadable,
                self.tr("%1 MB").replace(
                    "%1", self._locale.toString(backup.size / 1_000_000, "f", 1)
                ),
            ]
        )
        for column in COUNT_COLUMNS:
            item.setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        item.setToolTip(0, str(backup.path))
        return item

    def reason(self, backup: Backup) -> str:
        if backup.reason == backups.DAILY:
            return self.tr("Daily backup")
        if backup.reason == backups.MANUAL:
            return self.tr("Backed up by hand")
        if backup.reason == backups.BEFORE_RESTORE:
            return self.tr("Before a restore")
        if backup.reason == backups.DAMAGED:
            return self.tr("Damaged file, kept as it was")
        if backup.is_before_update:
            return self.tr("Before an update (schema %1)").replace("%1", backup.schema or "")
        return backup.reason

    def selected(self) -> tuple[Backup, Contents | None] | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._rows[self.list.indexOfTopLevelItem(item)]

    def _update_buttons(self) -> None:
        idle = not self.job.busy
        chosen = self.selected()
        self.backup_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and chosen is not None and chosen[1] is not None)

    def back_up_now(self) -> None:
        def work(db: Database, progress: Progress) -> Backup:
            return backups.take_backup(db, backups.MANUAL, step=progress.step)

        self.job.start(self.tr("Backing up…"), work, lambda _backup: self.reload())
        self._update_buttons()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.job.busy:
            return
        backup, contents = chosen
        if contents is None:
            return
        taken = QDateTime.fromSecsSinceEpoch(int(backup.taken.timestamp()))
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore backup"),
            self.tr(
                "Replace the database by the backup of %1? It holds %2 companies and %3 "
                "contacts; what was changed since is replaced."
            )
            .replace("%1", self._locale.toString(taken, QLocale.FormatType.LongFormat))
            .replace("%2", self._locale.toString(contents.companies))
            .replace("%3", self._locale.toString(contents.contacts)),
            parent=self,
        )
        question.setInformativeText(
            self.tr(
                "The database as it is now is backed up first: restoring that backup undoes this."
            )
        )
        restore = question.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        cancel = question.addButton(QMessageBox.StandardButton.Cancel)
        question.setDefaultButton(cancel)
        question.exec()
        if question.clickedButton() is not restore:
            return

        def work(db: Database, progress: Progress) -> Outcome[Restored]:
            return Outcome(restore_backup(db, backup.path, step=progress.step), EVERYTHING)

        self.job.start(self.tr("Restoring…"), work, self._restored)
        self._update_buttons()

    def _restored(self, restored: object) -> None:
        assert isinstance(restored, Restored)
        self._operations.history.clear()  # the steps belong to the data that was replaced
        self.reload()
        taken = QDateTime.fromSecsSinceEpoch(int(restored.safety.taken.timestamp()))
        self.note.setText(
            self.tr("Restored. The state before it is kept as the backup of %1.").replace(
                "%1", self._locale.toString(taken, QLocale.FormatType.ShortFormat)
            )
        )
        self.note.show()

    def open_folder(self) -> None:
        path = self._operations.database_file
        if path is not None:
            folder = backups.folder_of(path)
            folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @staticmethod
    def show_for(context: AppContext, parent: QWidget) -> BackupsDialog:
        dialog = BackupsDialog(context, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
