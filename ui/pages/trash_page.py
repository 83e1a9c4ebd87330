"""The trash: deleted companies, to restore or to delete for good."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes, Outcome
from prospector.services import trash
from prospector.services.trash import TrashedCompany
from ui.context import AppContext
from ui.itemmodels.trash_table_model import TrashTableModel
from ui.widgets.row_table import row_table

if TYPE_CHECKING:
    from prospector.db import Database

NAME_COLUMN = 0
CITY_COLUMN = 1
FITTED_COLUMNS = (2, 3, 4)  # contacts, deleted on, removed for good on


class TrashPage(QWidget):
    """Lists what is in the trash; restoring is one click, deleting for good asks first."""

    count_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self.setObjectName("trashPage")
        self.explanation = QLabel(
            self.tr("Deleted companies stay here for 30 days; then they are removed for good.")
        )
        self.explanation.setWordWrap(True)

        self.model = TrashTableModel(self)
        self.view = row_table(
            QTableView(),
            self.model,
            "trashTable",
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        # The name takes the room that is left; counts and dates get the width they need in
        # the user's language and date format (see _fit_columns), so nothing is clipped.
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(CITY_COLUMN, self.fontMetrics().averageCharWidth() * 22 + 16)
        self._fit_columns()
        self.view.selectionModel().selectionChanged.connect(self._update_actions)

        # An empty table looks like a failed load; say plainly that there is nothing here.
        self.empty_label = QLabel(self.tr("The trash is empty."))
        self.empty_label.setObjectName("trashEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty_label)

        self.restore_action = self._action(
            self.tr("Restore"), self.restore_selected, "Ctrl+R", "Return", "Enter"
        )
        self.purge_action = self._action(
            self.tr("Delete for good…"), self.purge_selected, QKeySequence.StandardKey.Delete
        )
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setToolTip(self.tr("Bring the selected companies back (Ctrl+R)"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton(self.tr("Delete for good…"))
        self.purge_button.setToolTip(self.tr("Delete the selected companies for good (Del)"))
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button = QPushButton(self.tr("Empty trash…"))
        self.empty_button.setToolTip(self.tr("Delete every company in the trash for good"))
        self.empty_button.clicked.connect(self.empty_trash)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self._stack, 1)
        layout.addLayout(buttons)

        context.operations.changed.connect(self.on_changes)
        self._update_actions()

    def _action(
        self, text: str, slot: Callable[[], object], *keys: QKeySequence.StandardKey | str
    ) -> QAction:
        # Shortcuts live on the table: Enter or Del typed elsewhere in the window do nothing here.
        action = QAction(text, self.view)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def on_changes(self, changes: Changes) -> None:
        if changes.trash or changes.companies:
            self.reload()

    def reload(self) -> None:
        """Read the trash again, keeping the selection of companies that are still there."""
        chosen = set(self.selected_ids())
        rows = self._operations.read(trash.list_trash, parent=self)
        if rows is None:
            return
        self.model.set_rows(rows)
        selection = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, company in enumerate(rows):
            if company.id in chosen:
                selection.select(self.model.index(row, 0), flags)
        self._fit_columns()
        self._update_actions()
        self.count_changed.emit(len(rows))

    def _fit_columns(self) -> None:
        # Qt's fit leaves the text touching the grid line; some air makes the columns readable.
        padding = self.fontMetrics().averageCharWidth() * 2
        for column in FITTED_COLUMNS:
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, self.view.columnWidth(column) + padding)

    def selected_ids(self) -> list[int]:
        return [company.id for company in self._selected()]

    def _selected(self) -> list[TrashedCompany]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return [self.model.row_at(row) for row in sorted(rows)]

    def _update_actions(self) -> None:
        selected = self.view.selectionModel().hasSelection()
        for widget in (self.restore_action, self.restore_button, self.purge_action):
            widget.setEnabled(selected)
        self.purge_button.setEnabled(selected)
        has_rows = self.model.rowCount() > 0
        self.empty_button.setEnabled(has_rows)
        self._stack.setCurrentWidget(self.view if has_rows else self.empty_label)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self._write(lambda db: trash.restore_companies(db, ids))

    def purge_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        if len(chosen) == 1:
            question = self.tr(
                "Delete \u201c{name}\u201d for good? Its contacts and history are deleted "
                "with it. This cannot be undone."
            ).format(name=chosen[0].name)
        else:
            question = self.tr(
                "Delete %Ln companies for good? Their contacts and history are deleted "
                "with them. This cannot be undone.",
                "",
                len(chosen),
            )
        if self._confirm(self.tr("Delete for good"), question):
            self._purge([company.id for company in chosen])

    def empty_trash(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        question = self.tr(
            "Empty the trash? %Ln companies are deleted for good, with their contacts "
            "and history. This cannot be undone.",
            "",
            count,
        )
        # The companies the user saw, not whatever else was trashed since: the question named them.
        if self._confirm(self.tr("Empty trash"), question):
            self._purge([self.model.row_at(row).id for row in range(count)])

    def _purge(self, ids: list[int]) -> None:
        self._write(lambda db: trash.purge_companies(db, ids))

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _write(self, change: Callable[[Database], Outcome[int]]) -> None:
        """Run one use case; after a failure (told to the user) show the trash as it is."""
        if self._operations.write(change, parent=self) is None:
            self.reload()
