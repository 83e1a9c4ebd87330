"""The list of past imports, each of which can be undone as a whole."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt
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

from prospector.changes import Changes
from prospector.enums import ImportStatus
from prospector.services import import_history
from prospector.services.import_history import BatchRecord, UndoCheck, check_undo, list_batches
from ui.context import AppContext
from ui.widgets.progress import ProgressDialogs
from ui.workers import Worker

SHOWN_EDITED = 10  # names of records edited since the import, before "and N more"
COUNT_COLUMNS = (3, 4, 5, 6)


class ImportHistoryDialog(QDialog):
    """The latest imports, newest first; Undo… removes what one added and restores what it
    changed, in one transaction, after saying what that means."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._locale = QLocale()
        self._batches: list[BatchRecord] = []
        self.job = context.operations.job(self)
        self._progress = ProgressDialogs(self, self.job)
        self.job.finished.connect(self._update_buttons)
        self.setWindowTitle(self.tr("Import history"))
        self.setMinimumSize(720, 360)
        intro = QLabel(
            self.tr(
                "Undoing an import deletes the companies and contacts it added and puts back "
                "what it changed in companies that were already there."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self._row_height = self.list.fontMetrics().height() + 8  # as high as the app's tables
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("File"),
                self.tr("Imported on"),
                self.tr("New companies"),
                self.tr("Updated"),
                self.tr("Skipped"),
                self.tr("Errors"),
                self.tr("Status"),
            ]
        )
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr("Nothing has been imported yet."))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton(self.tr("&Undo…"))
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        context.operations.changed.connect(self.on_changes)
        self.reload()
        # Arrow keys pick an import and Alt+U undoes it; with none yet, Enter closes.
        listed = self.list.topLevelItemCount() > 0
        (
            self.list if listed else self.buttons.button(QDialogButtonBox.StandardButton.Close)
        ).setFocus()

    # -- list -------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.imports:
            chosen = self.selected_batch()
            self.reload()
            if chosen is not None:
                self.select_batch(chosen.id)

    def reload(self) -> None:
        self._batches = self._operations.read(list_batches, parent=self) or []
        self.list.clear()
        for batch in self._batches:
            item = QTreeWidgetItem(
                [
                    str(batch.id),
                    batch.file_name + (f" \u2013 {batch.sheet}" if batch.sheet else ""),
                    self._when(batch.finished_at),
                    self._locale.toString(batch.created_count),
                    self._locale.toString(batch.updated_count),
                    self._locale.toString(batch.skipped_count),
                    self._locale.toString(batch.error_count),
                    self._status(batch.status),
                ]
            )
            for column in (0, *COUNT_COLUMNS):
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            item.setData(0, Qt.ItemDataRole.UserRole, batch.id)
            item.setSizeHint(0, QSize(0, self._row_height))
            self.list.addTopLevelItem(item)
        if self._batches:
            self._select_row(0)
        self.list.setVisible(bool(self._batches))
        self.empty_label.setVisible(not self._batches)
        self._update_buttons()

    def _when(self, moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        # Through the epoch so that Qt, not Python, applies this machine's time zone.
        local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        return self._locale.toString(local, QLocale.FormatType.ShortFormat)

    def _status(self, status: ImportStatus) -> str:
        labels = {
            ImportStatus.RUNNING: self.tr("Not finished"),
            ImportStatus.DONE: self.tr("Imported"),
            ImportStatus.UNDONE: self.tr("Undone"),
        }
        return labels[status]

    def selected_batch(self) -> BatchRecord | None:
        row = self.list.currentIndex().row()
        return self._batches[row] if 0 <= row < len(self._batches) else None

    def select_batch(self, batch_id: int) -> None:
        for row, batch in enumerate(self._batches):
            if batch.id == batch_id:
                self._select_row(row)

    def _select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.list.model().index(row, 0))

    def _update_buttons(self) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(
            not self.job.busy and batch is not None and batch.status is ImportStatus.DONE
        )

    # -- undo -------------------------------------------------------------------------------

    def undo_selected(self) -> Worker | None:
        """Say what undoing the selected import does, and do it if the user agrees."""
        batch = self.selected_batch()
        if batch is None or batch.status is not ImportStatus.DONE or self.job.busy:
            return None
        batch_id = batch.id
        check = self._operations.read(lambda session: check_undo(session, batch_id), parent=self)
        if check is None:
            self.reload()
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            self.confirmation(check),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self.status_label.clear()
        worker = self.job.start(
            self.tr("Undoing the import of %1…").replace("%1", batch.file_name),
            lambda db, progress: import_history.undo_import(db, batch_id, progress),
            self._on_undone,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )
        self._update_buttons()
        return worker

    def confirmation(self, check: UndoCheck) -> str:
        lines = [
            self.tr("%Ln companies it added will be deleted.", "", check.created_companies),
            self.tr("%Ln contacts it added will be deleted.", "", check.created_contacts),
        ]
        if check.updated_companies:
            lines.append(
                self.tr(
                    "%Ln companies it updated get their earlier values back.",
                    "",
                    check.updated_companies,
                )
            )
        if check.updated_contacts:
            lines.append(
                self.tr(
                    "%Ln contacts it updated get their earlier values back.",
                    "",
                    check.updated_contacts,
                )
            )
        text = (
            self.tr("Undo import number %1 of \u201c%2\u201d?")
            .replace("%1", str(check.batch_id))
            .replace("%2", check.file_name)
            + "\n\n"
            + "\n".join("\u2022 " + line for line in lines)
        )
        if check.edited_since:
            names = ", ".join(check.edited_since[:SHOWN_EDITED])
            more = len(check.edited_since) - SHOWN_EDITED
            if more > 0:
                names += " " + self.tr("and %Ln more", "", more)
            text += "\n\n" + self.tr(
                "These companies were edited after the import; those edits will be lost too: %1"
            ).replace("%1", names)
        return text

    def _on_undone(self, result: object) -> None:
        assert isinstance(result, UndoCheck)
        self.select_batch(result.batch_id)
        self.status_label.setText(
            self.tr("Import number %1 was undone.").replace("%1", str(result.batch_id))
        )

    def _on_failed(self, error: BaseException) -> None:
        self._operations.report(error, self)
        self.reload()

    def _on_cancelled(self) -> None:
        self.status_label.setText(self.tr("Undo cancelled; nothing was changed."))

    def reject(self) -> None:
        if self.job.busy:
            return  # the undo is one transaction: it finishes or is cancelled, never cut off
        super().reject()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> None:
        cls(context, parent).exec()
